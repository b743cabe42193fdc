package dev.opstub.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.spi.Finding;
import dev.opstub.spi.Phase;
import dev.opstub.spi.StubParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parameters of a service-shaped Azure start mapping ({@code startPath}, a templated {@code
 * monitorPath}, {@code operationId}, {@code statuses}, {@code finalStatus}, {@code startStatus})
 * read what a service needs and refuse the rest saying what is wrong and what is allowed.
 */
class ServiceShapedParametersTest {

  private static List<String> problems(Map<String, Object> raw) {
    try {
      StubParameters.read(AzureStart.INSTANCE, raw);
      return List.of();
    } catch (StubParameters.Invalid e) {
      return e.findings().stream().map(Finding::toString).toList();
    }
  }

  private static Map<String, Object> keyVault() {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("startPath", "/certificates/{certificate-name}/create");
    raw.put("monitorPath", "/certificates/{id}/pending");
    raw.put("operationId", "{certificate-name}");
    Map<String, Object> statuses = new LinkedHashMap<>();
    statuses.put("inProgress", "running");
    statuses.put("completed", "succeeded");
    statuses.put("failed", "failed");
    statuses.put("cancelled", "canceled");
    raw.put("statuses", statuses);
    raw.put("timeline", "inProgress x2, completed");
    return raw;
  }

  @Test
  void aKeyVaultShapedStartReadsWithItsOwnWordsInItsTimeline() {
    StubParameters read = StubParameters.read(AzureStart.INSTANCE, keyVault());

    assertThat(read.get(AzureParameters.TIMELINE).notation()).isEqualTo("inProgress x2, completed");
    assertThat(read.get(AzureParameters.OPERATION_ID)).isEqualTo("certificate-name");
    assertThat(read.get(AzureParameters.STATUSES).spelling(Phase.CANCELED)).isEqualTo("cancelled");
  }

  @Test
  void statusesGivenAsJsonTextAsAJUnitStubPassesThemAreReadTheSame() {
    Map<String, Object> raw = keyVault();
    raw.put("statuses", "{\"inProgress\": \"Running\", \"completed\": \"SUCCEEDED\"}");

    assertThat(StubParameters.read(AzureStart.INSTANCE, raw).get(AzureParameters.STATUSES).names())
        .containsExactly("inProgress", "completed");
  }

  @Test
  void aTimelineWordTheStatusesDoNotDeclareIsRefusedListingTheDeclaredOnes() {
    Map<String, Object> raw = keyVault();
    raw.put("timeline", "inProgress, succeeded");

    assertThat(problems(raw)).singleElement().asString().startsWith("/timeline: ")
        .contains("unknown status 'succeeded' for the declared statuses (the mapping's statuses declare the words a "
            + "timeline may use); expected one of inProgress, completed, failed, cancelled");
  }

  @Test
  void declaredWordsTheGuidelinesLintRefusesAreTakenWhenDeclared() {
    Map<String, Object> raw = keyVault();
    raw.put("timeline", "inProgress, cancelled");

    assertThat(problems(raw)).isEmpty();
    raw.remove("statuses");
    assertThat(problems(raw)).anyMatch(p -> p.contains("spelled with one 'l', Canceled"));
  }

  @Test
  void aBrokenStatusesIsReportedOnceAndItsTimelineWordsAreNotBlamed() {
    Map<String, Object> raw = keyVault();
    raw.put("statuses", Map.of("inProgress", "working", "completed", "succeeded"));

    assertThat(problems(raw)).containsExactly("/statuses: statuses: \"inProgress\" must map to a phase, one of "
        + "notStarted, running, succeeded, failed or canceled; was \"working\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{\"inProgress\": \"running\"}                      | statuses declares no succeeded status, so no operation could succeed",
      "{}                                                 | statuses declares no status",
      "{\"in-progress\": \"running\", \"done\": \"succeeded\"} | statuses: \"in-progress\" cannot be a status: a timeline can only name a status of 1 to 64 ASCII letters other than http, fault and delay",
      "{\"http\": \"running\", \"done\": \"succeeded\"}     | statuses: \"http\" cannot be a status",
      "{\"done\": \"succeeded\", \"Done\": \"succeeded\"}    | statuses declares \"done\" and \"Done\", which a timeline cannot tell apart (statuses are matched ignoring case)",
      "[\"done\"]                                         | statuses must be a JSON object (or its text); was \"[\"done\"]\"",
  })
  void aVocabularyThatCannotServeATimelineIsRefusedSayingWhy(String statuses, String problem) {
    assertThatThrownBy(() -> AzureParameters.STATUSES.read(statuses)).hasMessageStartingWith(problem)
        .hasMessageContaining("allowed: ");
  }

  @Test
  void statusesAndStatusCaseTogetherAreRefused() {
    Map<String, Object> raw = keyVault();
    raw.put("statusCase", "camelCase");

    assertThat(problems(raw)).containsExactly("/statuses: statuses and statusCase both say how statuses are spelled; "
        + "allowed: one of them (statuses serves each word exactly as declared)");
  }

  @Test
  void statusesWithoutARunningWordNeedATimeline() {
    Map<String, Object> raw = keyVault();
    raw.remove("timeline");
    raw.put("statuses", Map.of("completed", "succeeded"));

    assertThat(problems(raw)).containsExactly("/statuses: statuses declares no running status, so the default timeline "
        + "(Running, Succeeded) cannot be served in its words; allowed: a timeline in the declared words, e.g. "
        + "\"completed\"");
  }

  @Test
  void aMonitorPathNameTheStartPathDoesNotBindIsRefused() {
    Map<String, Object> raw = keyVault();
    raw.put("monitorPath", "/models/{modelId}/analyzeResults/{id}");

    assertThat(problems(raw)).containsExactly("/monitorPath: monitorPath \"/models/{modelId}/analyzeResults/{id}\" "
        + "names {modelId}, which startPath \"/certificates/{certificate-name}/create\" does not name; allowed: {id}, "
        + "and names of startPath (their values are copied from the start call's path), e.g. startPath "
        + "\"/models/{modelId}:analyze\"");
  }

  @Test
  void anOperationIdThatNamesNoPartOfTheStartPathIsRefused() {
    Map<String, Object> raw = keyVault();
    raw.remove("startPath");
    raw.put("monitorPath", "/certificates/{id}/pending");

    assertThat(problems(raw)).containsExactly("/operationId: operationId \"{certificate-name}\" names a part of the "
        + "start path, but there is no startPath; allowed: a placeholder of startPath, e.g. startPath "
        + "\"/certificates/{certificate-name}/create\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "certificate-name     | operationId must be one placeholder of startPath, e.g. \"{name}\"",
      "{id}                 | operationId must be one placeholder of startPath",
      "{a}{b}               | operationId must be one placeholder of startPath",
  })
  void anOperationIdThatIsNotOnePlaceholderIsRefused(String value, String problem) {
    assertThatThrownBy(() -> AzureParameters.OPERATION_ID.read(value)).hasMessageStartingWith(problem);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "certificates/{name}/create      | startPath \"certificates/{name}/create\" must start with '/' (a path from the server root)",
      "/certificates/{name}?x=1        | startPath \"/certificates/{name}?x=1\" has a query ('?' at position 21); the mapping's request matches the query",
      "/certificates/{id}/create       | startPath \"/certificates/{id}/create\" names {id}, which is the operation's id in monitorPath",
      "/certificates/{name}/{name}     | startPath \"/certificates/{name}/{name}\" names {name} twice",
      "/certificates/{na me}/create    | startPath \"/certificates/{na me}/create\" has '{' at position 15 that does not open a placeholder",
      "/certificates/{name}//create    | startPath \"/certificates/{name}//create\" has an empty segment (//), so a client could not call it",
  })
  void aStartPathThatCannotBindNamesIsRefusedSayingWhy(String value, String problem) {
    assertThatThrownBy(() -> AzureParameters.START_PATH.read(value)).hasMessageStartingWith(problem)
        .hasMessageContaining("allowed: ");
  }

  @Test
  void aStartPathWithAnActionAfterItsPlaceholderReads() {
    assertThat(AzureParameters.START_PATH.read("/documentintelligence/documentModels/{modelId}:analyze"))
        .isEqualTo("/documentintelligence/documentModels/{modelId}:analyze");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "finalStatus | 201 | finalStatus must be the HTTP status of ARM's Location once the operation succeeded, one of [200, 204]; was 201",
      "finalStatus | ok  | finalStatus must be the HTTP status of ARM's Location once the operation succeeded, one of [200, 204]; was \"ok\"",
      "startStatus | 204 | startStatus must be the HTTP status of the start call's answer, one of [200, 201, 202]; was 204",
  })
  void aStatusOutsideWhatTheAnswerCanBeIsRefused(String name, String value, String problem) {
    Object given = value.matches("\\d+") ? (Object) Integer.valueOf(value) : value;
    Map<String, Object> raw = Map.of(name, given);

    assertThat(problems(raw)).containsExactly("/" + name + ": " + problem);
  }

  @Test
  void finalStatusIsTakenOnlyWhereThePatternHasALocation() {
    assertThat(problems(Map.of("pattern", "location", "finalStatus", 200))).isEmpty();
    assertThat(problems(Map.of("pattern", "azure-async-operation", "finalStatus", "204"))).isEmpty();
    assertThat(problems(Map.of("finalStatus", 204))).containsExactly("/finalStatus: finalStatus is the status of "
        + "ARM's Location once the operation succeeded, and the operation-location pattern hands out no Location; "
        + "allowed: leave it out, or pattern \"azure-async-operation\" or \"location\"");
    assertThat(problems(Map.of("pattern", "location", "finalStatus", 204, "result", Map.of("a", 1))))
        .containsExactly("/finalStatus: finalStatus 204 answers no body, so the result would never be served; "
            + "allowed: 200 with a result, or leave the result out");
  }

  @Test
  void aMonitorMappingTakesATemplatedMonitorPathAndDeclaredStatuses() {
    StubParameters read = StubParameters.read(AzureMonitor.INSTANCE, Map.of(
        "monitorPath", "/models/{modelId}/analyzeResults/{id}",
        "statuses", Map.of("inProgress", "running", "completed", "succeeded"),
        "timeline", "inProgress, completed"));

    assertThat(read.get(AzureParameters.MONITOR_PATH)).isEqualTo("/models/{modelId}/analyzeResults/{id}");
    assertThat(read.get(AzureParameters.TIMELINE).notation()).isEqualTo("inProgress, completed");
  }
}
