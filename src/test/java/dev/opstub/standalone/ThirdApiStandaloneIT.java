package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.demo.DemoJobs;
import dev.opstub.testing.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Demo API's own jar ({@code target/demo-api/opstub-demo-api.jar}: a dialect built against
 * {@code dev.opstub.spi} only, which the pack's code does not know) served by the stock standalone
 * jar from the class path, as a team's dialect jar would be: with the README's class path, with
 * the commands of docs/extending.md, and in the Docker image's {@code extensions/} layout. No test
 * class is on the server's class path.
 */
class ThirdApiStandaloneIT {
  private static final Path ROOT = StandaloneServer.repositoryRoot();
  private static final String PAGE = "docs/extending.md";
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path demoJar() {
    Path jar = Path.of(System.getProperty("opstub.demo.api.jar", "target/demo-api/opstub-demo-api.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run `mvn package` (or `mvn verify`) first");
    }
    return jar;
  }

  @Test
  void theStandaloneJarServesTheDemoApiFromItsJarAndAMapping(@TempDir Path dir) throws Exception {
    Path root = DemoJobs.demoRoot(dir, "queued, working x2, stopped");
    List<String> classpath = new ArrayList<>(StandaloneServer.classpath());
    classpath.add(demoJar().toString());
    try (StandaloneServer server = StandaloneServer.start(root, classpath,
        List.of("--root-dir", root.toString(), "--port", "{port}", "--bind-address", "127.0.0.1"))) {
      assertThat(DemoJobs.runJob(server.baseUrl())).as(server.log()).containsExactly("queued", "working", "working", "stopped");

      HttpResponse<String> listed = Http.get(server.baseUrl() + "/__admin/opstub/operations");
      assertThat(listed.body()).contains("\"api\":\"demo\"", "\"polls\":4");
      HttpResponse<String> unknownStatus = Http.send("POST", server.baseUrl() + "/__admin/opstub/operations",
          "{\"api\": \"demo\", \"id\": \"D-1\", \"timeline\": \"working, finished\"}");
      assertThat(unknownStatus.statusCode()).isEqualTo(400);
      assertThat(unknownStatus.body()).contains("unknown status 'finished' for the Demo API");
    }
  }

  @Test
  void extendingMdsRunCommandServesItsMappingAndItsCommandsAnswerAsThePageSays() throws Exception {
    List<String> page = Docs.page(PAGE);
    String run = page.stream().filter(l -> l.startsWith("java ") && l.contains("wiremock.Run")).findFirst().orElseThrow();
    assertThat(run).contains("target/demo-api/opstub-demo-api.jar", "--root-dir src/test/demo-api");
    String shown = Docs.fencedBlocks(page, "json").get(0);
    assertThat(JSON.readTree(shown)).as("the page shows start.json as it is")
        .isEqualTo(JSON.readTree(ROOT.resolve("src/test/demo-api/mappings/start.json").toFile()));
    String junit = Docs.fencedBlocks(page, "java").get(0);
    String demoApiTest = Files.readString(ROOT.resolve("src/test/java/dev/opstub/demo/DemoApiTest.java"));
    assertThat(junit.lines().map(String::strip)).as("the page's JUnit lines are DemoApiTest's")
        .allSatisfy(line -> assertThat(demoApiTest).contains(line));

    List<String[]> steps = Docs.commandsWithExpectations(page);
    assertThat(steps).hasSizeGreaterThanOrEqualTo(6);
    try (StandaloneServer server = StandaloneServer.startShell(ROOT, run)) {
      assertThat(DemoJobs.runJob(server.baseUrl())).as(server.log()).containsExactly("queued", "working", "working", "done");
      for (String[] step : steps) {
        String out = Docs.run(step[0].replace("8080", Integer.toString(server.port)));
        assertThat(out).as("%s: %s", PAGE, step[0]).contains(step[1]);
      }
    }
  }

  /**
   * The page's Docker lines, without Docker (as DockerLayoutIT does for the README's): its {@code
   * cp} line fills {@code extensions/}, its {@code -v} lines mount the mappings, and the image's
   * command line runs with the arguments that follow the image.
   */
  @Test
  void theDemoJarInTheImagesExtensionsFolderServesTheMountedMappings(@TempDir Path image) throws Exception {
    List<String> page = Docs.page(PAGE);
    String copy = page.stream().filter(l -> l.startsWith("mkdir -p extensions && cp ")).findFirst().orElseThrow();
    String docker = Docs.serverCommands().stream().filter(c -> c.startsWith("docker run") && c.contains("demo-api"))
        .findFirst().orElseThrow();
    Path lib = Files.createDirectories(image.resolve("var/wiremock/lib"));
    Path extensions = Files.createDirectories(image.resolve("var/wiremock/extensions"));
    Path home = Files.createDirectories(image.resolve("home/wiremock"));
    Files.copy(StandaloneServer.wireMockJar(), lib.resolve("wiremock-standalone.jar"));
    List<String> copied = List.of(copy.substring(copy.indexOf(" cp ") + 4).split(" +"));
    for (String glob : copied.subList(0, copied.size() - 1)) {
      for (Path jar : matching(glob)) {
        Files.copy(jar, extensions.resolve(jar.getFileName()));
      }
    }
    assertThat(extensions.resolve("opstub-demo-api.jar")).isRegularFile();
    Matcher mount = Pattern.compile("-v \"\\$PWD/([^:]+):/home/wiremock/([^:]+):ro\"").matcher(docker);
    while (mount.find()) {
      DockerLayoutIT.copy(ROOT.resolve(mount.group(1)), home.resolve(mount.group(2)));
    }
    Matcher imageArgs = Pattern.compile("wiremock/wiremock:\\S+ (.*)$").matcher(docker);
    assertThat(imageArgs.find()).as(docker).isTrue();
    List<String> args = new ArrayList<>(List.of(imageArgs.group(1).trim().split(" ")));
    args.addAll(List.of("--port", "{port}", "--bind-address", "127.0.0.1"));

    try (StandaloneServer server = StandaloneServer.start(home, List.of(lib + "/*", extensions + "/*"), args)) {
      assertThat(DemoJobs.runJob(server.baseUrl())).as(server.log()).containsExactly("queued", "working", "working", "done");
    }
  }

  /** The files of the repository a page's path names ({@code *} in its file name). */
  private static List<Path> matching(String glob) throws IOException {
    Path pattern = ROOT.resolve(glob);
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(pattern.getParent(), pattern.getFileName().toString())) {
      files.forEach(found::add);
    }
    assertThat(found).as(glob).isNotEmpty();
    return found;
  }
}
