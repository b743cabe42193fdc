package dev.opstub.standalone;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pack's mapping check on the real standalone jar (installed by the service-loaded extension
 * factory, no flag): what WireMock does when the check refuses a mapping file at start, and what
 * the admin API answers.
 */
class MappingCheckStandaloneIT {
  @Test
  void aBrokenMappingFileStopsTheServerAtStartWithExitOneNamingTheFileAndTheProblem() {
    Path root = StandaloneServer.repositoryRoot().resolve("src/test/resources/broken-mappings/timeline-count-x0");

    ChildJvm.Result result = ChildJvm.run(root, Duration.ofSeconds(60), "wiremock.Run",
        List.of("--root-dir", ".", "--port", "0", "--bind-address", "127.0.0.1"));

    assertThat(result.timedOut()).as("the server went on running:\n%s", result.output()).isFalse();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .startsWith("OpStub: the server cannot start: 1 problem in 1 mapping file (all of them, one a line):\n")
        .contains("mappings/face/x0.json: /response/transformerParameters/timeline: bad timeline \"running x0, succeeded\" at "
            + "column 10: a count must be at least 1 (x1, x2, ...); x0 would be a step that never happens\n")
        .doesNotContain("Exception", "\tat "); // the stack trace only on request: StartupErrorsIT
    assertThat(result.stdout()).doesNotContain("port:"); // it never started serving
  }

  @Test
  void aBrokenTimelineHidesNoneOfAnArmMappingsOtherProblemsAtStart() {
    Path root = StandaloneServer.repositoryRoot()
        .resolve("src/test/resources/broken-mappings/azure-arm-every-problem-of-a-mapping");

    ChildJvm.Result result = ChildJvm.run(root, Duration.ofSeconds(60), "wiremock.Run",
        List.of("--root-dir", ".", "--port", "0", "--bind-address", "127.0.0.1"));

    assertThat(result.timedOut()).as("the server went on running:\n%s", result.output()).isFalse();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .startsWith("OpStub: the server cannot start: 3 problems in 1 mapping file (all of them, one a line):\n")
        .contains("mappings/azure/delete.json: /response/transformerParameters/timeline: bad timeline \"Deleting, "
            + "Cancelled\"")
        .contains("mappings/azure/delete.json: /response/transformerParameters/retryAfter: retryAfter must be whole "
            + "seconds for the location pattern")
        .contains("mappings/azure/delete.json: /response/transformerParameters/retryAfterHeader: retryAfterHeader "
            + "\"retry-after-ms\" is not served on the location pattern");
  }

  @Test
  void theAdminApiRefusesABrokenStubWith422AndTakesAGoodOne() {
    try (StandaloneServer server = StandaloneServer.start(StandaloneServer.repositoryRoot(),
        List.of("--root-dir", ".", "--port", "{port}", "--bind-address", "127.0.0.1"))) {
      String stub = """
          {"name": "team stub", "request": {"method": "GET", "urlPath": "/face/v1.0/operations/0c0c0c0c-0000-4000-8000-0000000000%s"},
           "response": {"transformers": ["opstub-face-operation"], "transformerParameters": {"timeline": "%s"}}}""";

      HttpResponse<String> bad = Http.send("POST", server.baseUrl() + "/__admin/mappings", stub.formatted("01", "running x0"));
      HttpResponse<String> badImport = Http.send("POST", server.baseUrl() + "/__admin/mappings/import",
          "{\"mappings\": [" + stub.formatted("02", "InProgress") + "]}");
      HttpResponse<String> good = Http.send("POST", server.baseUrl() + "/__admin/mappings", stub.formatted("03", "running, succeeded"));

      assertThat(bad.statusCode()).as(server.log()).isEqualTo(422);
      assertThatJson(bad.body()).node("errors[0].detail").asString()
          .contains("OpStub mapping 'team stub'", "/response/transformerParameters/timeline", "column 10");
      assertThat(badImport.statusCode()).isEqualTo(422);
      assertThat(badImport.body()).contains("unknown status 'InProgress' for the Face API");
      assertThat(good.statusCode()).isEqualTo(201);
      assertThat(Http.get(server.baseUrl() + "/face/v1.0/operations/0c0c0c0c-0000-4000-8000-000000000003",
          "Ocp-Apim-Subscription-Key", "k").body()).contains("\"status\": \"running\"");
    }
  }
}
