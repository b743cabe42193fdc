package dev.opstub.standalone;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.RecordingScenario;
import dev.opstub.wiremock.OpStubExtensions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/recording.md on the real standalone jar: the documented start and stop calls record a
 * "real service" (an in-process OpStub server with scripted timelines) through the stock
 * {@code wiremock-standalone} jar with the OpStub jar, the documented Validate command accepts
 * what was written, and a restarted server on that root answers the client as the service did.
 */
class StandaloneRecordingIT {
  private static final List<String> RUN = List.of("--root-dir", ".", "--port", "{port}", "--bind-address", "127.0.0.1",
      "--max-request-journal-entries", "1000", "--async-response-enabled", "true");

  @TempDir
  Path service;
  @TempDir
  Path root;
  private WireMockServer original;

  @AfterEach
  void stopOriginal() {
    if (original != null) {
      original.stop();
    }
  }

  @Test
  void theDocumentedCallsRecordOnTheStandaloneJarAndARestartedServerReplaysTheRecording() {
    RecordingScenario.writeServiceMappings(RecordingScenario.rootWithShippedMappings(service));
    original = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(service.toString()).extensions(new OpStubExtensions()));
    original.start();
    RecordingScenario.rootWithShippedMappings(root);

    List<String> throughTheRecorder;
    try (StandaloneServer recorder = StandaloneServer.start(root, RUN)) {
      String started = Docs.run(documented("recordings/start", recorder)
          .replace("https://westus.api.cognitive.microsoft.com", original.baseUrl()));
      assertThat(started).contains("\"targetBaseUrl\":\"" + original.baseUrl());
      throughTheRecorder = RecordingScenario.runClient(recorder.baseUrl());
      String stopped = Docs.run(documented("recordings/stop", recorder));
      assertThat(stopped).as(recorder.log()).contains("\"files\":[\"mappings/recorded/");
    }
    ChildJvm.Result validated = ChildJvm.run(root, Duration.ofSeconds(60), "dev.opstub.Validate", List.of("."));
    assertThat(validated.exitCode()).as(validated.stdout() + validated.stderr()).isZero();

    try (StandaloneServer replay = StandaloneServer.start(root, RUN)) {
      assertThat(RecordingScenario.runClient(replay.baseUrl())).containsExactlyElementsOf(throughTheRecorder);
    }
  }

  /** The curl line of docs/recording.md that calls {@code route}, aimed at this server's port. */
  private static String documented(String route, StandaloneServer server) {
    return Docs.page("docs/recording.md").stream().filter(l -> l.startsWith("curl ") && l.contains(route))
        .findFirst().orElseThrow().replace("8080", Integer.toString(server.port));
  }

}
