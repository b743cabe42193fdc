package dev.opstub.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.http.ApiRequest;
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
    exchanges.add(new Exchange(T0.plusMillis(atMillis), new ApiRequest(method, path, "http://x", Map.of(), "", query),
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
}
