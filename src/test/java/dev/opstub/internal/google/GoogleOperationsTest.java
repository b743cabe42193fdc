package dev.opstub.internal.google;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.Http;
import dev.opstub.wiremock.OpStubExtensions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Google operations routes over HTTP as a curl user or any AIP-151 client sees them, served
 * with the shipped mappings: start, poll, cancel, delete, list with pages and filter, and every bad
 * input answered in the transcoding's error shape (never a 500). {@link GoogleOperationsOnRedisTest}
 * runs the same on a real redis-server.
 */
class GoogleOperationsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  WireMockServer server;

  WireMockServer startServer() {
    WireMockServer started = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(".").extensions(new OpStubExtensions()));
    started.start();
    return started;
  }

  @BeforeEach
  void start() {
    server = startServer();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  HttpResponse<String> send(String method, String path, String body) {
    return Http.send(method, url(path), body, "Content-Type", "application/json");
  }

  HttpResponse<String> get(String path) {
    return Http.get(url(path));
  }

  void add(String id, String timeline, String fields) {
    HttpResponse<String> added = send("POST", "/__admin/opstub/operations",
        "{\"api\":\"google\",\"id\":\"" + id + "\",\"timeline\":\"" + timeline + "\"" + fields + "}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
  }

  static void assertError(HttpResponse<String> reply, int status, String code, String message) {
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
    assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThatJson(reply.body()).isEqualTo("{\"error\":{\"code\":" + status + ",\"message\":\"${json-unit.any-string}\","
        + "\"status\":\"" + code + "\"}}");
    assertThat(JSONof(reply).at("/error/message").asText()).contains(message);
  }

  static JsonNode JSONof(HttpResponse<String> reply) {
    try {
      return JSON.readTree(reply.body());
    } catch (Exception e) {
      throw new AssertionError(reply.body(), e);
    }
  }

  @Test
  void theShippedSpeechStartAnswersANumberedRunningOperationThatPollsToItsTranscript() {
    HttpResponse<String> started = send("POST", "/v1/speech:longrunningrecognize?$alt=json;enum-encoding%3Dint",
        "{\"config\":{\"encoding\":1,\"languageCode\":\"en-US\"},\"audio\":{\"uri\":\"gs://b/a.raw\"}}");
    assertThat(started.statusCode()).isEqualTo(200);
    JsonNode operation = JSONof(started);
    String name = operation.get("name").asText();
    assertThat(name).matches("[0-9]{19}");
    assertThatJson(started.body()).isEqualTo("{\"name\":\"" + name + "\",\"metadata\":{\"@type\":\"" + GoogleKept.METADATA_TYPE
        + "\",\"progressPercent\":0,\"startTime\":\"${json-unit.any-string}\",\"lastUpdateTime\":\"${json-unit.any-string}\"},"
        + "\"done\":false}");

    List<String> progress = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonNode poll = JSONof(get("/v1/operations/" + name));
      progress.add(poll.get("done").asBoolean() + "/" + poll.at("/metadata/progressPercent").asInt());
    }
    assertThat(progress).containsExactly("false/33", "false/66", "true/100");
    assertThatJson(get("/v1/operations/" + name).body()).node("response").isEqualTo("{\"@type\":\""
        + GoogleKept.RESPONSE_TYPE + "\",\"results\":[{\"alternatives\":[{\"transcript\":\"how old is the Brooklyn Bridge\","
        + "\"confidence\":0.98}]}]}");
    // The speech client polls /v1/operations/<name>; a client that writes operations/<name> reaches the same one.
    assertThat(JSONof(get("/v1/operations/operations/" + name)).get("name").asText()).isEqualTo(name);
  }

  @Test
  void theWellKnownBadAudioFailsWithCodeThreeAndItsMessage() {
    String name = JSONof(send("POST", "/v1/speech:longrunningrecognize",
        "{\"audio\":{\"uri\":\"gs://b/opstub-bad-audio.raw\"}}")).get("name").asText();
    get("/v1/operations/" + name);
    assertThatJson(get("/v1/operations/" + name).body()).isEqualTo("{\"name\":\"" + name + "\",\"metadata\":"
        + "\"${json-unit.ignore}\",\"done\":true,\"error\":{\"code\":3,\"message\":"
        + "\"Invalid audio: the file is corrupted or its encoding is not supported.\",\"details\":[]}}");
  }

  @Test
  void failedAndCancelledStepsServeTheirErrorAndAFaultStepServesTheTranscodingsError() {
    add("f-1", "http(503), Failed(INVALID_ARGUMENT: bad audio)", "");
    assertError(get("/v1/operations/f-1"), 503, "UNAVAILABLE", "unavailable");
    assertThatJson(get("/v1/operations/f-1").body()).node("error")
        .isEqualTo("{\"code\":3,\"message\":\"bad audio\",\"details\":[]}");
    add("f-2", "Failed", "");
    assertThatJson(get("/v1/operations/f-2").body()).node("error.code").isEqualTo(2);
    add("f-3", "Running, Cancelled", "");
    get("/v1/operations/f-3");
    assertThatJson(get("/v1/operations/f-3").body()).node("error")
        .isEqualTo("{\"code\":1,\"message\":\"Operation was cancelled.\",\"details\":[]}");
  }

  @Test
  void cancelEndsARunningOperationWithCodeOneAndAnswersAnEmptyObject() {
    add("c-1", "Running x5, Done", "");
    get("/v1/operations/c-1");
    // As gax sends it: no body, a form content type.
    HttpResponse<String> cancelled = Http.send("POST", url("/v1/operations/c-1:cancel"), "",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.body()).isEqualTo("{}");
    assertThatJson(get("/v1/operations/c-1").body()).isEqualTo("{\"name\":\"c-1\",\"metadata\":\"${json-unit.ignore}\","
        + "\"done\":true,\"error\":{\"code\":1,\"message\":\"Operation was cancelled.\",\"details\":[]}}");
    assertError(send("POST", "/v1/operations/nope:cancel", "{}"), 404, "NOT_FOUND", "Operation not found: nope");
  }

  @Test
  void deleteAnswersAnEmptyObjectAndTheOperationIsGoneAfterwards() {
    add("projects/p1/locations/global/operations/d-1", "Running, Done", "");
    HttpResponse<String> deleted = send("DELETE", "/v1/projects/p1/locations/global/operations/d-1", null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{}");
    assertError(get("/v1/projects/p1/locations/global/operations/d-1"), 404, "NOT_FOUND",
        "Operation not found: projects/p1/locations/global/operations/d-1");
    assertError(send("DELETE", "/v1/projects/p1/locations/global/operations/d-1", null), 404, "NOT_FOUND", "d-1");
  }

  @Test
  void theListPagesByNameFiltersByDoneAndKeepsToItsParent() {
    for (int i = 1; i <= 5; i++) {
      add("l-" + i, i <= 2 ? "Done" : "Running, Done", "");
    }
    add("projects/p1/locations/l1/operations/n-1", "Running", "");
    add("projects/p2/locations/l1/operations/n-2", "Running", "");
    assertThat(send("POST", "/__admin/opstub/operations", "{\"api\":\"face\",\"id\":\"a63a3bdd-a1db-4d05-8000-dbad6850062a\","
        + "\"timeline\":\"running\"}").statusCode()).isEqualTo(201);

    // gax sends unset values bare and pageSize=0: the default page holds them all.
    JsonNode all = JSONof(get("/v1/operations?filter&pageSize=0&pageToken"));
    assertThat(names(all)).containsExactly("l-1", "l-2", "l-3", "l-4", "l-5", "projects/p1/locations/l1/operations/n-1",
        "projects/p2/locations/l1/operations/n-2");
    assertThat(all.has("nextPageToken")).isFalse();

    List<String> paged = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      JsonNode page = JSONof(get("/v1/operations?pageSize=3&pageToken=" + token));
      paged.addAll(names(page));
      token = page.path("nextPageToken").asText();
      pages++;
    } while (!token.isEmpty());
    assertThat(paged).isEqualTo(names(all));
    assertThat(pages).isEqualTo(3);

    assertThat(names(JSONof(get("/v1/operations?filter=done%3Dtrue")))).containsExactly("l-1", "l-2");
    assertThat(names(JSONof(get("/v1/operations?filter=done%20%3D%20false&pageSize=2")))).containsExactly("l-3", "l-4");
    assertThat(names(JSONof(get("/v1/projects/p1/locations/l1/operations"))))
        .containsExactly("projects/p1/locations/l1/operations/n-1");
    assertThat(get("/v1/projects/p9/locations/l1/operations").body()).isEqualTo("{}");
  }

  static List<String> names(JsonNode page) {
    List<String> names = new ArrayList<>();
    page.path("operations").forEach(o -> names.add(o.get("name").asText()));
    return names;
  }

  @Test
  void badInputIsAnInvalidArgumentOrNotFoundInTheTranscodingsShapeNeverA500() {
    assertError(get("/v1/operations/no-such-op"), 404, "NOT_FOUND", "Operation not found: no-such-op");
    assertError(send("POST", "/v1/speech:longrunningrecognize", "{not json"), 400, "INVALID_ARGUMENT",
        "Invalid JSON payload received");
    assertError(send("POST", "/v1/speech:longrunningrecognize", "[1]"), 400, "INVALID_ARGUMENT", "JSON object");
    assertError(get("/v1/operations?pageSize=ten"), 400, "INVALID_ARGUMENT", "page_size");
    assertError(get("/v1/operations?pageSize=-1"), 400, "INVALID_ARGUMENT", "page_size");
    assertError(get("/v1/operations?pageToken=not-a-token"), 400, "INVALID_ARGUMENT", "Invalid page token");
    assertError(get("/v1/operations?filter=name%3Dx"), 400, "INVALID_ARGUMENT", "allowed: done=true, done=false");
    assertError(get("/v1/operations/bad%21name"), 400, "INVALID_ARGUMENT", "Invalid operation name \"bad!name\"");
    assertError(send("PUT", "/v1/operations/x-1", "{}"), 404, "NOT_FOUND", "No method PUT");
    assertError(get("/v1/operations/x-1:cancel"), 404, "NOT_FOUND", "No method GET");
    assertError(send("POST", "/v1/operations", "{}"), 404, "NOT_FOUND", "No method POST");
    assertError(get("/v1/speech:somethingelse"), 404, "NOT_FOUND", "no mapping");
    // A page size past the maximum is cut to it, as AIP-158 asks, not refused.
    assertThat(get("/v1/operations?pageSize=5000").statusCode()).isEqualTo(200);
  }

  @Test
  void theAdminApiTakesResponseAndMetadataAsAnyWithAType() {
    add("operations/a-1", "Running, Done", ",\"metadata\":{\"@type\":\"type.googleapis.com/my.v1.Progress\",\"progressPercent\":0,"
        + "\"stage\":\"copy\"},\"response\":{\"@type\":\"type.googleapis.com/my.v1.Result\",\"rows\":7}");
    assertThatJson(get("/v1/operations/a-1").body()).isEqualTo("{\"name\":\"a-1\",\"metadata\":{\"@type\":"
        + "\"type.googleapis.com/my.v1.Progress\",\"progressPercent\":50,\"stage\":\"copy\"},\"done\":false}");
    assertThatJson(get("/v1/operations/a-1").body()).node("response")
        .isEqualTo("{\"@type\":\"type.googleapis.com/my.v1.Result\",\"rows\":7}");
    assertThatJson(get("/__admin/opstub/operations/google/a-1").body()).node("response.rows").isEqualTo(7);

    HttpResponse<String> untyped = send("POST", "/__admin/opstub/operations",
        "{\"api\":\"google\",\"id\":\"a-2\",\"timeline\":\"Done\",\"response\":{\"rows\":7}}");
    assertThat(untyped.statusCode()).isEqualTo(400);
    assertThat(untyped.body()).contains("response must name its message type in \\\"@type\\\"");
  }

  @Test
  void aTimeDrivenStepEndsOnTheServersClock() {
    send("POST", "/__admin/opstub/clock/freeze", "{}");
    add("t-1", "Running 10s, Done", "");
    assertThatJson(get("/v1/operations/t-1").body()).node("done").isEqualTo(false);
    send("POST", "/__admin/opstub/clock/advance", "{\"by\":\"10s\"}");
    assertThatJson(get("/v1/operations/t-1").body()).node("done").isEqualTo(true);
  }

  @Test
  void aTimelineNamesARealCodeAndRunningTakesOnlyAPercent() {
    assertThat(GoogleOperation.TIMELINE.read("Running(40), Running, Failed(UNAVAILABLE: try again)").steps()).hasSize(3);
    assertThatThrownBy(() -> GoogleOperation.TIMELINE.read("Running, Failed(99: x)"))
        .hasMessageContaining("google.rpc code from 1 to 16");
    assertThatThrownBy(() -> GoogleOperation.TIMELINE.read("Running, Failed(0: fine)"))
        .hasMessageContaining("google.rpc code from 1 to 16");
    assertThatThrownBy(() -> GoogleOperation.TIMELINE.read("Running(140), Done")).hasMessageContaining("0 to 100");
    assertThatThrownBy(() -> GoogleOperation.TIMELINE.read("Running, Done(yes)")).hasMessageContaining("only Failed");
    assertThatThrownBy(() -> GoogleOperation.TIMELINE.read("running, succeeded")).hasMessageContaining("Running, Done, Failed, Cancelled");
  }

  @Test
  void aRunningStepShowsTheProgressItNames() {
    add("p-1", "Running(40), Running(80), Done", "");
    assertThatJson(get("/v1/operations/p-1").body()).node("metadata.progressPercent").isEqualTo(40);
    assertThatJson(get("/v1/operations/p-1").body()).node("metadata.progressPercent").isEqualTo(80);
  }

  @Test
  void concurrentStartsEachMakeOneOperationAndThePagesListEachExactlyOnce() throws Exception {
    int threads = 8;
    int each = 25;
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    List<java.util.concurrent.Future<List<String>>> started = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        started.add(pool.submit(() -> {
          together.await();
          List<String> names = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            names.add(JSONof(send("POST", "/v1/speech:longrunningrecognize", "{}")).get("name").asText());
          }
          return names;
        }));
      }
      java.util.Set<String> names = new java.util.TreeSet<>();
      for (var future : started) {
        names.addAll(future.get());
      }
      assertThat(names).hasSize(threads * each);

      List<String> listed = new ArrayList<>();
      String token = "";
      do {
        JsonNode page = JSONof(get("/v1/operations?pageSize=7&pageToken=" + token));
        listed.addAll(names(page));
        token = page.path("nextPageToken").asText();
      } while (!token.isEmpty());
      assertThat(listed).containsExactlyElementsOf(names);
    } finally {
      pool.shutdownNow();
    }
  }
}
