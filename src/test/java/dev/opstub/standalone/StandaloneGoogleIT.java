package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.gax.httpjson.longrunning.OperationsClient;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.speech.v1.SpeechClient;
import com.google.longrunning.ListOperationsRequest;
import dev.opstub.testing.GoogleSpeech;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Google's own speech client (google-cloud-speech 4.70.0 over HTTP/JSON) and gax's OperationsClient
 * against the repository's shipped Google mappings on the real standalone jar, in its own JVM.
 */
class StandaloneGoogleIT {
  private static StandaloneServer server;

  @BeforeAll
  static void start() {
    server = StandaloneServer.startWithRepositoryMappings();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theShippedSpeechMappingCompletesWithItsTranscript() throws Exception {
    try (SpeechClient speech = GoogleSpeech.client(server.baseUrl())) {
      var future = speech.longRunningRecognizeAsync(GoogleSpeech.request("gs://bucket/brooklyn.raw"));

      assertThat(GoogleSpeech.transcript(future.get())).isEqualTo("how old is the Brooklyn Bridge");
      assertThat(future.getMetadata().get().getProgressPercent()).isEqualTo(100);
    }
  }

  @Test
  void theWellKnownBadAudioFailsWithInvalidArgumentException() throws Exception {
    try (SpeechClient speech = GoogleSpeech.client(server.baseUrl())) {
      Throwable thrown = catchThrowable(() ->
          speech.longRunningRecognizeAsync(GoogleSpeech.request("gs://bucket/opstub-bad-audio.raw")).get());

      assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("Invalid audio");
    }
  }

  @Test
  void theOperationsClientListsAndDeletesTheOperationsTheShippedStartMade() throws Exception {
    try (SpeechClient speech = GoogleSpeech.client(server.baseUrl())) {
      List<String> started = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        started.add(speech.longRunningRecognizeAsync(GoogleSpeech.request("gs://bucket/" + i + ".raw"))
            .getInitialFuture().get().getName());
      }
      OperationsClient operations = speech.getHttpJsonOperationsClient();
      List<String> listed = new ArrayList<>();
      operations.listOperations(ListOperationsRequest.newBuilder().setName("operations").setPageSize(1).build())
          .iterateAll().forEach(o -> listed.add(o.getName()));
      assertThat(listed).containsAll(started);

      operations.deleteOperation("operations/" + started.get(0));
      assertThat(catchThrowable(() -> operations.getOperation(started.get(0)))).isInstanceOf(NotFoundException.class);
    }
  }
}
