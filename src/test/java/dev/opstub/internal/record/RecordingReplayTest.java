package dev.opstub.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.internal.validate.MappingValidator;
import dev.opstub.testing.AzureRecordingScenario;
import dev.opstub.testing.Http;
import dev.opstub.testing.RecordingScenario;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of issue 16, in-process: a client runs through a server that records a "real
 * service" (a second OpStub server with scripted timelines), the recording is stopped, a fresh
 * server serves the written mappings, and the same client sees the same answers.
 */
class RecordingReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<WireMockServer> servers = new ArrayList<>();

  @TempDir
  Path service;
  @TempDir
  Path root;

  @AfterEach
  void stopServers() {
    servers.forEach(WireMockServer::stop);
  }

  private WireMockServer start(Path filesRoot) {
    return RecordingScenario.startServer(filesRoot, servers);
  }

  private static String admin(WireMockServer server, String route, String body) {
    return RecordingScenario.recordings(server, route, body);
  }

  @Test
  void aClientSeesTheSameAnswersFromTheRecordedMappingsAsFromTheRecordedService() throws Exception {
    RecordingScenario.writeServiceMappings(RecordingScenario.rootWithShippedMappings(service));
    WireMockServer original = start(service);
    WireMockServer recorder = start(RecordingScenario.rootWithShippedMappings(root));

    admin(recorder, "start", "{\"targetBaseUrl\": \"" + original.baseUrl() + "\"}");
    List<String> throughTheRecorder = RecordingScenario.runClient(recorder.baseUrl());
    JsonNode stopped = JSON.readTree(admin(recorder, "stop", ""));
    recorder.stop();
    WireMockServer replay = start(root);
    List<String> fromTheRecording = RecordingScenario.runClient(replay.baseUrl());

    assertThat(throughTheRecorder).anyMatch(line -> line.contains("HTTP 429") && line.contains("Retry-After=1"))
        .anyMatch(line -> line.contains("HTTP 503"))
        .anyMatch(line -> line.contains("<d:ErrorCode>InsufficientCapacity</d:ErrorCode>"))
        .anyMatch(line -> line.contains("\"ErrorCode\": \"Timeout\""));
    assertThat(fromTheRecording).containsExactlyElementsOf(throughTheRecorder);
    assertThat(stopped.get("files")).hasSize(stopped.get("mappings").size());
  }

  @Test
  void aRecordedFolderReplaysOnItsOwnAndWithTheShippedMappingsAlike() throws Exception {
    RecordingScenario.writeServiceMappings(RecordingScenario.rootWithShippedMappings(service));
    WireMockServer original = start(service);
    WireMockServer recorder = start(root); // an empty root: the recording is all the replay will have
    admin(recorder, "start", "{\"targetBaseUrl\": \"" + original.baseUrl() + "\"}");
    List<String> throughTheRecorder = RecordingScenario.runClient(recorder.baseUrl());
    admin(recorder, "stop", "");
    recorder.stop();

    WireMockServer alone = start(root);
    List<String> fromTheFolderAlone = RecordingScenario.runClient(alone.baseUrl());
    alone.stop();
    WireMockServer withShipped = start(RecordingScenario.rootWithShippedMappings(root));
    List<String> withTheShippedSet = RecordingScenario.runClient(withShipped.baseUrl());

    assertThat(recorded()).extracting(file -> file.getFileName().toString())
        .contains("face-operations-live.json", "media-operations-live.json");
    assertThat(fromTheFolderAlone).containsExactlyElementsOf(throughTheRecorder);
    assertThat(withTheShippedSet).containsExactlyElementsOf(throughTheRecorder);
    assertThat(MappingValidator.validate(List.of(root))).isEmpty();
  }

  /**
   * Issue 30: a recorded Azure flow replays as it was recorded, from the recorded folder alone. The
   * real clients (Document Intelligence 1.0.5, ARM resources) run through a recording server in
   * front of a "real service" ({@link AzureRecordingScenario}), then against a fresh server on the
   * recorded folder alone, and every answer the server gave is compared.
   */
  @Test
  void theRealAzureClientsGetTheSameAnswersFromTheRecordedFolderAloneAsFromTheRecordedService() throws Exception {
    WireMockServer original = start(AzureRecordingScenario.writeServiceMappings(
        RecordingScenario.rootWithShippedMappings(service)));
    WireMockServer recorder = start(root); // an empty root: the recording is all the replay will have
    admin(recorder, "start", "{\"targetBaseUrl\": \"" + original.baseUrl() + "\"}");
    String recordedOutcome = AzureRecordingScenario.runClients(recorder.baseUrl());
    List<String> recorded = AzureRecordingScenario.answers(recorder.baseUrl());
    JsonNode stopped = JSON.readTree(admin(recorder, "stop", ""));
    recorder.stop();

    WireMockServer replay = start(root);
    String replayedOutcome = AzureRecordingScenario.runClients(replay.baseUrl());
    List<String> replayed = AzureRecordingScenario.answers(replay.baseUrl());

    AzureRecordingScenario.assertShowsWhatTheIssueSaw(recorded);
    assertThat(replayed).as("notes: %s\nfiles: %s", stopped.get("notes"), stopped.get("mappings"))
        .containsExactlyElementsOf(recorded);
    assertThat(replayedOutcome).isEqualTo(recordedOutcome).startsWith("Recorded. / ResourceGroupDeletionBlocked: ");
    assertThat(MappingValidator.validate(List.of(root))).isEmpty();
  }

  /** Records the client's run against the scripted service into {@code root}; the stop call's answer. */
  private String recordTheScenario(String moreStartFields) {
    RecordingScenario.writeServiceMappings(RecordingScenario.rootWithShippedMappings(service));
    WireMockServer original = start(service);
    WireMockServer recorder = start(root);
    admin(recorder, "start", "{\"targetBaseUrl\": \"" + original.baseUrl() + "\"" + moreStartFields + "}");
    RecordingScenario.runClient(recorder.baseUrl());
    return admin(recorder, "stop", "");
  }

  @Test
  void eachOperationBecomesOneMappingWithItsTimelineInTheCompactNotation() throws Exception {
    recordTheScenario("");

    List<String> timelines = new ArrayList<>();
    for (Path file : recorded()) {
      if (!file.getFileName().toString().contains("-operations-live")) {
        timelines.add(JSON.readTree(file.toFile()).at("/response/transformerParameters/timeline").asText());
      }
    }
    assertThat(timelines).containsExactlyInAnyOrder(
        "notStarted, running, http(429, Retry-After=1000ms), running x2, failed(The source person group was edited "
            + "while the snapshot was taken)",
        "notStarted, running x3, succeeded", "notStarted, running x3, succeeded", // the take's operation and its starter
        "running, succeeded", "running, succeeded", // the apply's
        "InProgress, http(503, Retry-After=2000ms), InProgress, Failed(Timeout: the channel did not start in time)",
        "InProgress x2, Failed(InsufficientCapacity: no capacity left in West US)",
        "InProgress x2, Failed(InsufficientCapacity: no capacity left in West US)",
        "InProgress x2, Succeeded", "InProgress x2, Succeeded");
    assertThat(MappingValidator.validate(List.of(root))).isEmpty();
  }

  @Test
  void theWrittenFilesHoldNoKeyTokenOrNamedHeaderValue() throws Exception {
    String answer = recordTheScenario(", \"secretHeaders\": [\"x-ms-version\"]");

    assertThat(recorded()).isNotEmpty();
    for (Path file : recorded()) {
      assertThat(Files.readString(file)).doesNotContainIgnoringCase(RecordingScenario.KEY)
          .doesNotContain(RecordingScenario.TOKEN).doesNotContainIgnoringCase("Ocp-Apim-Subscription-Key")
          .doesNotContainIgnoringCase("Authorization").doesNotContain("x-ms-version");
    }
    assertThat(answer).doesNotContainIgnoringCase(RecordingScenario.KEY).doesNotContain(RecordingScenario.TOKEN);
  }

  @Test
  void aSecretQueryParameterNamedAsDocumentedIsScrubbedFromTheFilesAndTheirNames() throws Exception {
    RecordingScenario.writeServiceMappings(RecordingScenario.rootWithShippedMappings(service));
    WireMockServer original = start(service);
    WireMockServer recorder = start(root);
    String documented = Files.readAllLines(Path.of("docs/recording.md")).stream()
        .filter(line -> line.startsWith("curl ") && line.contains("secretQueryParameters")).findFirst().orElseThrow();
    admin(recorder, "start", documented.replaceAll(".* -d '([^']*)'.*", "$1")
        .replace("https://myapp.azurewebsites.net", original.baseUrl()));
    // A function key in the query, which a test also used as the objectId of its snapshot.
    String code = "fn-key-0123456789";
    String face = recorder.baseUrl() + "/face/v1.0-preview";
    String[] key = {"Ocp-Apim-Subscription-Key", RecordingScenario.KEY};
    HttpResponse<String> take = Http.send("POST", face + "/snapshots?code=" + code, "{\"type\":\"PersonGroup\","
        + "\"objectId\":\"" + code + "\",\"applyScope\":[\"" + RecordingScenario.KEY + "\"]}", key[0], key[1],
        "Content-Type", "application/json");
    String operation = take.headers().firstValue("Operation-Location").orElseThrow();
    for (int i = 0; i < 4; i++) {
      Http.get(face + operation + "?code=" + code, key);
    }
    String stopped = admin(recorder, "stop", "");

    assertThat(recorded()).extracting(file -> file.getFileName().toString()).contains("face-start-take-REDACTED.json")
        .noneMatch(name -> name.contains(code));
    for (Path file : recorded()) {
      assertThat(Files.readString(file)).doesNotContain(code);
    }
    assertThat(stopped).doesNotContain(code);
  }

  @Test
  void aStartWithAFieldItDoesNotTakeIsRefusedNamingTheAllowedOnes() {
    WireMockServer recorder = start(root);

    HttpResponse<String> answer = Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/start",
        "{\"targetBaseUrl\": \"http://127.0.0.1:1\", \"transformers\": [\"x\"]}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("unknown field \\\"transformers\\\"; allowed: targetBaseUrl, secretHeaders, "
        + "secretQueryParameters, timing, folder");
    assertThat(Http.get(recorder.baseUrl() + "/__admin/opstub/recordings").body()).contains("\"recording\":false");
  }

  @Test
  void stoppingWhenNothingIsRecordedSaysHowToStart() {
    WireMockServer recorder = start(root);

    HttpResponse<String> answer = Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/stop", null);

    assertThat(answer.statusCode()).isEqualTo(409);
    assertThat(answer.body()).contains("no recording is running; start one with POST /__admin/opstub/recordings/start");
  }

  @Test
  void aRecordingNeverOverwritesMappingsAlreadyInItsFolder() throws Exception {
    Files.createDirectories(root.resolve("mappings/recorded"));
    Files.writeString(root.resolve("mappings/recorded/mine.json"), "{\"request\": {\"url\": \"/x\"}, \"response\": {}}");
    WireMockServer recorder = start(root);

    HttpResponse<String> answer = Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/start",
        "{\"targetBaseUrl\": \"http://127.0.0.1:1\"}");

    assertThat(answer.statusCode()).isEqualTo(409);
    assertThat(answer.body()).contains("mappings/recorded holds 1 mapping file(s) already");
  }

  private List<Path> recorded() throws Exception {
    try (Stream<Path> files = Files.list(root.resolve("mappings/recorded"))) {
      return files.sorted().toList();
    }
  }
}
