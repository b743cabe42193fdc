package dev.opstub.junit;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.opstub.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** {@code @OperationStub(apiName = "google")} and {@code OpStubServer}'s ways in, through the registry. */
@OpStubTest
class GoogleOperationStubTest {

  @Test
  @OperationStub(apiName = "google", timeline = "Running, Done", with = {"method=POST", "path=/v1/videos:annotate",
      "response={\"@type\":\"type.googleapis.com/google.cloud.videointelligence.v1.AnnotateVideoResponse\"}",
      "operationName=projects/p1/locations/us-east1/operations/{id}"})
  void aStubNamesAnotherStartItsResponseAndHowItsOperationsAreNamed(OpStubServer server) throws Exception {
    String started = Http.send("POST", server.baseUrl() + "/v1/videos:annotate", "{\"inputUri\":\"gs://b/v.mp4\"}").body();
    String name = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(started).get("name").asText();
    assertThat(name).matches("projects/p1/locations/us-east1/operations/[0-9]{19}");

    Http.get(server.baseUrl() + "/v1/" + name);
    assertThatJson(Http.get(server.baseUrl() + "/v1/" + name).body()).node("response")
        .isEqualTo("{\"@type\":\"type.googleapis.com/google.cloud.videointelligence.v1.AnnotateVideoResponse\"}");
    assertThat(server.polls("google", name)).extracting(RecordedPoll::status).containsExactly("Running", "Done");
    assertThat(server.currentStatus("google", name)).isEqualTo("Done");
  }

  @Test
  void addOperationWithTakesResponseAndMetadataAndRefusesAnUntypedOne(OpStubServer server) {
    server.addOperationWith("google", "operations/added-1", "Done", Map.of("response",
        Map.of("@type", "type.googleapis.com/my.v1.Result", "rows", 3)));
    assertThatJson(Http.get(server.baseUrl() + "/v1/operations/added-1").body()).node("response.rows").isEqualTo(3);
    assertThat(server.isLive("google", "added-1")).isTrue();
    server.addOperation("google", "added-3", "Done", "{\"@type\":\"type.googleapis.com/my.v1.Result\",\"rows\":4}");
    assertThatJson(Http.get(server.baseUrl() + "/v1/operations/added-3").body()).node("response.rows").isEqualTo(4);

    assertThatThrownBy(() -> server.addOperationWith("google", "added-2", "Done", Map.of("metadata", Map.of("x", 1))))
        .hasMessageContaining("metadata must name its message type in \"@type\"");
    assertThatThrownBy(() -> server.addOperation("google", "bad name!", "Done"))
        .hasMessageContaining("an operation name");
  }

  static class UnknownCode {
    @Test
    @OperationStub(apiName = "google", timeline = "Running, Failed(42: no such code)")
    void test() {}
  }

  @Test
  void aFailedStepWithACodeGoogleDoesNotHaveIsRefusedNamingTheCodes() {
    List<Event> failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(UnknownCode.class)).execute()
        .allEvents().failed().list();
    assertThat(failed).isNotEmpty();
    assertThat(failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow()).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("on method UnknownCode.test")
        .hasMessageContaining("google.rpc code from 1 to 16");
  }
}
