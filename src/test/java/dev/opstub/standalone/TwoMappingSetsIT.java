package dev.opstub.standalone;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.testing.Http;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped mapping set and another team's set ({@code src/test/resources/mapping-sets/team-b})
 * on one real standalone server. WireMock takes one {@code --root-dir} (or one {@code
 * --load-resources-from-classpath}); the ways to serve two sets:
 *
 * <ol>
 *   <li>one root, each set in a sub-folder of {@code mappings/} and its own namespace under {@code
 *       __files/} (recommended: every mapping loads at start, through the pack's check, and reads
 *       its own body files);
 *   <li>{@code --root-dir} for one set, {@code POST /__admin/mappings/import} for the other (its
 *       {@code bodyFileName}s must then exist under the first set's {@code __files});
 *   <li>the published {@code -mappings.jar} from the classpath, another set imported.
 * </ol>
 */
class TwoMappingSetsIT {
  private static final Path ROOT = StandaloneServer.repositoryRoot();
  private static final Path TEAM_B = ROOT.resolve("src/test/resources/mapping-sets/team-b");
  private static final String[] FACE_KEY = {"Ocp-Apim-Subscription-Key", "k"};
  private static final String[] MEDIA = {"Authorization", "Bearer t", "x-ms-version", "2.19"};
  private static final String SHIPPED_FACE = "/face/v1.0-preview/operations/a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static final String TEAM_B_FACE = "/face/v1.0-preview/operations/7eab0000-0000-4000-8000-000000000001";
  private static final String TEAM_B_MEDIA = "/api/Operations('nb:opid:UUID:7eab0000-0000-4000-8000-000000000002')";

  @Test
  void mergedIntoOneRootEachSetInItsOwnFolderBothServe(@TempDir Path root) throws IOException {
    copy(ROOT.resolve("mappings"), root.resolve("mappings/opstub"));
    copy(TEAM_B.resolve("mappings"), root.resolve("mappings/team-b"));
    copy(ROOT.resolve("__files"), root.resolve("__files"));
    copy(TEAM_B.resolve("__files"), root.resolve("__files"));

    try (StandaloneServer server = StandaloneServer.start(root, List.of("--root-dir", ".", "--port", "{port}",
        "--bind-address", "127.0.0.1", "--max-request-journal-entries", "1000", "--async-response-enabled", "true", "--disable-request-logging"))) {
      assertThat(get(server, SHIPPED_FACE, FACE_KEY).body()).as(server.log()).contains("\"status\": \"running\"");
      HttpResponse<String> teamB = get(server, TEAM_B_FACE, FACE_KEY);
      assertThat(teamB.statusCode()).as(teamB.body()).isEqualTo(200);
      assertThatJson(teamB.body()).node("servedBy").isEqualTo("team-b");
      assertThat(teamB.headers().firstValue("Retry-After")).hasValue("1");
      assertMediaSetServes(server);
    }
  }

  @Test
  void rootDirForOneSetAndTheAdminImportForTheOther() throws IOException {
    try (StandaloneServer server = StandaloneServer.start(ROOT, List.of("--root-dir", ".", "--port", "{port}",
        "--bind-address", "127.0.0.1", "--max-request-journal-entries", "1000", "--async-response-enabled", "true", "--disable-request-logging"))) {
      HttpResponse<String> imported = Http.send("POST", server.baseUrl() + "/__admin/mappings/import", importBody());

      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
      assertThat(get(server, SHIPPED_FACE, FACE_KEY).body()).contains("\"status\": \"running\"");
      assertMediaSetServes(server);
      // An imported mapping reads the __files of --root-dir: team B's template is not there.
      HttpResponse<String> teamB = get(server, TEAM_B_FACE, FACE_KEY);
      assertThat(teamB.statusCode()).isEqualTo(500);
      assertThatJson(teamB.body()).node("error.message").asString()
          .contains("bodyFileName \"team-b/face/operation-status.json\" is not in __files");
    }
  }

  @Test
  void thePublishedMappingsJarFromTheClasspathPlusAnImportedSet() throws IOException {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    String classpath = StandaloneServer.standaloneDir().resolve("*") + File.pathSeparator
        + ValidateCommandIT.mappingsJar();
    try (StandaloneServer server = StandaloneServer.startShell(TEAM_B, "'" + javaBin + "' -cp '" + classpath + "' wiremock.Run "
        + "--load-resources-from-classpath opstub --port 8080 --bind-address 127.0.0.1 --max-request-journal-entries 1000 "
        + "--async-response-enabled true --disable-request-logging")) {
      HttpResponse<String> imported = Http.send("POST", server.baseUrl() + "/__admin/mappings/import", importBody());

      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
      assertThat(get(server, SHIPPED_FACE, FACE_KEY).body()).as(server.log()).contains("\"status\": \"running\"");
      assertThat(get(server, SHIPPED_FACE, FACE_KEY).body()).contains("\"status\": \"running\"");
      assertThat(get(server, SHIPPED_FACE, FACE_KEY).body())
          .contains("\"resourceLocation\": \"/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc\"");
      assertMediaSetServes(server);
    }
  }

  @Test
  void theDocumentedClasspathCommandServesTheJarTheBuildMakesAndAnEmptyClasspathIsSaidOutLoud() throws IOException {
    String line = Docs.page("docs/sharing.md").stream()
        .filter(l -> l.startsWith("java -cp") && l.contains("--load-resources-from-classpath")).findFirst().orElseThrow();
    try (StandaloneServer server = StandaloneServer.startShell(StandaloneServer.repositoryRoot(), line)) {
      assertThat(get(server, SHIPPED_FACE, FACE_KEY).body()).as(server.log()).contains("\"status\": \"running\"");
    }
    String withoutTheJar = line.replaceAll(":target/opstub-[^\"]*-mappings\\.jar", "");
    assertThat(withoutTheJar).isNotEqualTo(line);
    try (StandaloneServer server = StandaloneServer.startShell(StandaloneServer.repositoryRoot(), withoutTheJar)) {
      assertThat(server.log()).contains("OpStub: WARNING: the classpath holds no opstub/mappings");
    }
  }

  private static void assertMediaSetServes(StandaloneServer server) {
    assertThatJson(get(server, TEAM_B_MEDIA, MEDIA).body()).node("State").isEqualTo("InProgress");
    String failed = get(server, TEAM_B_MEDIA, MEDIA).body();
    assertThatJson(failed).node("State").isEqualTo("Failed");
    assertThatJson(failed).node("ErrorCode").isEqualTo("ResourceNotFound");
    assertThatJson(failed).node("ErrorMessage").isEqualTo("The team B channel is gone");
  }

  /** Team B's mappings as one {@code POST /__admin/mappings/import} body. */
  private static String importBody() throws IOException {
    List<String> mappings;
    try (Stream<Path> files = Files.walk(TEAM_B.resolve("mappings"))) {
      mappings = files.filter(p -> p.toString().endsWith(".json")).sorted().map(TwoMappingSetsIT::read).toList();
    }
    return "{\"mappings\": [" + String.join(",", mappings) + "]}";
  }

  private static HttpResponse<String> get(StandaloneServer server, String path, String... headers) {
    return Http.get(server.baseUrl() + path, headers);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
  }
}
