package dev.opstub.internal.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.spi.StubParameters;
import java.io.File;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a Google operation keeps stays small: the shipped start's operations keep their poll count only, and share it. */
class GoogleKeptTest {

  @Test
  void theShippedSpeechStartsOperationsKeepOnlyTheirPollCountInOneSharedString() throws Exception {
    Map<?, ?> mapping = new ObjectMapper().readValue(new File("mappings/google/speech-longrunningrecognize.json"), Map.class);
    StubParameters parameters = StubParameters.read(GoogleStart.INSTANCE,
        (Map<?, ?>) ((Map<?, ?>) mapping.get("response")).get("transformerParameters"));

    String one = GoogleKept.encode(parameters.get(GoogleKept.METADATA_PARAMETER),
        parameters.get(GoogleKept.RESPONSE_PARAMETER), parameters.get(GoogleOperation.TIMELINE));
    String another = GoogleKept.encode(parameters.get(GoogleKept.METADATA_PARAMETER).deepCopy(),
        parameters.get(GoogleKept.RESPONSE_PARAMETER).deepCopy(), parameters.get(GoogleOperation.TIMELINE));

    assertThat(one).isEqualTo("{\"n\":2}");
    assertThat(another).isSameAs(one);
    assertThat(GoogleKept.decode(one).response()).isEqualTo(GoogleKept.DEFAULT_RESPONSE);
  }

  @Test
  void aResponseOfItsOwnRoundTripsThroughTheKeptText() {
    ObjectNode response = GoogleKept.any("response", "{\"@type\":\"type.googleapis.com/my.v1.Result\",\"rows\":[1,2]}");
    GoogleKept kept = GoogleKept.decode(GoogleKept.encode(null, response, GoogleStart.DEFAULT_TIMELINE));

    assertThat(kept.response()).isEqualTo(response);
    assertThat(kept.metadata()).isEqualTo(GoogleKept.DEFAULT_METADATA);
    assertThat(kept.runningPolls()).isEqualTo(2);
  }

  @Test
  void aTargetThisVersionDidNotWriteServesSpeechsDefaultsRatherThanFailing() {
    assertThat(GoogleKept.decode("not json").response()).isEqualTo(GoogleKept.DEFAULT_RESPONSE);
    assertThat(GoogleKept.decode("").response()).isEqualTo(GoogleKept.DEFAULT_RESPONSE);
    assertThat(GoogleKept.decode("[1]").response()).isEqualTo(GoogleKept.DEFAULT_RESPONSE);
    assertThat(GoogleKept.decode(null).runningPolls()).isEqualTo(-1);
  }
}
