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
      "/jobs/!$&'*+,=/{id}"})
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
      "/jobs/{x}/{id}      | has '{' at position 7",
      "/jobs//{id}         | has an empty segment (//)",
      "/jobs/./{id}        | has a '.' segment",
      "/jobs/../ops/{id}   | has a '..' segment",
  })
  void aPathAClientCannotPollIsRefusedSayingWhatIsAllowed(String path, String problem) {
    assertThatThrownBy(() -> AzureParameters.MONITOR_PATH.read(path))
        .hasMessage("monitorPath \"" + path + "\" " + problem + ", so a client could not poll the URL handed out; "
            + "allowed: " + AzureParameters.MONITOR_PATH_ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/jobs/{id}?x=1", "/jobs/{id}/status", "/jobs/{id}/{id}", "/jobs/x{id}"})
  void aPathThatDoesNotEndInOneIdSegmentIsRefusedSayingWhatIsAllowed(String path) {
    assertThatThrownBy(() -> AzureParameters.MONITOR_PATH.read(path))
        .hasMessage("monitorPath \"" + path + "\" must end in /{id} (once, no query); allowed: "
            + AzureParameters.MONITOR_PATH_ALLOWED);
  }

  @org.junit.jupiter.api.Test
  void aControlCharacterIsNamedAsOne() {
    assertThatThrownBy(() -> AzureParameters.MONITOR_PATH.read("/jobs\t/{id}"))
        .hasMessageContaining("has a control character at position 6");
  }
}
