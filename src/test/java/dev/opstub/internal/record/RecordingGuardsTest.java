package dev.opstub.internal.record;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.Http;
import dev.opstub.wiremock.OpStubExtensions;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A recording a team can leave running: it refuses to record itself, stops a proxy loop at the
 * first hop, says when the real service could not be reached, and takes {@code targetBaseUrl}
 * only in the documented form.
 */
class RecordingGuardsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POLL = "/face/v1.0-preview/operations/0c0c0c0c-0000-4000-8000-0000000000a1";
  private final List<WireMockServer> servers = new ArrayList<>();

  @TempDir
  Path root;

  @AfterEach
  void stopServers() {
    servers.forEach(WireMockServer::stop);
  }

  private WireMockServer recorder() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(root.toString()).extensions(new OpStubExtensions()));
    server.start();
    servers.add(server);
    return server;
  }

  private static HttpResponse<String> start(WireMockServer recorder, String targetBaseUrl) {
    return Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/start",
        "{\"targetBaseUrl\": \"" + targetBaseUrl + "\"}");
  }

  private static JsonNode stop(WireMockServer recorder) throws Exception {
    HttpResponse<String> answer = Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/stop", null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  @ParameterizedTest
  @CsvSource({"http://127.0.0.1:{port}", "HTTP://localhost:{port}/", "http://[::ffff:127.0.0.1]:{port}"})
  void aTargetThatIsThisServerIsRefusedAtStart(String target) {
    WireMockServer recorder = recorder();

    HttpResponse<String> answer = start(recorder, target.replace("{port}", Integer.toString(recorder.port())));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("\\\"targetBaseUrl\\\" must not be this server itself")
        .contains("where this server listens on port " + recorder.port());
    assertThat(Http.get(recorder.baseUrl() + "/__admin/opstub/recordings").body()).contains("\"recording\":false");
  }

  @Test
  void aLoopThroughAnotherServerStopsAtTheFirstHopAndIsNotedNotRecorded() throws Exception {
    WireMockServer recorder = recorder();
    // Another name for the recorder, which the start cannot see through: a plain proxy back to it.
    WireMockServer detour = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    detour.start();
    servers.add(detour);
    detour.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(recorder.baseUrl())));
    assertThat(start(recorder, detour.baseUrl()).statusCode()).isEqualTo(200);

    HttpResponse<String> poll = Http.get(recorder.baseUrl() + POLL);
    JsonNode stopped = stop(recorder);

    assertThat(poll.statusCode()).isEqualTo(508);
    assertThat(poll.body()).contains("came back to the server that is recording it");
    assertThat(detour.getAllServeEvents()).hasSize(1); // one hop, not one per request thread
    assertThat(stopped.get("mappings")).isEmpty();
    assertThat(stopped.get("notes").toString()).contains("GET " + POLL + ": came back to this server through "
        + "targetBaseUrl (a proxy loop), answered 508 and not recorded");
  }

  @Test
  void anUnreachableTargetIsNotedInsteadOfRecordedAsA500() throws Exception {
    WireMockServer recorder = recorder();
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    start(recorder, "http://127.0.0.1:" + closed);

    Http.get(recorder.baseUrl() + POLL);
    Http.get(recorder.baseUrl() + POLL);
    JsonNode stopped = stop(recorder);

    assertThat(stopped.get("mappings")).isEmpty();
    assertThat(stopped.get("notes").toString()).contains("the real service could not be reached (Network failure "
        + "trying to make a proxied request from WireMock to http://127.0.0.1:" + closed + POLL)
        .contains("(2 times)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://user:hunter2secret@127.0.0.1:9 | must not hold credentials (user:password@)",
      "http://user:p@ss-hunter2secret@127.0.0.1:9 | must not hold credentials (user:password@)",
      "https://example.test/face | must not have a path, query or fragment",
      "http://127.0.0.1:9?x=1 | must not have a path, query or fragment",
      "http://127.0.0.1:99999 | must have a port from 1 to 65535",
      "http://127.0.0.1:0 | must have a port from 1 to 65535",
      "ftp://127.0.0.1 | must be an http or https URL, http(s)://host[:port]",
      "127.0.0.1:8080 | must be an http or https URL, http(s)://host[:port]"})
  void aTargetBaseUrlOutsideTheDocumentedFormIsRefusedNamingTheRule(String target, String rule) {
    WireMockServer recorder = recorder();

    HttpResponse<String> answer = start(recorder, target);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains(rule).doesNotContain("hunter2secret");
    assertThat(Http.get(recorder.baseUrl() + "/__admin/opstub/recordings").body()).contains("\"recording\":false");
  }

  @Test
  void theSchemeOfTargetBaseUrlIsCaseInsensitive() throws Exception {
    WireMockServer recorder = recorder();

    HttpResponse<String> answer = start(recorder, "HTTP://127.0.0.1:9/");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).contains("\"targetBaseUrl\":\"http://127.0.0.1:9\"")
        .contains("\"secretQueryParameters\":[\"subscription-key\",\"sig\"]");
    stop(recorder);
  }
}
