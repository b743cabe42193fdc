package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.demo.DemoJobs;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Demo API of the test sources ({@code dev.opstub.demo.DemoApi}), a third API the pack's code
 * does not know, served by the stock standalone jar: its classes and its {@code META-INF/services}
 * line are simply on the class path beside the README's, as a team's own API jar would be.
 */
class ThirdApiStandaloneIT {

  private static List<String> classpathWithTheDemoApi() {
    Path root = Path.of(System.getProperty("opstub.root.dir", ".")).toAbsolutePath();
    List<String> classpath = new ArrayList<>(StandaloneServer.classpath());
    classpath.add(root.resolve("target/test-classes").toString());
    classpath.add(root.resolve("src/test/demo-api").toString());
    return classpath;
  }

  @Test
  void theStandaloneJarServesAnApiFoundOnTheClassPath(@TempDir Path dir) throws Exception {
    Path root = DemoJobs.demoRoot(dir, "queued, working x2, stopped");
    try (StandaloneServer server = StandaloneServer.start(root, classpathWithTheDemoApi(),
        List.of("--root-dir", root.toString(), "--port", "{port}", "--bind-address", "127.0.0.1"))) {
      assertThat(DemoJobs.runJob(server.baseUrl())).containsExactly("queued", "working", "working", "stopped");

      HttpResponse<String> listed = Http.get(server.baseUrl() + "/__admin/opstub/operations");
      assertThat(listed.body()).contains("\"api\":\"demo\"", "\"polls\":4");
      HttpResponse<String> unknownStatus = Http.send("POST", server.baseUrl() + "/__admin/opstub/operations",
          "{\"api\": \"demo\", \"id\": \"D-1\", \"timeline\": \"working, finished\"}");
      assertThat(unknownStatus.statusCode()).isEqualTo(400);
      assertThat(unknownStatus.body()).contains("unknown status 'finished' for the Demo API");
    }
  }
}
