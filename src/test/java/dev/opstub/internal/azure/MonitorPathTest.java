package dev.opstub.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code monitorPath} is refused when a client could not poll the URL it hands out, naming what
 * is wrong and what is allowed (RFC 3986's path characters, but for ';' and percent-escapes).
 */
class MonitorPathTest {

  @ParameterizedTest
  @ValueSource(strings = {"/documentintelligence/operations/{id}", "/{id}", "/a:b@c/x~y/(z)/{id}", "/v1.0/.well/{id}",
      "/jobs/!$&'*+,=/{id}", "/certificates/{id}/pending", "/jobs/x{id}", "/jobs/{id}?x=1", "/operations?snapshot={id}",
      "/documentintelligence/documentModels/{modelId}/analyzeResults/{id}", "/jobs/{id}:status"})
  void aPathEveryClientCanPollIsTaken(String path) {
    assertThat(AzureParameters.MONITOR_PATH.read(path)).isEqualTo(path);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "/jobs#status/{id}   | has '#' at position 6",
      "/my jobs/{id}       | has a space at position 4",
      "/jobs/ä/{id}        | has 'ä' at position 7",
      "/jobs;v=1/{id}      | has ';' at position 6",
      "/jobs%20x/{id}      | has '%' at position 6",
      "/jobs/{x/{id}       | has '{' at position 7 that does not open a placeholder {name} (letters, digits, '-' and '_')",
      "/jobs/x}/{id}       | has '}' at position 8 without '{' before it",
      "/jobs//{id}         | has an empty segment (//)",
      "/jobs/./{id}        | has a '.' segment",
      "/jobs/../ops/{id}   | has a '..' segment",
  })
  void aPathAClientCannotPollIsRefusedSayingWhatIsAllowed(String path, String problem) {
    assertThatThrownBy(() -> AzureParameters.MONITOR_PATH.read(path))
        .hasMessage("monitorPath \"" + path + "\" " + problem + (problem.contains("placeholder")
            || problem.contains("without") ? "" : ", so a client could not poll the URL handed out") + "; "
            + "allowed: " + AzureParameters.MONITOR_PATH_ALLOWED);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "/jobs/status           | has no {id}, where the operation's id goes",
      "/jobs/{id}/{id}        | names {id} twice; allowed: each placeholder once",
      "/jobs/{a}{id}          | has {a} and {id} side by side, which cannot be told apart",
      "/jobs?op={id}&op2      | has a query parameter \"op2\" at position 15 that is not name=value",
      "/jobs?api-version={id} | names api-version: the URL handed out keeps the start call's own",
      "/jobs?op=x{id}         | the value of query parameter \"op\" must be one placeholder such as {id}",
  })
  void aPathWithoutOneIdOrWithAQueryThatCannotHoldItIsRefusedSayingWhy(String path, String problem) {
    assertThatThrownBy(() -> AzureParameters.MONITOR_PATH.read(path))
        .hasMessageStartingWith("monitorPath \"" + path + "\"" + (problem.startsWith("the value") ? ": " : " ") + problem)
        .hasMessageContaining("allowed: ");
  }

  @org.junit.jupiter.api.Test
  void aControlCharacterIsNamedAsOne() {
    assertThatThrownBy(() -> AzureParameters.MONITOR_PATH.read("/jobs\t/{id}"))
        .hasMessageContaining("has a control character at position 6");
  }
}
