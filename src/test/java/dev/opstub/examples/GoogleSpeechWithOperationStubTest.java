package dev.opstub.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.gax.httpjson.longrunning.OperationsClient;
import com.google.api.gax.longrunning.OperationFuture;
import com.google.api.gax.rpc.CancelledException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.speech.v1.LongRunningRecognizeMetadata;
import com.google.cloud.speech.v1.LongRunningRecognizeResponse;
import com.google.cloud.speech.v1.SpeechClient;
import com.google.longrunning.ListOperationsRequest;
import com.google.longrunning.Operation;
import dev.opstub.junit.OpStubServer;
import dev.opstub.junit.OperationStub;
import dev.opstub.testing.GoogleSpeech;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Google's own speech client (HTTP/JSON) and gax's OperationsClient against operations scripted by
 * {@code @OperationStub(apiName = "google")}: the client sees what a real Speech service would send.
 */
class GoogleSpeechWithOperationStubTest {
  static final String RESPONSE = "response={\"@type\":\"type.googleapis.com/google.cloud.speech.v1.LongRunningRecognizeResponse\","
      + "\"results\":[{\"alternatives\":[{\"transcript\":\"scripted words\",\"confidence\":0.9}]}]}";

  @Test
  @OperationStub(apiName = "google", name = "speech", timeline = "Running x2, Done", with = RESPONSE)
  void longRunningRecognizeReturnsTheScriptedTranscriptAfterTheScriptedPolls(OpStubServer server) throws Exception {
    try (SpeechClient speech = GoogleSpeech.client(server.baseUrl())) {
      OperationFuture<LongRunningRecognizeResponse, LongRunningRecognizeMetadata> future =
          speech.longRunningRecognizeAsync(GoogleSpeech.request("gs://bucket/brooklyn.raw"));

      assertThat(GoogleSpeech.transcript(future.get())).isEqualTo("scripted words");
      assertThat(future.getMetadata().get().getProgressPercent()).isEqualTo(100);
      assertThat(server.polls("google", future.getName())).extracting(p -> p.status())
          .containsExactly("Running", "Running", "Done");
    }
  }

  @Test
  @OperationStub(apiName = "google", timeline = "Running, Failed(3: bad audio)")
  void aScriptedInvalidArgumentFailsTheFutureWithInvalidArgumentException(OpStubServer server) throws Exception {
    try (SpeechClient speech = GoogleSpeech.client(server.baseUrl())) {
      Throwable thrown = catchThrowable(() -> speech.longRunningRecognizeAsync(GoogleSpeech.request("gs://b/a.raw")).get());

      assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("bad audio");
    }
  }

  @Test
  @OperationStub(apiName = "google", timeline = "Running 10m, Done")
  void aCancelThroughTheOperationsClientEndsTheOperationCancelled(OpStubServer server) throws Exception {
    try (SpeechClient speech = GoogleSpeech.client(server.baseUrl())) {
      OperationFuture<LongRunningRecognizeResponse, LongRunningRecognizeMetadata> future =
          speech.longRunningRecognizeAsync(GoogleSpeech.request("gs://bucket/long.raw"));
      String name = future.getInitialFuture().get().getName();
      OperationsClient operations = speech.getHttpJsonOperationsClient();

      // Speech names operations with a bare number; gax's cancel binding is /v1/{name=**/operations/*}:cancel.
      operations.cancelOperation("operations/" + name);

      assertThat(catchThrowable(future::get)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(CancelledException.class);
      Operation cancelled = operations.getOperation(name);
      assertThat(cancelled.getDone()).isTrue();
      assertThat(cancelled.getError().getCode()).isEqualTo(1);
    }
  }

  @Test
  @OperationStub(apiName = "google", timeline = "Running 1m, Done")
  void theOperationsClientGetsListsPageByPageCancelsAndDeletes(OpStubServer server) throws Exception {
    server.freezeClock(); // the futures poll in the background: only the clock ends the running step
    try (SpeechClient speech = GoogleSpeech.client(server.baseUrl())) {
      List<String> started = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        started.add(speech.longRunningRecognizeAsync(GoogleSpeech.request("gs://bucket/" + i + ".raw"))
            .getInitialFuture().get().getName());
      }
      OperationsClient operations = speech.getHttpJsonOperationsClient();

      Operation first = operations.getOperation(started.get(0));
      assertThat(first.getDone()).isFalse();
      assertThat(first.getMetadata().unpack(LongRunningRecognizeMetadata.class).getProgressPercent()).isEqualTo(50);

      var listed = operations.listOperations(ListOperationsRequest.newBuilder().setName("operations").setPageSize(2).build());
      List<String> names = new ArrayList<>();
      int pages = 0;
      for (var page : listed.iteratePages()) {
        pages++;
        page.getValues().forEach(o -> names.add(o.getName()));
      }
      assertThat(names).containsExactlyElementsOf(started.stream().sorted().toList());
      assertThat(pages).isEqualTo(3);

      operations.cancelOperation("operations/" + started.get(1));
      assertThat(operations.getOperation(started.get(1)).getError().getCode()).isEqualTo(1);
      List<String> done = new ArrayList<>();
      operations.listOperations(ListOperationsRequest.newBuilder().setName("operations").setFilter("done=true").build())
          .iterateAll().forEach(o -> done.add(o.getName()));
      assertThat(done).containsExactly(started.get(1));

      operations.deleteOperation("operations/" + started.get(2));
      assertThat(catchThrowable(() -> operations.getOperation(started.get(2)))).isInstanceOf(NotFoundException.class);

      server.advanceClock(java.time.Duration.ofMinutes(1));
      Operation finished = operations.getOperation(started.get(0));
      assertThat(finished.getDone()).isTrue();
      assertThat(GoogleSpeech.transcript(finished.getResponse().unpack(LongRunningRecognizeResponse.class)))
          .isEqualTo("how old is the Brooklyn Bridge");
    }
  }

  @Test
  @OperationStub(apiName = "google", id = "projects/p1/locations/global/operations/op-7", timeline = "Running, Done")
  void aStubForOneNameScriptsThatOperationForTheOperationsClient(OpStubServer server) throws Exception {
    try (SpeechClient speech = GoogleSpeech.client(server.baseUrl())) {
      OperationsClient operations = speech.getHttpJsonOperationsClient();

      assertThat(operations.getOperation("projects/p1/locations/global/operations/op-7").getDone()).isFalse();
      Operation done = operations.getOperation("projects/p1/locations/global/operations/op-7");

      assertThat(done.getDone()).isTrue();
      assertThat(GoogleSpeech.transcript(done.getResponse().unpack(LongRunningRecognizeResponse.class)))
          .isEqualTo("how old is the Brooklyn Bridge");
    }
  }

  @Test
  @OperationStub(apiName = "google", id = "projects/p1/locations/global/operations/op-8", timeline = "Running x5, Done")
  void aCancelBeforeAnyPollOfAScriptedNameEndsThatOperationCancelled(OpStubServer server) throws Exception {
    var cancel = dev.opstub.testing.Http.send("POST",
        server.baseUrl() + "/v1/projects/p1/locations/global/operations/op-8:cancel", "");

    assertThat(cancel.statusCode()).isEqualTo(200);
    try (SpeechClient speech = GoogleSpeech.client(server.baseUrl())) {
      Operation cancelled = speech.getHttpJsonOperationsClient()
          .getOperation("projects/p1/locations/global/operations/op-8");
      assertThat(cancelled.getDone()).isTrue();
      assertThat(cancelled.getError().getCode()).isEqualTo(1);
    }
  }
}
