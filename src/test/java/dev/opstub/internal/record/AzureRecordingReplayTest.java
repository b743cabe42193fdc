package dev.opstub.internal.record;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.ai.documentintelligence.models.AnalyzeDocumentOptions;
import com.azure.ai.documentintelligence.models.AnalyzeResult;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.resources.ResourceManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.opstub.internal.validate.MappingValidator;
import dev.opstub.testing.AzureClients;
import dev.opstub.testing.Http;
import dev.opstub.testing.RecordingScenario;
import dev.opstub.wiremock.OpStubExtensions;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30: a recorded Azure flow replays as it was recorded, from the recorded folder alone. The
 * real clients (Document Intelligence 1.0.5, ARM resources) run through a recording server in
 * front of a "real service" (an OpStub server: a camelCase analyze with {@code percentCompleted}
 * step by step, an {@code analyzeResult} and {@code retry-after-ms: 200}; the shipped resource
 * group delete, whose {@code Location} answers 202 then 204, and the locked one's, 202 then 409); then the same clients run against a
 * fresh server on the recorded folder alone, and every answer the server gave is compared.
 */
class AzureRecordingReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern BASE = Pattern.compile("https?://(127\\.0\\.0\\.1|localhost):\\d+");
  /** The headers an Azure client acts on. */
  private static final List<String> HEADERS = List.of("Content-Type", "Retry-After", "retry-after-ms",
      "x-ms-retry-after-ms", "Operation-Location", "Azure-AsyncOperation", "Location", "operation-id");
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

  /** The real service: the shipped mappings and a Document Intelligence model that reports its progress. */
  private WireMockServer realService() throws Exception {
    Path mappings = RecordingScenario.rootWithShippedMappings(service).resolve("mappings/service");
    Files.createDirectories(mappings);
    Files.writeString(mappings.resolve("analyze-progress.json"), """
        {"priority": 3,
         "request": {"method": "POST", "urlPath": "/documentintelligence/documentModels/progress-model:analyze"},
         "response": {"status": 202, "transformers": ["opstub-azure-start"], "transformerParameters": {
           "timeline": "NotStarted, Running x2, Succeeded", "statusCase": "camelCase",
           "percentCompleted": [0, 40, 100], "resultProperty": "analyzeResult", "retryAfter": "200ms",
           "result": {"apiVersion": "2024-11-30", "modelId": "progress-model", "content": "Recorded.", "pages": []}}}}
        """);
    return start(service);
  }

  /**
   * The clients' run: an analyze polled to its result, a resource group deleted through its
   * Location, and one whose Location ends in a 409.
   */
  private static String runClients(String baseUrl) {
    AnalyzeResult result = AzureClients.documentIntelligence(baseUrl)
        .beginAnalyzeDocument("progress-model", new AnalyzeDocumentOptions("https://example.com/a.pdf"))
        .getFinalResult();
    ResourceManager arm = AzureClients.resourceManager(baseUrl);
    arm.resourceGroups().deleteByName("rg-recorded");
    ManagementException locked = catchThrowableOfType(ManagementException.class,
        () -> arm.resourceGroups().deleteByName("opstub-locked"));
    return result.getContent() + " / " + locked.getValue().getCode() + ": " + locked.getValue().getMessage();
  }

  /** Every answer the server gave, in order: method, path, status, the headers clients act on, the body. */
  private static List<String> answers(WireMockServer server) {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    events.sort((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()));
    List<String> lines = new ArrayList<>();
    for (ServeEvent event : events) {
      StringBuilder line = new StringBuilder(event.getRequest().getMethod().value()).append(' ')
          .append(event.getRequest().getUrl().replaceFirst("\\?.*", "")).append(" -> ")
          .append(event.getResponse().getStatus());
      for (String name : HEADERS) {
        var header = event.getResponse().getHeaders().getHeader(name);
        if (header.isPresent()) {
          line.append(' ').append(name).append('=').append(header.firstValue());
        }
      }
      lines.add(masked(line.append(' ').append(event.getResponse().getBodyAsString()).toString()));
    }
    return lines;
  }

  private static String masked(String text) {
    return UUID.matcher(BASE.matcher(TIME.matcher(text).replaceAll("{time}")).replaceAll("{base}")).replaceAll("{id}");
  }

  @Test
  void theRealClientsGetTheSameAnswersFromTheRecordedFolderAloneAsFromTheRecordedService() throws Exception {
    WireMockServer original = realService();
    WireMockServer recorder = start(root); // an empty root: the recording is all the replay will have
    admin(recorder, "start", "{\"targetBaseUrl\": \"" + original.baseUrl() + "\"}");
    String recordedContent = runClients(recorder.baseUrl());
    List<String> recorded = answers(recorder);
    JsonNode stopped = JSON.readTree(admin(recorder, "stop", ""));
    recorder.stop();

    WireMockServer replay = start(root);
    String replayedContent = runClients(replay.baseUrl());
    List<String> replayed = answers(replay);

    assertThat(recorded).as("what the real service answered")
        .anyMatch(line -> line.contains("\"status\":\"notStarted\",") && line.contains("\"percentCompleted\":0"))
        .anyMatch(line -> line.contains("\"status\":\"running\",") && line.contains("\"percentCompleted\":40")
            && line.contains("retry-after-ms=200"))
        .anyMatch(line -> line.contains("\"status\":\"succeeded\",") && line.contains("\"analyzeResult\":{"))
        .anyMatch(line -> line.startsWith("DELETE ") && line.contains("-> 202") && line.contains("Location=")
            && !line.contains("Operation-Location"))
        .anyMatch(line -> line.contains("/operationResults/") && line.contains("-> 202"))
        .anyMatch(line -> line.contains("/operationResults/") && line.contains("-> 204"))
        .anyMatch(line -> line.contains("/operationResults/") && line.contains("-> 409")
            && line.contains("ResourceGroupDeletionBlocked"));
    assertThat(replayed).as("notes: %s\nfiles: %s", stopped.get("notes"), stopped.get("mappings"))
        .containsExactlyElementsOf(recorded);
    assertThat(replayedContent).isEqualTo(recordedContent).startsWith("Recorded. / ResourceGroupDeletionBlocked: ");
    assertThat(MappingValidator.validate(List.of(root))).isEmpty();
  }
}
