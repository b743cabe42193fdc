package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.internal.wiremock.ExtensionsFlag;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --extensions dev.opstub.wiremock.OpStubExtensions}, which WireMock users type by habit,
 * on the real jar: WireMock's flag takes Extension classes and OpStubExtensions is a factory, so
 * instead of a ClassCastException stack trace the server stops at start with one line saying to
 * drop the flag. On the newest and the oldest WireMock the README claims.
 */
class ExtensionsFlagIT {
  static Stream<Arguments> wireMockVersions() {
    return Stream.of(Arguments.of(StandaloneServer.wireMockVersion(), StandaloneServer.classpath()),
        Arguments.of(StandaloneServer.oldestWireMockVersion(), StandaloneServer.oldestClasspath()));
  }

  @ParameterizedTest(name = "WireMock {0}")
  @MethodSource("wireMockVersions")
  void namingThePackInExtensionsStopsTheServerWithOneLineSayingToRemoveIt(String wireMockVersion, List<String> classpath) {
    ChildJvm.Result result = ChildJvm.run(StandaloneServer.repositoryRoot(), Duration.ofSeconds(60), classpath, "wiremock.Run",
        List.of("--extensions", "dev.opstub.wiremock.OpStubExtensions", "--root-dir", ".", "--port", "0",
            "--bind-address", "127.0.0.1"));

    assertThat(result.timedOut()).as("the server went on running:\n%s", result.output()).isFalse();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).isEqualTo(ExtensionsFlag.MESSAGE + System.lineSeparator())
        .startsWith("OpStub: remove dev.opstub.wiremock.OpStubExtensions from --extensions; "
            + "the OpStub jar registers itself with WireMock, so no flag is needed");
    assertThat(result.stdout()).doesNotContain("port:"); // it never started serving
  }
}
