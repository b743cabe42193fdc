package dev.opstub.internal.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.face.FaceErrors;
import dev.opstub.internal.face.FaceSnapshots;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.timeline.OperationStore;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot flow on the repository's own mappings/ served in-process: take, poll, get, list,
 * update, delete, apply, and the well-known failing and refused object ids.
 */
class FaceSnapshotStubTest {
  private static final String BASE = "/face/v1.0-preview";
  // The key is that of the subscription in the snapshots' applyScope, so it may also apply them.
  private static final String[] KEY = {"Ocp-Apim-Subscription-Key", "e58b3f08-1e8b-4165-81df-aa9858f233dc"};
  private static final String[] KEY_JSON = {"Ocp-Apim-Subscription-Key", "e58b3f08-1e8b-4165-81df-aa9858f233dc", "Content-Type", "application/json"};
  private static final String SCOPE = "e58b3f08-1e8b-4165-81df-aa9858f233dc";
  private static final String OTHER_SCOPE = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final Instant NOW = Instant.parse("2018-12-25T11:41:02.2331413Z");

  private WireMockServer server;

  @BeforeEach
  void start() {
    InMemoryState store = new InMemoryState(1000, Clock.fixed(NOW, ZoneOffset.UTC));
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(".").extensions(new Pack(store, Apis.builtIn()).extensions()));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> send(String method, String path, String body) {
    return Http.send(method, server.baseUrl() + path, body, body == null ? KEY : KEY_JSON);
  }

  private static String takeBody(String type, String objectId) {
    return "{\"type\":\"" + type + "\",\"objectId\":\"" + objectId + "\",\"applyScope\":[\"" + SCOPE + "\"]}";
  }

  private static String operationLocation(HttpResponse<String> accepted) {
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return accepted.headers().firstValue("Operation-Location").orElseThrow();
  }

  /** Polls {@code BASE + location} until terminal; returns the statuses seen and the last body. */
  private List<String> pollToEnd(String location, List<String> lastBody) {
    List<String> statuses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> poll = send("GET", BASE + location, null);
      assertThat(poll.statusCode()).as(poll.body()).isEqualTo(200);
      String status = JsonPath.read(poll.body(), "$.status");
      statuses.add(status);
      if (status.equals("succeeded") || status.equals("failed")) {
        lastBody.add(poll.body());
        return statuses;
      }
    }
    throw new AssertionError("never ended: " + statuses);
  }

  private String takeAndSucceed(String body) {
    List<String> last = new ArrayList<>();
    pollToEnd(operationLocation(send("POST", BASE + "/snapshots", body)), last);
    return JsonPath.<String>read(last.get(0), "$.resourceLocation").substring("/snapshots/".length());
  }

  @Test
  void aTakeFollowsTheMappingsTimelineAndThenTheSnapshotCanBeRead() {
    HttpResponse<String> taken = send("POST", BASE + "/snapshots", takeBody("PersonGroup", "my-group"));

    String location = operationLocation(taken);
    assertThat(location).matches("/operations/" + UUID_RE);
    assertThat(taken.body()).isEmpty();
    List<String> last = new ArrayList<>();
    String first = send("GET", BASE + location, null).body();
    assertThatJson(first).node("status").isEqualTo("notStarted");
    assertThat(pollToEnd(location, last)).containsExactly("running", "running", "succeeded");
    String resourceLocation = JsonPath.read(last.get(0), "$.resourceLocation");
    assertThat(resourceLocation).matches("/snapshots/" + UUID_RE);

    HttpResponse<String> snapshot = send("GET", BASE + resourceLocation, null);
    assertThat(snapshot.statusCode()).isEqualTo(200);
    assertThat(snapshot.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThatJson(snapshot.body()).isEqualTo("{\"id\":\"" + resourceLocation.substring(11) + "\",\"account\":\""
        + FaceSnapshots.account(SCOPE) + "\",\"type\":\"PersonGroup\",\"applyScope\":[\"" + SCOPE + "\"],"
        + "\"userData\":null,\"createdTime\":\"2018-12-25T11:41:02.2331413Z\","
        + "\"lastUpdateTime\":\"2018-12-25T11:41:02.2331413Z\"}");
  }

  @Test
  void theSnapshotIsNotFoundUntilAPollHasSeenTheTakeSucceed() {
    String location = operationLocation(send("POST", BASE + "/snapshots", takeBody("FaceList", "f")));
    for (int i = 0; i < 3; i++) {
      send("GET", BASE + location, null); // notStarted, running, running
      assertThat(send("GET", BASE + "/snapshots", null).body()).isEqualTo("[]");
    }

    String snapshotPath = JsonPath.read(send("GET", BASE + location, null).body(), "$.resourceLocation");

    assertThat(send("GET", BASE + snapshotPath, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", BASE + "/snapshots", null).body()).contains(snapshotPath.substring("/snapshots/".length()));
  }

  @Test
  void theListFiltersByTypeAndApplyScopeFromTheQuery() {
    String personGroup = takeAndSucceed(takeBody("PersonGroup", "a"));
    String faceList = takeAndSucceed("{\"type\":\"FaceList\",\"objectId\":\"b\",\"applyScope\":[\"" + OTHER_SCOPE + "\"]}");

    assertThat(ids("")).containsExactlyInAnyOrder(personGroup, faceList);
    assertThat(ids("?type=FaceList")).containsExactly(faceList);
    assertThat(ids("?applyScope=" + SCOPE)).containsExactly(personGroup);
    assertThat(ids("?applyScope=" + SCOPE + "," + OTHER_SCOPE)).containsExactlyInAnyOrder(personGroup, faceList);
    assertThat(ids("?type=PersonGroup&applyScope=" + OTHER_SCOPE)).isEmpty();
    HttpResponse<String> bad = send("GET", BASE + "/snapshots?type=Nope", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThatJson(bad.body()).node("error.code").isEqualTo("BadArgument");
  }

  private List<String> ids(String query) {
    HttpResponse<String> reply = send("GET", BASE + "/snapshots" + query, null);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return JsonPath.read(reply.body(), "$[*].id");
  }

  @Test
  void anUpdateAndADeleteAnswer200WithNoBody() {
    String id = takeAndSucceed(takeBody("PersonGroup", "a"));

    HttpResponse<String> patched = send("PATCH", BASE + "/snapshots/" + id, "{\"userData\":\"hello\"}");
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(patched.body()).isEmpty();
    assertThatJson(send("GET", BASE + "/snapshots/" + id, null).body()).node("userData").isEqualTo("hello");

    HttpResponse<String> deleted = send("DELETE", BASE + "/snapshots/" + id, null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).isEmpty();
    HttpResponse<String> gone = send("GET", BASE + "/snapshots/" + id, null);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThatJson(gone.body()).isEqualTo(
        "{\"error\":{\"code\":\"NotFound\",\"message\":\"Snapshot '" + id + "' is not found.\"}}");
  }

  @Test
  void anApplyEndsAtTheTargetObjectPath() {
    String id = takeAndSucceed(takeBody("LargePersonGroup", "source"));

    HttpResponse<String> applied = send("POST", BASE + "/snapshots/" + id + "/apply",
        "{\"objectId\":\"restored\",\"mode\":\"CreateNew\"}");

    List<String> last = new ArrayList<>();
    assertThat(pollToEnd(operationLocation(applied), last)).containsExactly("notStarted", "running", "running", "succeeded");
    assertThatJson(last.get(0)).node("resourceLocation").isEqualTo("/largepersongroups/restored");
  }

  @Test
  void theStableV10PathServesTheSameFlow() {
    HttpResponse<String> taken = send("POST", "/face/v1.0/snapshots", takeBody("PersonGroup", "g"));
    String location = operationLocation(taken);
    List<String> statuses = new ArrayList<>();
    String body = null;
    for (int i = 0; i < 4; i++) {
      body = send("GET", "/face/v1.0" + location, null).body();
      statuses.add(JsonPath.read(body, "$.status"));
    }

    assertThat(statuses).containsExactly("notstarted", "running", "running", "succeeded");
    assertThat(send("GET", "/face/v1.0" + JsonPath.read(body, "$.resourceLocation"), null).statusCode()).isEqualTo(200);
  }

  @Test
  void theWellKnownFailSnapshotTakeFailsAndNeverYieldsASnapshot() {
    HttpResponse<String> taken = send("POST", BASE + "/snapshots", takeBody("PersonGroup", "fail-snapshot"));

    List<String> last = new ArrayList<>();
    assertThat(pollToEnd(operationLocation(taken), last)).containsExactly("running", "failed");
    assertThatJson(last.get(0)).node("message").isEqualTo(
        "The source object was edited while the snapshot was being taken. Take the snapshot again.");
    assertThatJson(last.get(0)).node("resourceLocation").isAbsent();
    assertThat(send("GET", BASE + "/snapshots", null).body()).isEqualTo("[]");
  }

  @Test
  void theWellKnownFailApplyApplyFails() {
    String id = takeAndSucceed(takeBody("PersonGroup", "source"));

    HttpResponse<String> applied = send("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"fail-apply\"}");

    List<String> last = new ArrayList<>();
    assertThat(pollToEnd(operationLocation(applied), last)).containsExactly("running", "failed");
    assertThatJson(last.get(0)).node("message").asString().contains("edited while the snapshot was being applied");
  }

  @Test
  void theWellKnownConflictAndRateLimitedObjectIdsAreRefusedOnTakeAndApply() {
    String id = takeAndSucceed(takeBody("PersonGroup", "source"));

    HttpResponse<String> takeConflict = send("POST", BASE + "/snapshots", takeBody("PersonGroup", "conflict"));
    HttpResponse<String> applyConflict = send("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"conflict\"}");
    HttpResponse<String> takeLimited = send("POST", BASE + "/snapshots", takeBody("FaceList", "rate-limited"));
    HttpResponse<String> applyLimited = send("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"rate-limited\"}");

    for (HttpResponse<String> conflict : List.of(takeConflict, applyConflict)) {
      assertThat(conflict.statusCode()).isEqualTo(409);
      assertThat(conflict.headers().firstValue("Operation-Location")).isEmpty();
      assertThatJson(conflict.body()).isEqualTo("{\"error\":{\"code\":\"ConcurrentOperationConflict\","
          + "\"message\":\"There is a conflict operation on resource conflict, please try later.\"}}");
    }
    for (HttpResponse<String> limited : List.of(takeLimited, applyLimited)) {
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThatJson(limited.body()).isEqualTo("{\"error\":{\"code\":\"429\",\"message\":\"Rate limit is exceeded.\"}}");
    }
  }

  @Test
  void errorsComeInTheFaceErrorModelFromTheSnapshotMappingNotTheFallback() {
    HttpResponse<String> noKey = Http.send("POST", server.baseUrl() + BASE + "/snapshots", takeBody("PersonGroup", "g"));
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThatJson(noKey.body()).node("error.message").isEqualTo(FaceErrors.UNAUTHORIZED_MESSAGE);

    HttpResponse<String> badJson = send("POST", BASE + "/snapshots", "{\"type\":");
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThatJson(badJson.body()).isEqualTo("{\"error\":{\"code\":\"BadArgument\",\"message\":\"JSON parsing error.\"}}");

    HttpResponse<String> conflictButInvalid = send("POST", BASE + "/snapshots", "{\"objectId\":\"conflict\"}");
    assertThat(conflictButInvalid.statusCode()).as("validation comes before a refusal").isEqualTo(400);

    HttpResponse<String> notUuid = send("GET", BASE + "/snapshots/nope", null);
    assertThat(notUuid.statusCode()).isEqualTo(400);
    assertThatJson(notUuid.body()).node("error.message").asString().contains("Invalid snapshot id 'nope'");

    HttpResponse<String> unknown = send("POST", BASE + "/snapshots/" + SCOPE + "/apply", "{\"objectId\":\"t\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThatJson(unknown.body()).node("error.message").isEqualTo("Snapshot '" + SCOPE + "' is not found.");

    HttpResponse<String> otherFacePath = send("GET", BASE + "/persongroups/restored", null);
    assertThat(otherFacePath.statusCode()).isEqualTo(404);
    assertThatJson(otherFacePath.body()).node("error.message").isEqualTo("Resource not found.");
  }

  @Test
  void aBadRefuseParameterIsRefusedNamingWhatIsAllowed() {
    assertThatThrownBy(() -> server.stubFor(post(urlPathEqualTo(BASE + "/snapshots")).atPriority(1)
        .withName("my refusing stub")
        .willReturn(aResponse().withTransformers("opstub-face-snapshots")
            .withTransformerParameters(Map.of("refuse", 503)))))
        .isInstanceOf(MappingCheck.Rejected.class)
        .hasMessageContaining("'my refusing stub'")
        .hasMessageContaining("/response/transformerParameters/refuse");
  }

  @Test
  void aMappingCanScriptATimelineAndARefusalAsStringOrNumber() {
    server.stubFor(post(urlPathEqualTo(BASE + "/snapshots")).atPriority(1)
        .withRequestBody(matchingJsonPath("$.objectId", equalTo("quick")))
        .willReturn(aResponse().withTransformers("opstub-face-snapshots")
            .withTransformerParameters(Map.of("timeline", "succeeded"))));
    server.stubFor(post(urlPathEqualTo(BASE + "/snapshots")).atPriority(1)
        .withRequestBody(matchingJsonPath("$.objectId", equalTo("busy")))
        .willReturn(aResponse().withTransformers("opstub-face-snapshots")
            .withTransformerParameters(Map.of("refuse", "409"))));

    List<String> last = new ArrayList<>();
    assertThat(pollToEnd(operationLocation(send("POST", BASE + "/snapshots", takeBody("FaceList", "quick"))), last))
        .containsExactly("succeeded");
    assertThat(send("POST", BASE + "/snapshots", takeBody("FaceList", "busy")).statusCode()).isEqualTo(409);
  }
}
