package dev.opstub.internal.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.standalone.MappingFileException;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.opstub.testing.Http;
import dev.opstub.wiremock.OpStubExtensions;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link MappingCheck} in-process: a broken OpStub stub is refused when it is created, however it comes. */
class MappingCheckTest {
  private static final Path CORPUS = Path.of("src/test/resources/broken-mappings");
  private static final String ID = "0c0c0c0c-0000-4000-8000-000000000042";

  private WireMockServer server;

  private WireMockServer start(String rootDir) {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").usingFilesUnderDirectory(rootDir)
        .extensions(new OpStubExtensions()));
    server.start();
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void theShippedMappingsLoad() {
    start(".");

    assertThat(server.getStubMappings()).hasSizeGreaterThan(20);
  }

  @Test
  void aBrokenMappingFileStopsTheServerNamingTheFileTheStubAndTheProblem() {
    Path root = CORPUS.resolve("timeline-count-x0");

    assertThatThrownBy(() -> start(root.toString()))
        .isInstanceOf(MappingFileException.class)
        .hasMessageContaining("Error loading file")
        .hasMessageContaining("mappings/face/x0.json: /response/transformerParameters/timeline: bad timeline "
            + "\"running x0, succeeded\" at column 10: a count must be at least 1");
  }

  @Test
  void everyBrokenMappingFileIsReportedAtOnceEachByItsFile() {
    Path root = CORPUS.resolve("several-broken-files");

    assertThatThrownBy(() -> start(root.toString()))
        .isInstanceOf(MappingFileException.class)
        .hasMessageContaining("OpStub found 2 problems in 2 mapping files")
        .hasMessageContaining("mappings/b.json: /response/transformers/0: unknown OpStub transformer \"opstub-media-operations\"")
        .hasMessageContaining("mappings/c.json: /response/transformerParameters/refuse: refuse must be 409 or 429");
  }

  /** Every case of the broken corpus whose problem is inside one stub's OpStub part. */
  @ParameterizedTest
  @ValueSource(strings = {"unknown-transformer", "two-opstub-transformers", "unknown-parameter",
      "parameter-of-the-other-api", "refuse-on-an-operation", "timeline-count-x0", "media-status-on-face",
      "face-status-on-media", "unknown-media-error-code", "step-after-terminal", "json-timeline-bad-step",
      "timeline-not-text", "retry-after-not-a-span", "retry-after-a-number", "expire-after-zero", "refuse-503",
      "resource-location-not-a-string", "face-id-not-a-uuid", "media-id-short-guid", "media-id-of-a-channel",
      "bad-mapping-in-a-collection", "several-problems-in-one-mapping", "transformer-without-prefix",
      "parameters-without-transformer"})
  void everyBrokenStubOfTheCorpusIsRefusedAtLoadWithTheValidatorsMessage(String name) throws IOException {
    Path root = CORPUS.resolve(name);
    List<String> fragments = Files.readAllLines(root.resolve("expected.txt")).stream()
        .filter(line -> !line.startsWith("#") && !line.contains("bodyFileName"))
        .map(line -> line.split(" \\| ", 3)[2])
        .toList();

    assertThatThrownBy(() -> start(root.toString())).isInstanceOf(MappingFileException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
  }

  @Test
  void stubForInJavaThrowsNamingTheStubAndWhere() {
    start(".");

    assertThatThrownBy(() -> server.stubFor(get(urlPathEqualTo("/face/v1.0-preview/operations/" + ID))
            .withName("my broken stub")
            .willReturn(aResponse().withTransformers("opstub-face-operation")
                .withTransformerParameters(Map.of("timeline", "running, InProgress")))))
        .isInstanceOf(MappingCheck.Rejected.class)
        .hasMessageStartingWith("OpStub mapping 'my broken stub' (")
        .hasMessageContaining(") is invalid: /response/transformerParameters/timeline: bad timeline \"running, InProgress\" "
            + "at column 10: unknown status 'InProgress' for the Face API; expected one of notStarted, running, succeeded, failed");
    assertThat(server.getStubMappings()).noneMatch(stub -> "my broken stub".equals(stub.getName()));
  }

  @Test
  void severalProblemsAreListedOneALine() {
    start(".");

    assertThatThrownBy(() -> server.stubFor(get(urlPathEqualTo("/face/v1.0/operations/not-a-uuid"))
            .willReturn(aResponse().withTransformers("opstub-face-operation")
                .withTransformerParameters(Map.of("timeline", "running", "retryAfter", "soon")))))
        .hasMessageContaining("is invalid: 2 problems:\n  /response/transformerParameters/retryAfter: retryAfter must be")
        .hasMessageContaining("\n  /request/urlPath: operation id \"not-a-uuid\" is not a Face API operation id");
  }

  @Test
  void aBrokenTimelineDoesNotHideAnArmStubsOtherProblems() {
    start(".");

    assertThatThrownBy(() -> server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
            urlPathMatching("/subscriptions/[^/]+/resourcegroups/[^/]+"))
            .willReturn(aResponse().withTransformers("opstub-azure-start").withTransformerParameters(
                Map.of("pattern", "location", "timeline", "Deleting, Cancelled", "retryAfter", "500ms")))))
        .hasMessageContaining("is invalid: 2 problems:")
        .hasMessageContaining("\n  /response/transformerParameters/timeline: bad timeline \"Deleting, Cancelled\"")
        .hasMessageContaining("\n  /response/transformerParameters/retryAfter: retryAfter must be whole seconds for "
            + "the location pattern");
  }

  @Test
  void theAdminApiAnswers422WithTheProblemAndKeepsTheOldStubOnABadEdit() {
    start(".");
    String good = """
        {"id": "11111111-2222-4333-8444-555555555555", "name": "my stub",
         "request": {"method": "GET", "urlPath": "/face/v1.0/operations/%s"},
         "response": {"transformers": ["opstub-face-operation"], "transformerParameters": {"timeline": "%s"}}}""";

    HttpResponse<String> created = Http.send("POST", server.baseUrl() + "/__admin/mappings", good.formatted(ID, "running"));
    HttpResponse<String> badCreate = Http.send("POST", server.baseUrl() + "/__admin/mappings",
        good.formatted(ID, "running x0").replace("11111111", "22222222"));
    HttpResponse<String> badEdit = Http.send("PUT", server.baseUrl() + "/__admin/mappings/11111111-2222-4333-8444-555555555555",
        good.formatted(ID, "sleeping"));
    HttpResponse<String> badImport = Http.send("POST", server.baseUrl() + "/__admin/mappings/import",
        "{\"mappings\": [" + good.formatted(ID, "done").replace("11111111", "33333333") + "]}");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(badCreate.statusCode()).isEqualTo(422);
    assertThatJson(badCreate.body()).node("errors[0].source.pointer").isEqualTo("/response/transformerParameters/timeline");
    assertThatJson(badCreate.body()).node("errors[0].title").isEqualTo("Invalid OpStub mapping");
    assertThatJson(badCreate.body()).node("errors[0].detail").asString()
        .contains("OpStub mapping 'my stub' (22222222-2222-4333-8444-555555555555) is invalid", "column 10");
    assertThat(badEdit.statusCode()).isEqualTo(422);
    assertThat(badEdit.body()).contains("unknown status 'sleeping'");
    assertThat(badImport.statusCode()).isEqualTo(422);
    assertThat(badImport.body()).contains("unknown status 'done'");
    assertThat(server.getStubMappings()).filteredOn(stub -> "my stub".equals(stub.getName())).singleElement()
        .satisfies(stub -> assertThat(stub.getResponse().getTransformerParameters()).containsEntry("timeline", "running"));
  }

  @Test
  void theStubsTheJUnitExtensionWritesAndOtherStubsPass() {
    start(".");

    server.stubFor(get(urlPathMatching("/face/v1\\.0(-preview)?/operations/(?i)" + Pattern.quote(ID)))
        .willReturn(aResponse().withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timeline", List.of("running", Map.of("status", "succeeded"))))));
    server.stubFor(get(urlPathMatching("(/.*)?/api/Operations(\\(|%28)('|%27)nb(:|%3A)opid(:|%3A)UUID(:|%3A)(?i)"
            + Pattern.quote(ID) + "('|%27)(\\)|%29)"))
        .willReturn(aResponse().withTransformers("opstub-media-operation")
            .withTransformerParameters(Map.of("timeline", "InProgress x2, Failed(Timeout: slow)", "retryAfter", "1s"))));
    server.stubFor(get(urlPathEqualTo("/anything")).willReturn(okJson("{}").withTransformers("response-template")
        .withTransformerParameters(Map.of("timeline", "not ours to check"))));

    assertThat(Http.get(server.baseUrl() + "/face/v1.0/operations/" + ID, "Ocp-Apim-Subscription-Key", "k").body())
        .contains("running");
  }

  /** A transformer of another extension, named a letter away from one of the pack's. */
  static final class TeamTransformer implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "media-operations";
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).withBody("team").build();
    }
  }

  @Test
  void aMisspeltTransformerIsRefusedButAnotherExtensionsTransformerOfACloseNameServes() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").usingFilesUnderDirectory(".")
        .extensions(new OpStubExtensions()).extensions(new TeamTransformer()));
    server.start();

    assertThatThrownBy(() -> server.stubFor(get(urlPathEqualTo("/misspelt")).willReturn(aResponse()
        .withTransformers("face-operation").withTransformerParameters(Map.of("timeline", "running, succeeded")))))
        .hasMessageContaining("/response/transformers/0: transformer \"face-operation\" (did you mean \"opstub-face-operation\"?)");
    server.stubFor(get(urlPathEqualTo("/team")).willReturn(aResponse().withTransformers("media-operations")));

    assertThat(Http.get(server.baseUrl() + "/team").body()).isEqualTo("team");
  }

  @Test
  void aMappingFileOfAnotherExtensionsCloseNamedTransformerLoadsAtStart(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("mappings"));
    Files.writeString(root.resolve("mappings/team.json"), """
        {"request": {"method": "GET", "urlPath": "/team"}, "response": {"transformers": ["media-operations"]}}""");
    // WireMock loads extension instances (and --extensions classes) before extension factories such as the pack.
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").usingFilesUnderDirectory(root.toString())
        .extensions(new TeamTransformer()).extensions(new OpStubExtensions()));
    server.start();

    assertThat(Http.get(server.baseUrl() + "/team").body()).isEqualTo("team");
  }

  @Test
  void withGlobalResponseTemplatingParametersWithoutATransformerAreTheTemplatesToRead() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").usingFilesUnderDirectory(".")
        .globalTemplating(true).extensions(new OpStubExtensions()));
    server.start();

    server.stubFor(get(urlPathEqualTo("/templated")).willReturn(aResponse().withBody("{{parameters.timeline}}")
        .withTransformerParameters(Map.of("timeline", "a template's own parameter"))));

    assertThat(Http.get(server.baseUrl() + "/templated").body()).isEqualTo("a template's own parameter");
  }
}
