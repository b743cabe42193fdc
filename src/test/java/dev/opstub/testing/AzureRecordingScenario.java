package dev.opstub.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.ai.documentintelligence.models.AnalyzeDocumentOptions;
import com.azure.ai.documentintelligence.models.AnalyzeResult;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.resources.ResourceManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Issue 30's Azure recording: the "real service" (a camelCase Document Intelligence analyze with
 * {@code percentCompleted} step by step, an {@code analyzeResult} and {@code retry-after-ms: 200};
 * the shipped resource group deletes, one whose {@code Location} answers 202 then 200 without a
 * body, as {@code ResourceGroups_Delete} declares, and the locked one, 202 then 409), the real clients that run against it, and every answer a server gave
 * them, from its request journal, so that a run through a recording server and a run against the
 * recorded folder can be compared line by line.
 */
public final class AzureRecordingScenario {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern BASE = Pattern.compile("https?://(127\\.0\\.0\\.1|localhost):\\d+");
  /** The headers an Azure client acts on. */
  private static final List<String> HEADERS = List.of("Content-Type", "Retry-After", "retry-after-ms",
      "x-ms-retry-after-ms", "Operation-Location", "Azure-AsyncOperation", "Location", "operation-id");

  private AzureRecordingScenario() {}

  /** Adds the service's own analyze model to a root that has the shipped mappings (the deletes are shipped). */
  public static Path writeServiceMappings(Path root) {
    try {
      Path mappings = Files.createDirectories(root.resolve("mappings/service"));
      Files.writeString(mappings.resolve("analyze-progress.json"), """
          {"priority": 3,
           "request": {"method": "POST", "urlPath": "/documentintelligence/documentModels/progress-model:analyze"},
           "response": {"status": 202, "transformers": ["opstub-azure-start"], "transformerParameters": {
             "timeline": "NotStarted, Running x2, Succeeded", "statusCase": "camelCase",
             "percentCompleted": [0, 40, 100], "resultProperty": "analyzeResult", "retryAfter": "200ms",
             "result": {"apiVersion": "2024-11-30", "modelId": "progress-model", "content": "Recorded.", "pages": []}}}}
          """);
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The clients' run: an analyze polled to its result, a resource group deleted through its
   * Location, and one whose Location ends in a 409.
   *
   * @return what the clients got: the analyzed content and the failed delete's code and message
   */
  public static String runClients(String baseUrl) {
    AnalyzeResult result = AzureClients.documentIntelligence(baseUrl)
        .beginAnalyzeDocument("progress-model", new AnalyzeDocumentOptions("https://example.com/a.pdf"))
        .getFinalResult();
    ResourceManager arm = AzureClients.resourceManager(baseUrl);
    arm.resourceGroups().deleteByName("rg-recorded");
    ManagementException locked = catchThrowableOfType(ManagementException.class,
        () -> arm.resourceGroups().deleteByName("opstub-locked"));
    return result.getContent() + " / " + locked.getValue().getCode() + ": " + locked.getValue().getMessage();
  }

  /**
   * Every answer the server at {@code baseUrl} gave, oldest first, from its request journal: method,
   * path, status, the headers clients act on, the body; times, ids and ports masked.
   */
  public static List<String> answers(String baseUrl) {
    HttpResponse<String> journal = Http.get(baseUrl + "/__admin/requests");
    assertThat(journal.statusCode()).as(journal.body()).isEqualTo(200);
    List<String> lines = new ArrayList<>();
    try {
      for (JsonNode event : JSON.readTree(journal.body()).path("requests")) {
        JsonNode response = event.path("response");
        StringBuilder line = new StringBuilder(event.at("/request/method").asText()).append(' ')
            .append(event.at("/request/url").asText().replaceFirst("\\?.*", "")).append(" -> ")
            .append(response.path("status").asInt());
        for (String name : HEADERS) {
          for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (header.getKey().equalsIgnoreCase(name)) {
              JsonNode value = header.getValue();
              line.append(' ').append(name).append('=').append(value.isArray() ? value.get(0).asText() : value.asText());
            }
          }
        }
        lines.add(masked(line.append(' ').append(response.path("body").asText()).toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Collections.reverse(lines); // the journal lists the newest first
    return lines;
  }

  /** That the recorded answers show what issue 30 saw lost in the replay, so that comparing them means something. */
  public static void assertShowsWhatTheIssueSaw(List<String> recorded) {
    assertThat(recorded).as("what the real service answered")
        .anyMatch(line -> line.contains("\"status\":\"notStarted\",") && line.contains("\"percentCompleted\":0"))
        .anyMatch(line -> line.contains("\"status\":\"running\",") && line.contains("\"percentCompleted\":40")
            && line.contains("retry-after-ms=200"))
        .anyMatch(line -> line.contains("\"status\":\"succeeded\",") && line.contains("\"analyzeResult\":{"))
        .anyMatch(line -> line.startsWith("DELETE ") && line.contains("-> 202") && line.contains("Location=")
            && !line.contains("Operation-Location"))
        .anyMatch(line -> line.contains("/operationResults/") && line.contains("-> 202"))
        .anyMatch(line -> line.contains("/operationResults/") && line.contains("-> 200"))
        .anyMatch(line -> line.contains("/operationResults/") && line.contains("-> 409")
            && line.contains("ResourceGroupDeletionBlocked"));
  }

  private static String masked(String text) {
    return UUID.matcher(BASE.matcher(TIME.matcher(text).replaceAll("{time}")).replaceAll("{base}")).replaceAll("{id}");
  }
}
