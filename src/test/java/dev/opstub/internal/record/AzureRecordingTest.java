package dev.opstub.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.internal.api.Apis;
import dev.opstub.spi.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A recording of Azure LRO traffic becomes a starter mapping and a monitor mapping, through the registry. */
class AzureRecordingTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String MONITOR = "/documentintelligence/operations/op-42";
  private final List<Exchange> exchanges = new ArrayList<>();

  private void answer(long atMillis, String method, String path, String query, int status, Map<String, String> headers,
      String body) {
    exchanges.add(new Exchange(T0.plusMillis(atMillis), new Request(method, path, "http://x", Map.of(), "", query),
        status, headers, body));
  }

  @Test
  void anAnalyzeAndItsPollsBecomeAStarterAndAMonitorMappingWithTheObservedTimeline() {
    answer(0, "POST", "/documentintelligence/documentModels/prebuilt-read:analyze", "api-version=2024-11-30", 202,
        Map.of("Operation-Location", "https://x.cognitiveservices.azure.com" + MONITOR + "?api-version=2024-11-30"), "");
    answer(100, "GET", MONITOR, "api-version=2024-11-30", 200, Map.of(), "{\"status\":\"running\"}");
    answer(200, "GET", MONITOR, "api-version=2024-11-30", 200, Map.of(), "{\"status\":\"running\"}");
    answer(300, "GET", MONITOR, "api-version=2024-11-30", 200, Map.of(),
        "{\"status\":\"failed\",\"error\":{\"code\":\"InvalidRequest\",\"message\":\"Invalid request.\"}}");

    Collapser.Result result = new Collapser(Apis.builtIn(), false).collapse(exchanges);

    assertThat(result.mappings()).extracting(Collapser.MappingFile::name)
        .contains("azure-operation-op-42.json", "azure-start-post-prebuilt-read-analyze.json");
    assertThat(result.mappings().toString())
        .contains("timeline=Running x2, Failed(InvalidRequest: Invalid request.)", "opstub-azure-monitor",
            "opstub-azure-start");
  }

  /** The {@code transformerParameters} of the mapping file {@code file} a collapse wrote (the Google recording test reads them too). */
  static java.util.Map<String, Object> parametersOf(Collapser.Result result, String file) {
    return result.mappings().stream().filter(m -> m.name().equals(file)).findFirst().map(m -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> response = (Map<String, Object>) m.mapping().get("response");
      @SuppressWarnings("unchecked")
      Map<String, Object> parameters = (Map<String, Object>) response.get("transformerParameters");
      return parameters;
    }).orElseThrow(() -> new AssertionError(file + " in " + result.mappings()));
  }

  @Test
  void aCamelCaseAnalyzeKeepsItsCaseResultPropertyPercentagesAndWaitInTheStarterMapping() {
    answer(0, "POST", "/documentintelligence/documentModels/m:analyze", "api-version=2024-11-30", 202,
        Map.of("Operation-Location", "https://x" + MONITOR, "Retry-After", "1", "retry-after-ms", "200"), "");
    answer(100, "GET", MONITOR, "", 200, Map.of("retry-after-ms", "200"), "{\"status\":\"notStarted\",\"percentCompleted\":0}");
    answer(200, "GET", MONITOR, "", 200, Map.of("retry-after-ms", "200"), "{\"status\":\"running\",\"percentCompleted\":30}");
    answer(300, "GET", MONITOR, "", 200, Map.of("retry-after-ms", "200"), "{\"status\":\"running\",\"percentCompleted\":70}");
    answer(400, "GET", MONITOR, "", 200, Map.of(),
        "{\"status\":\"succeeded\",\"percentCompleted\":100,\"analyzeResult\":{\"content\":\"hi\"}}");

    Collapser.Result result = new Collapser(Apis.builtIn(), false).collapse(exchanges);

    assertThat(parametersOf(result, "azure-start-post-m-analyze.json"))
        .containsEntry("timeline", "NotStarted, Running, Running, Succeeded")
        .containsEntry("statusCase", "camelCase")
        .containsEntry("percentCompleted", List.of(0, 30, 70, 100))
        .containsEntry("resultProperty", "analyzeResult")
        .containsEntry("result", Map.of("content", "hi"))
        .containsEntry("retryAfter", "200ms")
        .doesNotContainKey("retryAfterHeader").doesNotContainKey("pattern");
  }

  @Test
  void anArmDeleteThroughLocationKeepsItsPatternAndAnswersItsFinalBody() {
    String location = "/subscriptions/s/providers/Microsoft.Resources/operationResults/op-7";
    answer(0, "DELETE", "/subscriptions/s/resourcegroups/g", "api-version=2025-04-01", 202,
        Map.of("Location", "https://x" + location, "Retry-After", "2"), "");
    answer(100, "GET", location, "", 202, Map.of("Location", "https://x" + location, "Retry-After", "2"), "");
    answer(200, "GET", location, "", 200, Map.of(), "{\"done\":true}");

    Collapser.Result result = new Collapser(Apis.builtIn(), false).collapse(exchanges);

    assertThat(parametersOf(result, "azure-start-delete-g.json"))
        .containsEntry("timeline", "Running, Succeeded")
        .containsEntry("pattern", "location")
        .containsEntry("retryAfter", "2s")
        .containsEntry("result", Map.of("done", true))
        .doesNotContainKey("statusCase").doesNotContainKey("percentCompleted");
  }

  /** A resource group's real delete ends its Location with 200 and no body (204 is not declared): the replay too. */
  @Test
  void anArmDeleteWhoseLocationEndsWith200AndNoBodyIsReplayedWith200() {
    String location = "/subscriptions/s/providers/Microsoft.Resources/operationResults/op-9";
    answer(0, "DELETE", "/subscriptions/s/resourcegroups/g2", "api-version=2025-04-01", 202,
        Map.of("Location", "https://x" + location, "Retry-After", "1"), "");
    answer(100, "GET", location, "", 202, Map.of("Location", "https://x" + location, "Retry-After", "1"), "");
    answer(200, "GET", location, "", 200, Map.of(), "");

    Collapser.Result result = new Collapser(Apis.builtIn(), false).collapse(exchanges);

    assertThat(parametersOf(result, "azure-start-delete-g2.json"))
        .containsEntry("timeline", "Running, Succeeded")
        .containsEntry("pattern", "location")
        .containsEntry("finalStatus", 200)
        .doesNotContainKey("result");
  }

  @Test
  void aCamelCaseMonitorWithoutPercentagesIsWrittenToServeNone() {
    answer(0, "POST", "/svc/x:run", "api-version=1", 202,
        Map.of("Operation-Location", "https://x" + MONITOR, "x-ms-retry-after-ms", "50"), "");
    answer(100, "GET", MONITOR, "", 200, Map.of(), "{\"status\":\"running\"}");
    answer(200, "GET", MONITOR, "", 200, Map.of(), "{\"status\":\"succeeded\"}");

    Collapser.Result result = new Collapser(Apis.builtIn(), false).collapse(exchanges);

    assertThat(parametersOf(result, "azure-start-post-x-run.json"))
        .containsEntry("statusCase", "camelCase")
        .containsEntry("percentCompleted", false)
        .containsEntry("retryAfter", "50ms")
        .containsEntry("retryAfterHeader", "x-ms-retry-after-ms")
        .doesNotContainKey("result");
  }

  @Test
  void aLocationThatEndsInAConflictIsAFailedStepWithItsStatus() {
    String location = "/subscriptions/s/providers/Microsoft.Resources/operationResults/op-8";
    answer(0, "DELETE", "/subscriptions/s/resourcegroups/locked", "api-version=2025-04-01", 202,
        Map.of("Location", "https://x" + location, "Retry-After", "1"), "");
    answer(100, "GET", location, "", 202, Map.of("Location", "https://x" + location, "Retry-After", "1"), "");
    answer(200, "GET", location, "", 409, Map.of(), "{\"error\":{\"code\":\"Blocked\",\"message\":\"It is locked.\"}}");
    answer(300, "GET", location, "", 404, Map.of(), "{\"error\":{\"code\":\"NotFound\",\"message\":\"gone\"}}");

    Collapser.Result result = new Collapser(Apis.builtIn(), false).collapse(exchanges);

    assertThat(parametersOf(result, "azure-start-delete-locked.json"))
        .containsEntry("timeline", "Running, Failed(Blocked: It is locked.)")
        .containsEntry("pattern", "location")
        .containsEntry("failureStatus", 409);
  }
}
