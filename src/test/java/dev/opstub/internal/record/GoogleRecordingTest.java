package dev.opstub.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.validate.MappingValidator;
import dev.opstub.internal.validate.Problem;
import dev.opstub.spi.Request;
import dev.opstub.testing.GoogleRecordingScenario;
import dev.opstub.testing.RecordingScenario;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording of Google operations (Speech's longrunningrecognize and its polls) becomes a starter
 * and an operation mapping whose replay gives Google's own client the same transcript or error.
 */
class GoogleRecordingTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String START = "/v1/speech:longrunningrecognize";
  private static final String METADATA = "{\"@type\":\"type.googleapis.com/google.cloud.speech.v1."
      + "LongRunningRecognizeMetadata\",\"progressPercent\":%d,\"startTime\":\"2026-12-01T10:00:00Z\",\"uri\":\"gs://b/a.raw\"}";
  private final List<Exchange> exchanges = new ArrayList<>();
  private final List<WireMockServer> servers = new ArrayList<>();

  @TempDir
  Path service;
  @TempDir
  Path root;

  @AfterEach
  void stopServers() {
    servers.forEach(WireMockServer::stop);
  }

  private void answer(long atMillis, String method, String path, String requestBody, String body) {
    exchanges.add(new Exchange(T0.plusMillis(atMillis), new Request(method, path, "http://x", Map.of(), requestBody, ""),
        200, Map.of("Content-Type", "application/json"), body));
  }

  private static String operation(String name, int percent, String end) {
    return "{\"name\":\"" + name + "\",\"metadata\":" + String.format(METADATA, percent) + ",\"done\":"
        + (end != null) + (end == null ? "" : "," + end) + "}";
  }

  private static Map<String, Object> parametersOf(Collapser.Result result, String file) {
    return AzureRecordingTest.parametersOf(result, file);
  }

  @Test
  void aLongRunningRecognizeAndItsPollsKeepTheProgressTheTranscriptAndTheMetadata() {
    answer(0, "POST", START, "{\"audio\":{\"uri\":\"gs://b/a.raw\"}}", operation("761", 0, null));
    answer(100, "GET", "/v1/operations/761", "", operation("761", 33, null));
    answer(200, "GET", "/v1/operations/761", "", operation("761", 66, null));
    answer(300, "GET", "/v1/operations/761", "", operation("761", 100, "\"response\":" + GoogleRecordingScenario.RESPONSE));

    Collapser.Result result = new Collapser(Apis.builtIn(), false).collapse(exchanges);

    Map<String, Object> starter = parametersOf(result, "google-start-longrunningrecognize-b-a.raw.json");
    assertThat(starter).containsEntry("timeline", "Running(33), Running(66), Done")
        .doesNotContainKey("operationName");
    assertThat(starter.get("response").toString()).contains("recorded words");
    assertThat(starter.get("metadata")).asString().contains("progressPercent=0", "startTime=null", "uri=gs://b/a.raw");
    assertThat(parametersOf(result, "google-operation-761.json")).containsEntry("timeline", "Running(33), Running(66), Done")
        .containsKeys("response", "metadata");
    assertThat(result.mappings().toString()).contains("matchesJsonPath=$[?(@.audio.uri == 'gs://b/a.raw')]",
        "method=ANY");
  }

  @Test
  void anErrorIsAFailedStepWithItsCodeAndACancelIsCancelled() {
    answer(0, "POST", START, "{\"audio\":{\"uri\":\"gs://b/bad.raw\"}}", operation("1", 0, null));
    answer(100, "GET", "/v1/operations/1", "", operation("1", 50, "\"error\":{\"code\":3,\"message\":\"bad audio\"}"));
    answer(200, "POST", START, "{\"audio\":{\"uri\":\"gs://b/long.raw\"}}", operation("2", 0, null));
    answer(300, "GET", "/v1/operations/2", "", operation("2", 0, null));
    answer(400, "GET", "/v1/operations/2", "", operation("2", 0, "\"error\":{\"code\":1,\"message\":\"cancelled\"}"));

    Collapser.Result result = new Collapser(Apis.builtIn(), false).collapse(exchanges);

    assertThat(parametersOf(result, "google-start-longrunningrecognize-b-bad.raw.json"))
        .containsEntry("timeline", "Failed(3: bad audio)").doesNotContainKey("response");
    assertThat(parametersOf(result, "google-start-longrunningrecognize-b-long.raw.json"))
        .containsEntry("timeline", "Running(0), Cancelled");
  }

  @Test
  void aNestedOperationNameIsKeptAsTheStartersOperationName() {
    String name = "projects/p1/locations/global/operations/op-7";
    answer(0, "POST", START, "{}", operation(name, 0, null));
    answer(100, "GET", "/v1/" + name, "", operation(name, 100, "\"response\":" + GoogleRecordingScenario.RESPONSE));

    Collapser.Result result = new Collapser(Apis.builtIn(), false).collapse(exchanges);

    assertThat(parametersOf(result, "google-start-longrunningrecognize.json"))
        .containsEntry("operationName", "projects/p1/locations/global/operations/{id}")
        .containsEntry("timeline", "Done");
  }

  private WireMockServer start(Path filesRoot) {
    return RecordingScenario.startServer(filesRoot, servers);
  }

  private static String admin(WireMockServer server, String route, String body) {
    return RecordingScenario.recordings(server, route, body);
  }

  @Test
  void googlesSpeechClientGetsTheSameTranscriptAndErrorFromTheRecordingAloneAndWithTheShippedSetAsFromTheService()
      throws Exception {
    WireMockServer original = start(GoogleRecordingScenario.writeServiceMappings(
        RecordingScenario.rootWithShippedMappings(service)));
    WireMockServer recorder = start(root); // an empty root: the recording is all the replay will have
    admin(recorder, "start", "{\"targetBaseUrl\": \"" + original.baseUrl() + "\"}");
    List<String> recorded = GoogleRecordingScenario.runClient(recorder.baseUrl());
    String stopped = admin(recorder, "stop", "");
    recorder.stop();

    WireMockServer alone = start(root);
    List<String> fromTheFolderAlone = GoogleRecordingScenario.runClient(alone.baseUrl());
    alone.stop();
    // Before the shipped set joins: its operations.json and operations-list.json repeat the requests of
    // the recorded google-operations-live*.json (docs/recording.md), which Validate reports.
    List<Problem> problems = MappingValidator.validate(List.of(root));
    WireMockServer withShipped = start(RecordingScenario.rootWithShippedMappings(root));
    List<String> withTheShippedSet = GoogleRecordingScenario.runClient(withShipped.baseUrl());

    assertThat(recorded.get(0)).isEqualTo(GoogleRecordingScenario.TRANSCRIPT);
    assertThat(recorded.get(1)).contains("bad audio");
    assertThat(fromTheFolderAlone).as(stopped).containsExactlyElementsOf(recorded);
    assertThat(withTheShippedSet).as(stopped).containsExactlyElementsOf(recorded);
    assertThat(problems).isEmpty();
  }
}
