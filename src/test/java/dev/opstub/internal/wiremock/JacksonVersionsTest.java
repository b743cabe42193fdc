package dev.opstub.internal.wiremock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** Issue 30: a consumer whose pom mixes Jackson versions is told which and what to do, not a NoSuchMethodError. */
class JacksonVersionsTest {

  @Test
  void anOlderAnnotationsAndCoreUnderTheDatabindAreNamedWithTheFix() {
    String problem = JacksonVersions.problem("2.20.1", "2.18.4.1", "2.18.4");

    assertThat(problem).contains("jackson-databind 2.20.1", "jackson-core 2.18.4.1 and jackson-annotations 2.18.4",
        "NoSuchMethodError", "com.fasterxml.jackson:jackson-bom:2.20.1", "<dependencyManagement>");
  }

  @Test
  void theSameOrNewerMinorVersionsAndUnknownOnesPass() {
    assertThat(JacksonVersions.problem("2.20.1", "2.20.1", "2.20")).isNull();
    assertThat(JacksonVersions.problem("2.20.1", "2.21.0", "2.22")).isNull();
    assertThat(JacksonVersions.problem("2.20.1", "2.20.1", null)).isNull();
    assertThat(JacksonVersions.problem(null, "2.18.4", "2.18.4")).isNull();
  }

  @Test
  void onlyTheOlderJarIsNamed() {
    assertThat(JacksonVersions.problem("2.20.1", "2.20.1", "2.19.2")).contains("has jackson-annotations 2.19.2 (")
        .doesNotContain("jackson-core 2.20.1");
  }

  @Test
  void thisBuildsClasspathPasses() {
    assertThatCode(JacksonVersions::check).doesNotThrowAnyException();
  }
}
