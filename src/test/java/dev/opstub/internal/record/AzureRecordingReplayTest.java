package dev.opstub.internal.record;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.internal.validate.MappingValidator;
import dev.opstub.testing.AzureRecordingScenario;
import dev.opstub.testing.Http;
import dev.opstub.testing.RecordingScenario;
import dev.opstub.wiremock.OpStubExtensions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30: a recorded Azure flow replays as it was recorded, from the recorded folder alone. The
 * real clients (Document Intelligence 1.0.5, ARM resources) run through a recording server in
 * front of a "real service" ({@link AzureRecordingScenario}), then against a fresh server on the
 * recorded folder alone, and every answer the server gave is compared.
 */
class AzureRecordingReplayTest {
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
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .maxRequestJournalEntries(1000).asynchronousResponseEnabled(true)
        .usingFilesUnderDirectory(filesRoot.toString()).extensions(new OpStubExtensions()));
    server.start();
    servers.add(server);
    return server;
  }

  private static String admin(WireMockServer server, String route, String body) {
    HttpResponse<String> answer = Http.send("POST", server.baseUrl() + "/__admin/opstub/recordings/" + route, body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer.body();
  }

  @Test
  void theRealClientsGetTheSameAnswersFromTheRecordedFolderAloneAsFromTheRecordedService() throws Exception {
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
}
