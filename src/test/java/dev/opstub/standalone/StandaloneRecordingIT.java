package dev.opstub.standalone;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.Http;
import dev.opstub.testing.RecordingScenario;
import dev.opstub.wiremock.OpStubExtensions;
import java.net.http.HttpResponse;
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
      HttpResponse<String> started = Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/start",
          "{\"targetBaseUrl\":\"" + original.baseUrl() + "\"}");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
      throughTheRecorder = RecordingScenario.runClient(recorder.baseUrl());
      HttpResponse<String> stopped = Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/stop", null);
      assertThat(stopped.statusCode()).as(stopped.body() + recorder.log()).isEqualTo(200);
      assertThat(stopped.body()).contains("\"files\":[\"mappings/recorded/");
    }
    ChildJvm.Result validated = ChildJvm.run(root, Duration.ofSeconds(60), "dev.opstub.Validate", List.of("."));
    assertThat(validated.exitCode()).as(validated.stdout() + validated.stderr()).isZero();

    try (StandaloneServer replay = StandaloneServer.start(root, RUN)) {
      assertThat(RecordingScenario.runClient(replay.baseUrl())).containsExactlyElementsOf(throughTheRecorder);
    }
  }
}
