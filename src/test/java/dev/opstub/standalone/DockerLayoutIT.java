package dev.opstub.standalone;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.testing.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official WireMock Docker image's layout and command line, without Docker (there is none on
 * this project's machines). The image ({@code wiremock/wiremock:3.13.2-3}: Dockerfile and
 * docker-entrypoint.sh of wiremock/wiremock-docker) downloads the stock jar to {@code
 * /var/wiremock/lib/wiremock-standalone.jar}, runs in {@code /home/wiremock} and starts {@code java
 * $JAVA_OPTS -cp /var/wiremock/lib/*:/var/wiremock/extensions/* wiremock.Run "$@"}, adding no
 * arguments of its own. This builds that tree in a temporary folder, with only the OpStub jar in
 * {@code extensions/} and the mappings mounted as the README's {@code docker run} mounts them, and
 * runs that command there with the README's arguments. The one change: {@code --port} and {@code
 * --bind-address 127.0.0.1}, so the test takes a free port on loopback.
 */
class DockerLayoutIT {
  private static final Path ROOT = StandaloneServer.repositoryRoot();
  private static final String[] FACE_KEY = {"Ocp-Apim-Subscription-Key", "any"};
  private static final String[] MEDIA = {"Authorization", "Bearer t", "x-ms-version", "2.19"};

  @Test
  void theOneJarInExtensionsServesTheShippedMappingsAsTheImageRunsIt(@TempDir Path image) throws IOException {
    Path lib = Files.createDirectories(image.resolve("var/wiremock/lib"));
    Path extensions = Files.createDirectories(image.resolve("var/wiremock/extensions"));
    Path home = Files.createDirectories(image.resolve("home/wiremock"));
    Files.copy(StandaloneServer.wireMockJar(), lib.resolve("wiremock-standalone.jar"));
    Files.copy(StandaloneServer.standaloneJar(), extensions.resolve(StandaloneServer.standaloneJar().getFileName()));
    // The README's -v lines: the pack's set and another team's, each in its own folder.
    copy(ROOT.resolve("mappings"), home.resolve("mappings/opstub"));
    copy(ROOT.resolve("__files/opstub"), home.resolve("__files/opstub"));
    Path teamB = ROOT.resolve("src/test/resources/mapping-sets/team-b");
    copy(teamB.resolve("mappings"), home.resolve("mappings/team-b"));
    copy(teamB.resolve("__files/team-b"), home.resolve("__files/team-b"));

    List<String> args = new ArrayList<>(readmesImageArguments());
    args.addAll(List.of("--port", "{port}", "--bind-address", "127.0.0.1"));
    List<String> classpath = List.of(lib + "/*", extensions + "/*");
    try (StandaloneServer server = StandaloneServer.start(home, classpath, args)) {
      String seed = server.baseUrl() + "/face/v1.0-preview/operations/a63a3bdd-a1db-4d05-87b8-dbad6850062a";
      assertThat(Http.get(seed, FACE_KEY).body()).as(server.log()).contains("\"status\": \"running\"");
      assertThat(Http.get(seed, FACE_KEY).body()).contains("\"status\": \"running\"");
      assertThat(Http.get(seed, FACE_KEY).body())
          .contains("\"resourceLocation\": \"/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc\"");

      HttpResponse<String> started = Http.send("POST",
          server.baseUrl() + "/api/Channels('nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833')/Start", "", MEDIA);
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      String operationId = started.headers().firstValue("operation-id").orElseThrow();
      assertThat(operationId).startsWith("nb:opid:UUID:");
      assertThatJson(Http.get(server.baseUrl() + "/api/Operations('" + operationId + "')", MEDIA).body())
          .node("State").isEqualTo("InProgress");

      HttpResponse<String> teamBFace = Http.get(server.baseUrl()
          + "/face/v1.0-preview/operations/7eab0000-0000-4000-8000-000000000001", FACE_KEY);
      assertThatJson(teamBFace.body()).node("servedBy").isEqualTo("team-b");
    }
  }

  /** What follows the image in the README's {@code docker run}: the arguments the entrypoint passes on. */
  private static List<String> readmesImageArguments() throws IOException {
    String image = "wiremock/wiremock:" + StandaloneServer.wireMockVersion() + "-";
    String line = Docs.readme().stream().map(String::strip)
        .filter(l -> l.startsWith(image)).findFirst()
        .orElseThrow(() -> new AssertionError("the README's docker run names no " + image + "<build> image"));
    List<String> words = List.of(line.split(" +"));
    return words.subList(1, words.size());
  }

  /** Copies the files under {@code from} to the same places under {@code to}, as a {@code -v} mount shows them. */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
  }
}
