package dev.opstub.internal.face;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.internal.api.StateOperations;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.timeline.MutableClock;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FaceSnapshotsTest {
  private static final String BASE = "/face/v1.0-preview";
  private static final String SCOPE_A = "e58b3f08-1e8b-4165-81df-aa9858f233dc";
  private static final String SCOPE_B = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static final String UNKNOWN = "0b0b0b0b-0000-4000-8000-000000000000";
  /** The key of subscription A, which takes the snapshots of these tests (and is in their applyScope). */
  private static final Map<String, String> KEY = Map.of("Ocp-Apim-Subscription-Key", SCOPE_A);
  private static final Instant START = Instant.parse("2018-12-25T11:41:02.2331413Z");
  private static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final String OBJECT_ID_RULE =
      "at most 64 characters of lower-case letters, digits, '-' and '_' (^[a-z0-9-_]+$)";
  private static final String SCOPE_RULE =
      "a non-empty array of subscription ids (uuids), e.g. [\"e58b3f08-1e8b-4165-81df-aa9858f233dc\"]";

  private final MutableClock clock = new MutableClock(START);
  private final InMemoryState state = new InMemoryState(1000, clock);
  private final FaceSnapshots snapshots = FaceSnapshots.INSTANCE;
  private final FaceOperations operations = FaceOperations.INSTANCE;

  private Reply handle(Request request, StubParameters parameters) {
    return snapshots.handle(request, parameters == null ? StubParameters.NONE : parameters, new StateOperations(state));
  }

  private Reply poll(Request request) {
    return operations.handle(request, StubParameters.NONE, new StateOperations(state));
  }

  /** The stub parameters of a snapshot mapping with this timeline and refusal (either may be null). */
  private static StubParameters script(Timeline timeline, FaceSnapshots.Refusal refusal) {
    Map<String, Object> raw = new java.util.HashMap<>();
    if (timeline != null) {
      raw.put("timeline", timeline.notation());
    }
    if (refusal != null) {
      raw.put("refuse", refusal.status());
    }
    return StubParameters.read(FaceSnapshots.INSTANCE, raw);
  }

  private static Request request(String method, String path, String body) {
    return new Request(method, path, "http://127.0.0.1:1", KEY, body);
  }

  private Reply call(String method, String path, String body) {
    return handle(request(method, path, body), null);
  }

  private Reply list(String query) {
    return handle(new Request("GET", BASE + "/snapshots", "http://127.0.0.1:1", KEY, "", query), null);
  }

  private static String takeBody(String type, String objectId) {
    return "{\"type\":\"" + type + "\",\"objectId\":\"" + objectId + "\",\"applyScope\":[\"" + SCOPE_A + "\"]}";
  }

  private static String operationId(Reply accepted) {
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    return accepted.headers().get("Operation-Location").substring("/operations/".length());
  }

  /** Polls an operation as a client would, until its status is terminal; returns the last poll's model. */
  private Map<String, Object> pollToEnd(String operationId) {
    for (int i = 0; i < 100; i++) {
      Map<String, Object> model = poll(Request.get(BASE + "/operations/" + operationId, "http://127.0.0.1:1", KEY)).model();
      if ((boolean) model.get("terminal")) {
        return model;
      }
    }
    throw new AssertionError("operation " + operationId + " never ended");
  }

  /** Takes a snapshot and polls its operation to success; returns the snapshot id. */
  private String takeAndSucceed(String body) {
    Map<String, Object> done = pollToEnd(operationId(call("POST", BASE + "/snapshots", body)));
    assertThat(done).containsEntry("status", "succeeded");
    return ((String) done.get("resourceLocation")).substring("/snapshots/".length());
  }

  // --- take ---

  @Test
  void aTakeAnswers202WithNoBodyAndARelativeOperationLocationToANewOperation() {
    Reply reply = call("POST", BASE + "/snapshots", takeBody("PersonGroup", "my-group"));

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body()).isEmpty();
    assertThat(reply.headers()).containsOnlyKeys("Operation-Location");
    assertThat(reply.headers().get("Operation-Location")).matches("/operations/" + UUID_RE);
    OperationView operation = state.find(FaceApi.NAME, operationId(reply)).orElseThrow();
    assertThat(operation.timeline().notation()).isEqualTo("notStarted, running x2, succeeded");
    assertThat(operation.target()).matches("/snapshots/" + UUID_RE);
    assertThat(operation.startCredential()).as("the take carried its key (sent-credential)").isTrue();
  }

  @Test
  void eachTakeStartsItsOwnOperationForItsOwnSnapshot() {
    Reply first = call("POST", BASE + "/snapshots", takeBody("PersonGroup", "my-group"));
    Reply second = call("POST", BASE + "/snapshots", takeBody("PersonGroup", "my-group"));

    OperationView a = state.find(FaceApi.NAME, operationId(first)).orElseThrow();
    OperationView b = state.find(FaceApi.NAME, operationId(second)).orElseThrow();
    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(a.target()).isNotEqualTo(b.target());
  }

  @Test
  void theTakeOperationFollowsTheDefaultTimelineThenPointsAtTheSnapshot() {
    String operationId = operationId(call("POST", BASE + "/snapshots", takeBody("PersonGroup", "my-group")));
    List<Object> statuses = new ArrayList<>();
    Map<String, Object> model = null;
    for (int i = 0; i < 4; i++) {
      model = poll(Request.get(BASE + "/operations/" + operationId, "http://h", KEY)).model();
      statuses.add(model.get("status"));
    }

    assertThat(statuses).containsExactly("notStarted", "running", "running", "succeeded");
    assertThat((String) model.get("resourceLocation")).matches("/snapshots/" + UUID_RE);
  }

  @Test
  void theTakeOperationFollowsTheScriptsTimeline() {
    StubParameters script = script(
        TimelineParser.parse("running, succeeded", FaceStatuses.INSTANCE), null);

    Reply reply = handle(request("POST", BASE + "/snapshots", takeBody("FaceList", "f")), script);

    assertThat(state.find(FaceApi.NAME, operationId(reply)).orElseThrow().timeline().notation())
        .isEqualTo("running, succeeded");
  }

  @Test
  void theSnapshotExistsOnlyOnceAPollHasSeenTheTakeSucceed() {
    Reply taken = call("POST", BASE + "/snapshots",
        "{\"type\":\"PersonGroup\",\"objectId\":\"my-group\",\"applyScope\":[\"" + SCOPE_A.toUpperCase()
            + "\"],\"userData\":\"made by a test\"}");
    String operationId = operationId(taken);
    String snapshotId = state.find(FaceApi.NAME, operationId).orElseThrow().target().substring("/snapshots/".length());
    Request poll = Request.get(BASE + "/operations/" + operationId, "http://h", KEY);

    for (int i = 0; i < 3; i++) {
      assertThat(call("GET", BASE + "/snapshots/" + snapshotId, "").status()).as("before poll %d", i + 1).isEqualTo(404);
      poll(poll);
    }
    assertThat(call("GET", BASE + "/snapshots/" + snapshotId, "").status()).as("running x2 seen").isEqualTo(404);
    assertThat(list(null).body()).isEqualTo("[]");
    poll(poll); // succeeded

    Reply got = call("GET", BASE + "/snapshots/" + snapshotId, "");
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
    assertThatJson(got.body()).isEqualTo("{\"id\":\"" + snapshotId + "\",\"account\":\"" + FaceSnapshots.account(SCOPE_A)
        + "\",\"type\":\"PersonGroup\",\"applyScope\":[\"" + SCOPE_A + "\"],\"userData\":\"made by a test\","
        + "\"createdTime\":\"2018-12-25T11:41:02.2331413Z\",\"lastUpdateTime\":\"2018-12-25T11:41:02.2331413Z\"}");
  }

  @Test
  void aSnapshotWithoutUserDataServesNull() {
    String id = takeAndSucceed(takeBody("FaceList", "f"));

    assertThatJson(call("GET", BASE + "/snapshots/" + id, "").body()).node("userData").isNull();
  }

  @Test
  void aTakeWhoseOperationFailsNeverYieldsASnapshot() {
    StubParameters failing = script(
        TimelineParser.parse("running, failed(Source person group was edited)", FaceStatuses.INSTANCE), null);
    Reply taken = handle(request("POST", BASE + "/snapshots", takeBody("PersonGroup", "g")), failing);
    String operationId = operationId(taken);
    String snapshotId = state.find(FaceApi.NAME, operationId).orElseThrow().target().substring("/snapshots/".length());

    Map<String, Object> done = pollToEnd(operationId);

    assertThat(done).containsEntry("status", "failed").containsEntry("message", "Source person group was edited")
        .containsEntry("resourceLocation", null);
    assertThat(call("GET", BASE + "/snapshots/" + snapshotId, "").status()).isEqualTo(404);
    assertThat(call("POST", BASE + "/snapshots/" + snapshotId + "/apply", "{\"objectId\":\"t\"}").status()).isEqualTo(404);
    assertThat(list(null).body()).isEqualTo("[]");
  }

  @Test
  void theStableV10PathServesTheSameSnapshots() {
    String id = takeAndSucceed(takeBody("LargeFaceList", "l"));

    assertThat(handle(request("GET", "/face/v1.0/snapshots/" + id.toUpperCase(), ""), null).status())
        .isEqualTo(200);
    Reply stableTake = handle(request("POST", "/face/v1.0/snapshots", takeBody("FaceList", "f")), null);
    assertThat(stableTake.headers().get("Operation-Location")).matches("/operations/" + UUID_RE);
  }

  @Test
  void aKeyThatIsAUuidIsThatSubscriptionAndAnyOtherKeyGetsAStableOneOfItsOwn() {
    assertThat(FaceSnapshots.subscriptionOf(SCOPE_A.toUpperCase())).isEqualTo(SCOPE_A);
    assertThat(FaceSnapshots.subscriptionOf("k")).matches(UUID_RE).isEqualTo(FaceSnapshots.subscriptionOf("k"))
        .isNotEqualTo(FaceSnapshots.subscriptionOf("other key"));
    assertThat(FaceSnapshots.account(SCOPE_A)).isEqualTo("/subscriptions/" + SCOPE_A
        + "/resourceGroups/opstub/providers/Microsoft.CognitiveServices/accounts/opstub-face");
  }

  // --- who may do what ---

  private Reply callAs(String subscriptionKey, String method, String path, String body) {
    return handle(new Request(method, path, "http://127.0.0.1:1", Map.of("Ocp-Apim-Subscription-Key", subscriptionKey),
        body), null);
  }

  @Test
  void aSubscriptionOutsideTheApplyScopeCannotSeeOrTouchTheSnapshot() {
    String id = takeAndSucceed(takeBody("PersonGroup", "g"));
    String stranger = SCOPE_B;

    assertThat(callAs(stranger, "GET", BASE + "/snapshots/" + id, "").status()).isEqualTo(404);
    assertThat(callAs(stranger, "GET", BASE + "/snapshots", "").body()).isEqualTo("[]");
    assertThat(callAs(stranger, "PATCH", BASE + "/snapshots/" + id, "{\"userData\":\"x\"}").status()).isEqualTo(404);
    assertThat(callAs(stranger, "POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"t\"}").status())
        .isEqualTo(404);
    assertThat(callAs(stranger, "DELETE", BASE + "/snapshots/" + id, "").status()).isEqualTo(404);
    assertThat(call("GET", BASE + "/snapshots/" + id, "").status()).as("still there for its owner").isEqualTo(200);
  }

  @Test
  void aSubscriptionInTheApplyScopeMaySeeAndApplyButNotChangeIt() {
    String id = takeAndSucceed("{\"type\":\"PersonGroup\",\"objectId\":\"g\",\"applyScope\":[\"" + SCOPE_A
        + "\",\"" + SCOPE_B + "\"]}");
    String target = SCOPE_B.toUpperCase();

    assertThat(callAs(target, "GET", BASE + "/snapshots/" + id, "").status()).isEqualTo(200);
    assertThat(callAs(target, "GET", BASE + "/snapshots", "").body()).contains(id);
    assertThat(callAs(target, "POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"t\"}").status())
        .isEqualTo(202);
    Reply update = callAs(target, "PATCH", BASE + "/snapshots/" + id, "{\"userData\":\"x\"}");
    assertThat(update.status()).isEqualTo(403);
    assertThatJson(update.body()).node("error.code").isEqualTo("Forbidden");
    assertThatJson(update.body()).node("error.message").asString().contains("only the subscription that took it");
    assertThat(callAs(target, "DELETE", BASE + "/snapshots/" + id, "").status()).isEqualTo(403);
  }

  @Test
  void theTakingSubscriptionMayApplyOnlyWhenItIsInTheApplyScope() {
    String id = takeAndSucceed("{\"type\":\"PersonGroup\",\"objectId\":\"g\",\"applyScope\":[\"" + SCOPE_B + "\"]}");

    Reply apply = call("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"t\"}");

    assertThat(apply.status()).isEqualTo(403);
    assertThatJson(apply.body()).node("error.message").asString().contains("only subscriptions in its applyScope");
    assertThat(call("PATCH", BASE + "/snapshots/" + id, "{\"userData\":\"x\"}").status()).as("but may update it")
        .isEqualTo(200);
  }

  // --- authorization and routing ---

  @ParameterizedTest
  @CsvSource({"POST,/snapshots", "GET,/snapshots", "GET,/snapshots/" + UNKNOWN, "PATCH,/snapshots/" + UNKNOWN,
      "DELETE,/snapshots/" + UNKNOWN, "POST,/snapshots/" + UNKNOWN + "/apply"})
  void everyCallWithoutASubscriptionKeyIs401WithTheDocumentedMessage(String method, String path) {
    for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Ocp-Apim-Subscription-Key", " "))) {
      Reply reply = handle(
          new Request(method, BASE + path, "http://h", headers, takeBody("PersonGroup", "g")), null);

      assertThat(reply.status()).isEqualTo(401);
      assertThatJson(reply.body()).isEqualTo(
          "{\"error\":{\"code\":\"401\",\"message\":\"" + FaceErrors.UNAUTHORIZED_MESSAGE + "\"}}");
    }
    assertThat(state.operations().size()).as("a refused call starts nothing").isZero();
  }

  @ParameterizedTest
  @CsvSource({"PUT,/snapshots,GET or POST", "POST,/snapshots/" + UNKNOWN + ",'GET, PATCH or DELETE'",
      "GET,/snapshots/" + UNKNOWN + "/apply,POST"})
  void aMethodTheApiDoesNotHaveIs404NamingTheAllowedOnes(String method, String path, String allowed) {
    Reply reply = call(method, BASE + path, "{}");

    assertThat(reply.status()).isEqualTo(404);
    assertThatJson(reply.body()).node("error.code").isEqualTo("NotFound");
    assertThatJson(reply.body()).node("error.message").asString().contains(method, "use " + allowed + ".");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/face/v1.0-preview/snapshots/" + UNKNOWN + "/other", "/face/v2/snapshots",
      "/face/v1.0-preview/snapshotsx"})
  void otherPathsAre404ResourceNotFound(String path) {
    Reply reply = call("GET", path, "");

    assertThat(reply.status()).isEqualTo(404);
    assertThatJson(reply.body()).isEqualTo("{\"error\":{\"code\":\"NotFound\",\"message\":\"Resource not found.\"}}");
  }

  @ParameterizedTest
  @CsvSource({"GET,", "PATCH,", "DELETE,", "POST,/apply"})
  void aSnapshotIdThatIsNotAUuidIs400BadArgument(String method, String suffixOrEmpty) {
    String suffix = suffixOrEmpty == null ? "" : suffixOrEmpty;
    Reply reply = call(method, BASE + "/snapshots/not-a-uuid" + suffix, "{\"objectId\":\"t\"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThatJson(reply.body()).isEqualTo("{\"error\":{\"code\":\"BadArgument\",\"message\":"
        + "\"Invalid snapshot id 'not-a-uuid': expected a uuid such as e58b3f08-1e8b-4165-81df-aa9858f233dc.\"}}");
  }

  @ParameterizedTest
  @CsvSource({"GET,", "PATCH,", "DELETE,", "POST,/apply"})
  void anUnknownSnapshotIs404NotFound(String method, String suffixOrEmpty) {
    String suffix = suffixOrEmpty == null ? "" : suffixOrEmpty;
    Reply reply = call(method, BASE + "/snapshots/" + UNKNOWN + suffix, "{\"objectId\":\"t\"}");

    assertThat(reply.status()).isEqualTo(404);
    assertThatJson(reply.body()).isEqualTo(
        "{\"error\":{\"code\":\"NotFound\",\"message\":\"Snapshot '" + UNKNOWN + "' is not found.\"}}");
  }

  // --- validation of take ---

  static Stream<Arguments> invalidTakes() {
    String scope = ",\"applyScope\":[\"" + SCOPE_A + "\"]";
    String types = "FaceList, LargeFaceList, LargePersonGroup, PersonGroup";
    String sixtyFive = "a".repeat(65);
    return Stream.of(
        Arguments.of("", "Request body is invalid."),
        Arguments.of("  ", "Request body is invalid."),
        Arguments.of("{\"type\":", "JSON parsing error."),
        Arguments.of("not json", "JSON parsing error."),
        // A valid take followed by more text is no more parsable than any other broken body.
        Arguments.of(takeBody("PersonGroup", "g") + " xyz", "JSON parsing error."),
        Arguments.of(takeBody("PersonGroup", "g") + "{}", "JSON parsing error."),
        Arguments.of("[1, 2]", "Request body is invalid."),
        Arguments.of("{\"objectId\":\"g\"" + scope + "}", "'type' is required: one of " + types + "."),
        Arguments.of("{\"type\":null,\"objectId\":\"g\"" + scope + "}", "'type' is required: one of " + types + "."),
        Arguments.of("{\"type\":\"Person\",\"objectId\":\"g\"" + scope + "}",
            "'type' must be one of " + types + "; was \"Person\"."),
        Arguments.of("{\"type\":3,\"objectId\":\"g\"" + scope + "}", "'type' must be one of " + types + "; was 3."),
        Arguments.of("{\"type\":\"PersonGroup\"" + scope + "}", "'objectId' is required: " + OBJECT_ID_RULE + "."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":\"\"" + scope + "}",
            "'objectId' is required: " + OBJECT_ID_RULE + "."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":12" + scope + "}",
            "'objectId' must be a string of " + OBJECT_ID_RULE + "; was 12."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":\"" + sixtyFive + "\"" + scope + "}",
            "'objectId' is too long: at most 64 characters, was 65."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":\"My-Group\"" + scope + "}",
            "'objectId' may only contain lower-case letters, digits, '-' and '_' (^[a-z0-9-_]+$); was \"My-Group\"."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":\"my group\"" + scope + "}",
            "'objectId' may only contain lower-case letters, digits, '-' and '_' (^[a-z0-9-_]+$); was \"my group\"."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":\"g\"}", "'applyScope' is required: " + SCOPE_RULE + "."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":\"g\",\"applyScope\":[]}",
            "'applyScope' must be " + SCOPE_RULE + "; was []."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":\"g\",\"applyScope\":\"" + SCOPE_A + "\"}",
            "'applyScope' must be " + SCOPE_RULE + "; was \"" + SCOPE_A + "\"."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":\"g\",\"applyScope\":[\"" + SCOPE_A + "\",\"nope\"]}",
            "'applyScope' item 2 is not a uuid: \"nope\"; 'applyScope' must be " + SCOPE_RULE + "."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":\"g\",\"applyScope\":" + uuids(101) + "}",
            "'applyScope' has too many items: at most 100 subscription ids, it has 101 (the service publishes no "
                + "limit; this is OpStub's)."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":\"g\",\"applyScope\":" + uuids(280_000) + "}",
            "'applyScope' has too many items: at most 100 subscription ids, it has 280000 (the service publishes no "
                + "limit; this is OpStub's)."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":\"g\"" + scope + ",\"userData\":7}",
            "'userData' must be a string of at most 16384 characters; was 7."),
        Arguments.of("{\"type\":\"PersonGroup\",\"objectId\":\"g\"" + scope + ",\"userData\":\"" + "u".repeat(16_385) + "\"}",
            "'userData' is too long. It may have at most 16384 characters (16 KB); it has 16385."));
  }

  @ParameterizedTest
  @MethodSource("invalidTakes")
  void anInvalidTakeIs400BadArgumentNamingTheFieldAndWhatIsAllowed(String body, String message) {
    Reply reply = call("POST", BASE + "/snapshots", body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
    assertThatJson(reply.body()).node("error.code").isEqualTo("BadArgument");
    assertThatJson(reply.body()).node("error.message").isString().isEqualTo(message);
    assertThat(state.operations().size()).as("an invalid take starts nothing").isZero();
  }

  /** A JSON array of {@code n} distinct uuids. */
  private static String uuids(int n) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : ",").append('"').append(String.format("00000000-0000-4000-8000-%012d", i)).append('"');
    }
    return out.append(']').toString();
  }

  @Test
  void aHundredSubscriptionIdsInApplyScopeAreAllowed() {
    String id = takeAndSucceed("{\"type\":\"PersonGroup\",\"objectId\":\"g\",\"applyScope\":" + uuids(100) + "}");

    assertThatJson(call("GET", BASE + "/snapshots/" + id, "").body()).node("applyScope").isArray().hasSize(100);
    assertThat(call("PATCH", BASE + "/snapshots/" + id, "{\"applyScope\":" + uuids(100) + "}").status()).isEqualTo(200);
  }

  @Test
  void theLimitsThemselvesAreAllowedAndTypesMatchInAnyCase() {
    String body = "{\"type\":\"largepersongroup\",\"objectId\":\"" + "a".repeat(64) + "\",\"applyScope\":[\"" + SCOPE_A
        + "\",\"" + SCOPE_B + "\"],\"userData\":\"" + "u".repeat(16_384) + "\",\"unknownField\":1}";

    String id = takeAndSucceed(body);

    assertThatJson(call("GET", BASE + "/snapshots/" + id, "").body()).node("type").isEqualTo("LargePersonGroup");
  }

  @Test
  void objectIdsMayHoldDigitsDashesAndUnderscores() {
    assertThat(call("POST", BASE + "/snapshots", takeBody("PersonGroup", "group_01-a")).status()).isEqualTo(202);
  }

  // --- apply ---

  @ParameterizedTest
  @CsvSource({"PersonGroup,/persongroups/target-1", "LargePersonGroup,/largepersongroups/target-1",
      "FaceList,/facelists/target-1", "LargeFaceList,/largefacelists/target-1"})
  void anApplyAnswers202AndItsOperationEndsAtTheTargetObjectOfTheSnapshotsType(String type, String target) {
    String id = takeAndSucceed(takeBody(type, "source"));

    Reply reply = call("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"target-1\",\"mode\":\"CreateNew\"}");

    assertThat(reply.body()).isEmpty();
    assertThat(reply.headers()).containsOnlyKeys("Operation-Location");
    assertThat(reply.headers().get("Operation-Location")).matches("/operations/" + UUID_RE);
    Map<String, Object> done = pollToEnd(operationId(reply));
    assertThat(done).containsEntry("status", "succeeded").containsEntry("resourceLocation", target);
    assertThat(FaceSnapshots.targetPath(type, "target-1")).isEqualTo(target);
  }

  @Test
  void anApplyFollowsTheScriptsTimelineAndMayFail() {
    String id = takeAndSucceed(takeBody("PersonGroup", "source"));
    StubParameters failing = script(
        TimelineParser.parse("running, failed(Target edited)", FaceStatuses.INSTANCE), null);

    Reply reply = handle(request("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"t\"}"),
        failing);

    assertThat(pollToEnd(operationId(reply))).containsEntry("status", "failed").containsEntry("message", "Target edited");
    assertThat(call("GET", BASE + "/snapshots/" + id, "").status()).as("the snapshot stays").isEqualTo(200);
  }

  @Test
  void anApplyToASnapshotWhoseTakeIsStillRunningIs404() {
    String operationId = operationId(call("POST", BASE + "/snapshots", takeBody("PersonGroup", "source")));
    String id = state.find(FaceApi.NAME, operationId).orElseThrow().target().substring("/snapshots/".length());

    assertThat(call("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"t\"}").status()).isEqualTo(404);
  }

  static Stream<Arguments> invalidApplies() {
    return Stream.of(
        Arguments.of("", "Request body is invalid."),
        Arguments.of("{", "JSON parsing error."),
        Arguments.of("{\"objectId\":\"t\"} xyz", "JSON parsing error."),
        Arguments.of("{}", "'objectId' is required: " + OBJECT_ID_RULE + "."),
        Arguments.of("{\"objectId\":\"" + "b".repeat(65) + "\"}", "'objectId' is too long: at most 64 characters, was 65."),
        Arguments.of("{\"objectId\":\"Target\"}",
            "'objectId' may only contain lower-case letters, digits, '-' and '_' (^[a-z0-9-_]+$); was \"Target\"."),
        Arguments.of("{\"objectId\":\"t\",\"mode\":\"Overwrite\"}",
            "'mode' must be CreateNew (the only mode), or left out; was \"Overwrite\"."),
        Arguments.of("{\"objectId\":\"t\",\"mode\":1}", "'mode' must be CreateNew (the only mode), or left out; was 1."));
  }

  @ParameterizedTest
  @MethodSource("invalidApplies")
  void anInvalidApplyIs400BadArgumentNamingTheField(String body, String message) {
    String id = takeAndSucceed(takeBody("PersonGroup", "source"));
    long before = state.operations().size();

    Reply reply = call("POST", BASE + "/snapshots/" + id + "/apply", body);

    assertThat(reply.status()).isEqualTo(400);
    assertThatJson(reply.body()).isEqualTo(
        "{\"error\":{\"code\":\"BadArgument\",\"message\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(message)
            + "}}");
    assertThat(state.operations().size()).isEqualTo(before);
  }

  @Test
  void theModeIsOptionalAndMatchedInAnyCase() {
    String id = takeAndSucceed(takeBody("PersonGroup", "source"));

    assertThat(call("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"t\"}").status()).isEqualTo(202);
    assertThat(call("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"t\",\"mode\":\"createnew\"}").status())
        .isEqualTo(202);
  }

  // --- refusals ---

  @Test
  void aTakeScriptedToConflictAnswers409NamingTheObjectAndStartsNothing() {
    StubParameters conflict = script(null, FaceSnapshots.Refusal.CONFLICT);

    Reply reply = handle(request("POST", BASE + "/snapshots", takeBody("PersonGroup", "my-group")), conflict);

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.headers()).doesNotContainKey("Operation-Location");
    assertThatJson(reply.body()).isEqualTo("{\"error\":{\"code\":\"ConcurrentOperationConflict\","
        + "\"message\":\"There is a conflict operation on resource my-group, please try later.\"}}");
    assertThat(state.operations().size()).isZero();
  }

  @Test
  void aTakeScriptedToBeRateLimitedAnswers429AndStartsNothing() {
    StubParameters limited = script(null, FaceSnapshots.Refusal.RATE_LIMITED);

    Reply reply = handle(request("POST", BASE + "/snapshots", takeBody("PersonGroup", "g")), limited);

    assertThat(reply.status()).isEqualTo(429);
    assertThatJson(reply.body()).isEqualTo("{\"error\":{\"code\":\"429\",\"message\":\"Rate limit is exceeded.\"}}");
    assertThat(state.operations().size()).isZero();
  }

  @Test
  void anApplyScriptedToConflictNamesTheTargetObject() {
    String id = takeAndSucceed(takeBody("PersonGroup", "source"));
    long before = state.operations().size();
    StubParameters conflict = script(null, FaceSnapshots.Refusal.CONFLICT);

    Reply reply = handle(request("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"target\"}"),
        conflict);

    assertThat(reply.status()).isEqualTo(409);
    assertThatJson(reply.body()).node("error.message")
        .isEqualTo("There is a conflict operation on resource target, please try later.");
    assertThat(state.operations().size()).isEqualTo(before);
  }

  @Test
  void anInvalidOrUnknownRequestGetsItsOwnErrorEvenWhenScriptedToBeRefused() {
    StubParameters limited = script(null, FaceSnapshots.Refusal.RATE_LIMITED);

    assertThat(handle(request("POST", BASE + "/snapshots", "{}"), limited).status()).isEqualTo(400);
    assertThat(handle(request("POST", BASE + "/snapshots/" + UNKNOWN + "/apply", "{\"objectId\":\"t\"}"),
        limited).status()).isEqualTo(404);
  }

  @Test
  void refusalsAreFoundByTheirHttpStatus() {
    assertThat(FaceSnapshots.Refusal.ofStatus(409)).contains(FaceSnapshots.Refusal.CONFLICT);
    assertThat(FaceSnapshots.Refusal.ofStatus(429)).contains(FaceSnapshots.Refusal.RATE_LIMITED);
    assertThat(FaceSnapshots.Refusal.ofStatus(500)).isEmpty();
  }

  // --- list ---

  @Test
  void theListFiltersByTypeAndByAnyOfTheGivenApplyScopeIds() {
    String personGroup = takeAndSucceed(takeBody("PersonGroup", "a"));
    clock.advance(Duration.ofSeconds(1));
    String faceList = takeAndSucceed(
        "{\"type\":\"FaceList\",\"objectId\":\"b\",\"applyScope\":[\"" + SCOPE_B + "\"]}");
    clock.advance(Duration.ofSeconds(1));
    String both = takeAndSucceed(
        "{\"type\":\"FaceList\",\"objectId\":\"c\",\"applyScope\":[\"" + SCOPE_A + "\",\"" + SCOPE_B + "\"]}");

    assertThat(ids(list(null))).containsExactly(personGroup, faceList, both);
    assertThat(ids(list("type=FaceList"))).containsExactly(faceList, both);
    assertThat(ids(list("type=personGROUP"))).containsExactly(personGroup);
    assertThat(ids(list("applyScope=" + SCOPE_A))).containsExactly(personGroup, both);
    assertThat(ids(list("applyScope=" + SCOPE_B.toUpperCase()))).containsExactly(faceList, both);
    assertThat(ids(list("applyScope=" + SCOPE_A + "," + SCOPE_B))).containsExactly(personGroup, faceList, both);
    assertThat(ids(list("applyScope=" + SCOPE_A + "%2C" + UNKNOWN))).containsExactly(personGroup, both);
    assertThat(ids(list("type=FaceList&applyScope=" + SCOPE_A))).containsExactly(both);
    assertThat(ids(list("type=&applyScope="))).as("empty values filter nothing").hasSize(3);
    assertThat(ids(list("type=LargeFaceList"))).isEmpty();
  }

  @Test
  void theListServesSnapshotsInTheSnapshotShape() {
    String id = takeAndSucceed(takeBody("PersonGroup", "a"));

    Reply reply = list(null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
    assertThatJson(reply.body()).isEqualTo("[" + call("GET", BASE + "/snapshots/" + id, "").body() + "]");
  }

  @Test
  void aListWithABadTypeOrABadUuidIs400() {
    Reply type = list("type=Person");
    Reply scope = list("applyScope=" + SCOPE_A + ",nope");

    assertThat(type.status()).isEqualTo(400);
    assertThatJson(type.body()).node("error.message").isString().isEqualTo("Invalid query parameter 'type' \"Person\": "
        + "expected one of FaceList, LargeFaceList, LargePersonGroup, PersonGroup.");
    assertThat(scope.status()).isEqualTo(400);
    assertThatJson(scope.body()).node("error.message").isString().isEqualTo("Invalid query parameter 'applyScope': \"nope\" "
        + "is not a uuid; expected comma-separated uuids such as e58b3f08-1e8b-4165-81df-aa9858f233dc.");
  }

  private static List<String> ids(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return com.jayway.jsonpath.JsonPath.read(reply.body(), "$[*].id");
  }

  // --- update and delete ---

  @Test
  void anUpdateReplacesApplyScopeAndUserDataAndMovesLastUpdateTime() {
    String id = takeAndSucceed(takeBody("PersonGroup", "a"));
    clock.advance(Duration.ofMinutes(5));

    Reply reply = call("PATCH", BASE + "/snapshots/" + id,
        "{\"applyScope\":[\"" + SCOPE_B.toUpperCase() + "\"],\"userData\":\"new\"}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEmpty();
    String got = call("GET", BASE + "/snapshots/" + id, "").body();
    assertThatJson(got).node("applyScope").isEqualTo("[\"" + SCOPE_B + "\"]");
    assertThatJson(got).node("userData").isEqualTo("new");
    assertThatJson(got).node("createdTime").isEqualTo("2018-12-25T11:41:02.2331413Z");
    assertThatJson(got).node("lastUpdateTime").isEqualTo("2018-12-25T11:46:02.2331413Z");
  }

  @Test
  void anUpdateKeepsWhatItDoesNotName() {
    String id = takeAndSucceed("{\"type\":\"PersonGroup\",\"objectId\":\"a\",\"applyScope\":[\"" + SCOPE_A
        + "\"],\"userData\":\"old\"}");

    assertThat(call("PATCH", BASE + "/snapshots/" + id, "{\"userData\":\"new\"}").status()).isEqualTo(200);
    assertThatJson(call("GET", BASE + "/snapshots/" + id, "").body()).node("applyScope").isEqualTo("[\"" + SCOPE_A + "\"]");
    assertThat(call("PATCH", BASE + "/snapshots/" + id, "{\"applyScope\":[\"" + SCOPE_B + "\"]}").status()).isEqualTo(200);
    assertThatJson(call("GET", BASE + "/snapshots/" + id, "").body()).node("userData").isEqualTo("new");
  }

  static Stream<Arguments> invalidUpdates() {
    return Stream.of(
        Arguments.of("", "Request body is invalid."),
        Arguments.of("{,}", "JSON parsing error."),
        Arguments.of("{\"userData\":\"new\"} xyz", "JSON parsing error."),
        Arguments.of("{\"applyScope\":[]}", "'applyScope' must be " + SCOPE_RULE + "; was []."),
        Arguments.of("{\"applyScope\":[\"x\"]}", "'applyScope' item 1 is not a uuid: \"x\"; 'applyScope' must be "
            + SCOPE_RULE + "."),
        Arguments.of("{\"userData\":\"" + "u".repeat(16_385) + "\"}",
            "'userData' is too long. It may have at most 16384 characters (16 KB); it has 16385."),
        Arguments.of("{\"userData\":[]}", "'userData' must be a string of at most 16384 characters; was []."),
        Arguments.of("{\"applyScope\":" + uuids(101) + "}", "'applyScope' has too many items: at most 100 "
            + "subscription ids, it has 101 (the service publishes no limit; this is OpStub's)."));
  }

  @ParameterizedTest
  @MethodSource("invalidUpdates")
  void anInvalidUpdateIs400AndChangesNothing(String body, String message) {
    String id = takeAndSucceed(takeBody("PersonGroup", "a"));
    String before = call("GET", BASE + "/snapshots/" + id, "").body();

    Reply reply = call("PATCH", BASE + "/snapshots/" + id, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThatJson(reply.body()).node("error.code").isEqualTo("BadArgument");
    assertThatJson(reply.body()).node("error.message").isString().isEqualTo(message);
    assertThat(call("GET", BASE + "/snapshots/" + id, "").body()).isEqualTo(before);
  }

  @Test
  void aDeletedSnapshotIsGoneForEveryCall() {
    String id = takeAndSucceed(takeBody("PersonGroup", "a"));

    Reply deleted = call("DELETE", BASE + "/snapshots/" + id, "");

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body()).isEmpty();
    assertThat(call("GET", BASE + "/snapshots/" + id, "").status()).isEqualTo(404);
    assertThat(call("PATCH", BASE + "/snapshots/" + id, "{}").status()).isEqualTo(404);
    assertThat(call("DELETE", BASE + "/snapshots/" + id, "").status()).isEqualTo(404);
    assertThat(call("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"t\"}").status()).isEqualTo(404);
    assertThat(list(null).body()).isEqualTo("[]");
  }

  // --- lifetime and bounds ---

  @Test
  void aSnapshotExpires48HoursAfterItsTake() {
    String id = takeAndSucceed(takeBody("PersonGroup", "a"));

    clock.advance(Duration.ofHours(48).minusNanos(100));
    assertThat(call("GET", BASE + "/snapshots/" + id, "").status()).isEqualTo(200);
    clock.advance(Duration.ofNanos(100));
    assertThat(call("GET", BASE + "/snapshots/" + id, "").status()).isEqualTo(404);
  }

  @Test
  void theSnapshotRecordsAreBoundedByTheStatesCapacity() {
    InMemoryState small = new InMemoryState(3, clock);
    StubParameters immediate = script(TimelineParser.parse("succeeded", FaceStatuses.INSTANCE), null);
    for (int i = 0; i < 50; i++) {
      snapshots.handle(request("POST", BASE + "/snapshots", takeBody("PersonGroup", "g" + i)), immediate, new StateOperations(small));
    }

    assertThat(small.resources(FaceApi.NAME, "snapshot")).hasSizeBetween(1, 3);
    assertThatThrownBy(() -> new InMemoryState(0, clock)).hasMessageContaining("at least 1");
  }

  @Test
  void aTimedTimelineMakesTheSnapshotExistWithoutAPoll() {
    StubParameters timed = script(
        TimelineParser.parse("running 2s, succeeded", FaceStatuses.INSTANCE), null);
    Reply taken = handle(request("POST", BASE + "/snapshots", takeBody("PersonGroup", "a")), timed);
    String id = state.find(FaceApi.NAME, operationId(taken)).orElseThrow().target().substring("/snapshots/".length());

    assertThat(FaceSnapshots.find(new StateOperations(state), id)).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(FaceSnapshots.find(new StateOperations(state), id)).hasValueSatisfying(s -> assertThat(s.objectId()).isEqualTo("a"));
  }

  // --- existence: reads only read; the calls that change state settle ---

  private List<String> storedRecords() {
    return state.resources(FaceApi.NAME, "snapshot");
  }

  /** Takes a snapshot under a timed timeline (nobody polls) and returns its take operation's id. */
  private String takeTimed(String timeline) {
    StubParameters timed = script(TimelineParser.parse(timeline, FaceStatuses.INSTANCE), null);
    return operationId(handle(request("POST", BASE + "/snapshots", takeBody("PersonGroup", "a")), timed));
  }

  private String snapshotIdOf(String takeOperationId) {
    return state.find(FaceApi.NAME, takeOperationId).orElseThrow().target().substring("/snapshots/".length());
  }

  @Test
  void readingSnapshotsChangesNothingStored() {
    String succeeded = snapshotIdOf(takeTimed("running 1s, succeeded"));
    takeTimed("running 1s, failed(edited)");
    clock.advance(Duration.ofSeconds(1));
    List<String> before = storedRecords();

    assertThat(call("GET", BASE + "/snapshots/" + succeeded, "").status()).isEqualTo(200);
    assertThat(ids(list(null))).containsExactly(succeeded);
    assertThat(FaceSnapshots.find(new StateOperations(state), succeeded)).isPresent();
    clock.advance(Duration.ofHours(48));
    assertThat(call("GET", BASE + "/snapshots/" + succeeded, "").status()).as("expired").isEqualTo(404);
    assertThat(list(null).body()).isEqualTo("[]");

    assertThat(storedRecords()).containsExactlyInAnyOrderElementsOf(before).hasSize(2);
  }

  @Test
  void aSnapshotWhoseTakeAPollSawSucceedOutlivesTheTakeOperation() {
    String takeId = operationId(call("POST", BASE + "/snapshots", takeBody("PersonGroup", "a")));
    String id = snapshotIdOf(takeId);
    pollToEnd(takeId);

    state.remove(FaceApi.NAME, takeId);

    assertThat(call("GET", BASE + "/snapshots/" + id, "").status()).isEqualTo(200);
  }

  @Test
  void aSnapshotWhoseTakeNoPollSawSucceedGoesWithTheTakeOperation() {
    String takeId = operationId(call("POST", BASE + "/snapshots", takeBody("PersonGroup", "a")));
    String id = snapshotIdOf(takeId);
    poll(Request.get(BASE + "/operations/" + takeId, "http://h", KEY));

    state.remove(FaceApi.NAME, takeId);

    assertThat(call("GET", BASE + "/snapshots/" + id, "").status()).isEqualTo(404);
  }

  @Test
  void anApplyConfirmsTheSnapshotItSawSoItOutlivesTheTakeOperation() {
    String takeId = takeTimed("running 1s, succeeded");
    String id = snapshotIdOf(takeId);
    clock.advance(Duration.ofSeconds(1));

    assertThat(call("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"t\"}").status()).isEqualTo(202);
    state.remove(FaceApi.NAME, takeId);

    assertThat(call("GET", BASE + "/snapshots/" + id, "").status()).isEqualTo(200);
  }

  @Test
  void thePollThatSeesTheTakeFailDropsItsRecord() {
    StubParameters failing = script(TimelineParser.parse("running, failed", FaceStatuses.INSTANCE), null);
    String takeId = operationId(handle(request("POST", BASE + "/snapshots", takeBody("PersonGroup", "g")), failing));
    assertThat(storedRecords()).hasSize(1);

    pollToEnd(takeId);

    assertThat(storedRecords()).isEmpty();
  }

  @Test
  void anotherOperationPointingAtASnapshotDoesNotSettleIt() {
    String id = takeAndSucceed(takeBody("PersonGroup", "a"));
    String other = "0c0c0c0c-0000-4000-8000-000000000000";
    state.put(FaceApi.NAME, new OperationSpec(other, TimelineParser.parse("failed", FaceStatuses.INSTANCE),
        "/snapshots/" + id, null));

    assertThat(pollToEnd(other)).containsEntry("status", "failed");

    assertThat(call("GET", BASE + "/snapshots/" + id, "").status()).isEqualTo(200);
  }

  @Test
  void targetPathsRejectAnUnknownType() {
    assertThatThrownBy(() -> FaceSnapshots.targetPath("Person", "x")).hasMessageContaining("PersonGroup");
  }
}
