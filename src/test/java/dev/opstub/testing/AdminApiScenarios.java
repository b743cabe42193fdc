package dev.opstub.testing;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route of {@code /__admin/opstub/}, good and bad input, against a server that a subclass
 * runs (in-process or the real standalone jar).
 */
public abstract class AdminApiScenarios {
  private static final String FACE_ID = "0a0a0a0a-0000-4000-8000-0000000000a1";
  private static final String MEDIA_ID = "nb:opid:UUID:0a0a0a0a-0000-4000-8000-0000000000a2";

  protected abstract String baseUrl();

  private HttpResponse<String> admin(String method, String path, String body) {
    return Http.send(method, baseUrl() + "/__admin/opstub" + path, body, "Content-Type", "application/json");
  }

  private HttpResponse<String> pollFace() {
    return Http.get(baseUrl() + "/face/v1.0-preview/operations/" + FACE_ID, "Ocp-Apim-Subscription-Key", "k");
  }

  @BeforeEach
  void resetServer() {
    assertThat(admin("POST", "/reset", null).statusCode()).isEqualTo(200);
  }

  @Test
  void createListShowAndDeleteOperations() {
    HttpResponse<String> created = admin("POST", "/operations",
        "{\"api\":\"face\",\"id\":\"" + FACE_ID.toUpperCase() + "\",\"timeline\":\"running x2, succeeded\","
            + "\"resourceLocation\":\"/snapshots/s1\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThatJson(created.body()).isEqualTo("{\"api\":\"face\",\"id\":\"" + FACE_ID + "\","
        + "\"timeline\":\"running x2, succeeded\",\"step\":1,\"status\":\"running\",\"polls\":0,"
        + "\"createdTime\":\"${json-unit.any-string}\",\"resourceLocation\":\"/snapshots/s1\"}");
    assertThat(admin("POST", "/operations", "{\"api\":\"media\",\"id\":\"" + MEDIA_ID + "\","
        + "\"timeline\":[{\"status\":\"InProgress\"},\"Failed(Timeout)\"],\"targetEntityId\":\"nb:chid:UUID:x\"}").statusCode())
        .isEqualTo(201);

    pollFace();
    pollFace();
    pollFace();

    String list = admin("GET", "/operations", null).body();
    assertThatJson(list).node("count").isEqualTo(2);
    assertThatJson(list).node("operations[0].status").isEqualTo("succeeded");
    assertThatJson(list).node("operations[0].polls").isEqualTo(3);
    assertThatJson(list).node("operations[1].id").isEqualTo(MEDIA_ID);

    String one = admin("GET", "/operations/face/" + FACE_ID, null).body();
    assertThatJson(one).node("polls").isEqualTo(3);
    assertThatJson(one).node("history").isArray().hasSize(3);
    assertThatJson(one).node("history[2].status").isEqualTo("succeeded");
    assertThat(admin("GET", "/operations/media/" + MEDIA_ID.replace(":", "%3A"), null).statusCode()).isEqualTo(200);

    assertThat(admin("DELETE", "/operations/face/" + FACE_ID, null).statusCode()).isEqualTo(200);
    assertThat(pollFace().statusCode()).isEqualTo(404);
    assertThat(admin("DELETE", "/operations", null).statusCode()).isEqualTo(200);
    assertThatJson(admin("GET", "/operations", null).body()).node("count").isEqualTo(0);
  }

  @Test
  void theClockCanBeReadFrozenAdvancedAndResumed() {
    admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running 10s, succeeded\"}");
    assertThatJson(admin("GET", "/clock", null).body()).node("mode").isEqualTo("running");

    HttpResponse<String> frozen = admin("POST", "/clock/freeze", "{\"at\":\"2030-01-01T00:00:00Z\"}");
    assertThatJson(frozen.body()).isEqualTo("{\"now\":\"2030-01-01T00:00:00Z\",\"mode\":\"frozen\",\"controllable\":true}");
    admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running 10s, succeeded\"}");
    assertThatJson(pollFace().body()).node("status").isEqualTo("running");
    assertThatJson(admin("POST", "/clock/advance", "{\"by\":\"10s\"}").body()).node("now").isEqualTo("2030-01-01T00:00:10Z");
    assertThatJson(pollFace().body()).node("status").isEqualTo("succeeded");
    assertThatJson(admin("POST", "/clock/resume", null).body()).node("mode").isEqualTo("running");
  }

  @Test
  void badInputIsA4xxWithAMessageThatSaysWhatWasWrong() {
    expectError(admin("GET", "/operations/face/" + FACE_ID, null), 404, "no live face operation");
    expectError(admin("DELETE", "/operations/media/" + MEDIA_ID, null), 404, "no live media operation");
    expectError(admin("GET", "/operations/fax/" + FACE_ID, null), 400, "unknown api 'fax'; allowed: face, media, google, azure");
    expectError(admin("GET", "/operations/face/not-a-uuid", null), 400, "a Face API operation id is a uuid");
    // A malformed escape (which java.net.URI refuses to send): a 400 (Jetty's own, before the pack), never a 500.
    int port = java.net.URI.create(baseUrl()).getPort();
    for (String target : new String[] {"/operations/face/%zz", "/operations/face/%zz/conformance"}) {
      Http.Exchange raw = Http.exchange(port, "GET", "/__admin/opstub" + target, null);
      assertThat(raw.status()).as(raw.bodyText()).isEqualTo(400);
    }
    expectError(admin("POST", "/operations", "{not json"), 400, "the body is not JSON");
    expectError(admin("POST", "/operations", "[1,2]"), 400, "expected a JSON object");
    expectError(admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\"}"), 400, "\"timeline\" is missing");
    expectError(admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running x0\"}"),
        400, "at column 10: a count must be at least 1");
    expectError(admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"InProgress\"}"),
        400, "unknown status 'InProgress' for the Face API");
    expectError(admin("POST", "/operations", "{\"api\":\"media\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"InProgress\"}"),
        400, "a Media Services API operation id is nb:opid:UUID:<guid>");
    expectError(admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running\",\"colour\":1}"),
        400, "unknown field \"colour\"");
    expectError(admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running\","
        + "\"targetEntityId\":\"x\"}"), 400, "targetEntityId is not a field of a Face API operation; it takes resourceLocation");
    expectError(admin("POST", "/clock/advance", "{\"by\":\"soon\"}"), 400, "\"by\" must be a positive span");
    expectError(admin("POST", "/clock/freeze", "{\"at\":\"tomorrow\"}"), 400, "\"at\" must be a UTC instant");
  }

  @Test
  void theOperationsListComesInPagesOfADocumentedDefaultSize() {
    for (int i = 0; i < 101; i++) {
      admin("POST", "/operations", String.format("{\"api\":\"face\",\"id\":\"0a0a0a0a-0000-4000-8000-%012d\","
          + "\"timeline\":\"running\"}", i));
    }

    String first = admin("GET", "/operations", null).body();
    assertThatJson(first).node("count").isEqualTo(100);
    assertThatJson(first).node("limit").isEqualTo(100);
    assertThatJson(first).node("operations[99].id").isEqualTo("0a0a0a0a-0000-4000-8000-000000000099");
    String cursor = com.jayway.jsonpath.JsonPath.read(first, "$.next");
    String last = admin("GET", "/operations?cursor=" + cursor, null).body();
    assertThatJson(last).node("count").isEqualTo(1);
    assertThatJson(last).node("operations[0].id").isEqualTo("0a0a0a0a-0000-4000-8000-000000000100");
    assertThatJson(last).node("next").isAbsent();
    assertThatJson(admin("GET", "/operations?limit=1000", null).body()).node("count").isEqualTo(101);

    expectError(admin("GET", "/operations?limit=0", null), 400, "limit must be a whole number from 1 to 1000 (default 100); was \"0\"");
    expectError(admin("GET", "/operations?limit=1001", null), 400, "limit must be a whole number from 1 to 1000");
    expectError(admin("GET", "/operations?limit=ten", null), 400, "limit must be a whole number from 1 to 1000");
    expectError(admin("GET", "/operations?cursor=%25%25", null), 400, "is not a \"next\" this API gave");
  }

  @Test
  void aTimelineOfMoreThanTheDocumentedStepsIsRefused() {
    String steps = "running, ".repeat(1000) + "succeeded";

    expectError(admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"" + steps + "\"}"),
        400, "a timeline may have at most 1000 steps");
  }

  @Test
  void aClockResumedAtTheEndOfItsRangeShowsNoTimePastTheYear9999() {
    admin("POST", "/clock/freeze", "{\"at\":\"9999-12-31T23:59:59.999999999Z\"}");
    admin("POST", "/clock/resume", null);
    admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running, succeeded\"}");
    pollFace();

    String body = pollFace().body();

    for (String time : new String[] {"createdTime", "lastActionTime", "finishedTime"}) {
      assertThatJson(body).node(time).asString().startsWith("9999-12-31T23:59:59");
    }
    assertThatJson(admin("GET", "/clock", null).body()).node("now").asString().startsWith("9999-12-31T23:59:59");
  }

  @Test
  void theClockRefusesTimesOutsideItsRangeAndKeepsWorking() {
    admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running 10s, succeeded\"}");

    // These used to be accepted, after which every poll and GET clock answered 500 until a reset.
    expectError(admin("POST", "/clock/freeze", "{\"at\":\"+1000000000-12-31T23:59:59Z\"}"), 400, "years 1970 to 9999");
    expectError(admin("POST", "/clock/freeze", "{\"at\":\"1969-12-31T23:59:59Z\"}"), 400, "years 1970 to 9999");
    expectError(admin("POST", "/clock/advance", "{\"by\":\"999999999999m\"}"), 400, "years 1970 to 9999");
    assertThat(admin("POST", "/clock/freeze", "{\"at\":\"9999-12-31T23:59:59Z\"}").statusCode()).isEqualTo(200);
    expectError(admin("POST", "/clock/advance", "{\"by\":\"1s\"}"), 400, "years 1970 to 9999");

    assertThatJson(admin("GET", "/clock", null).body()).isEqualTo(
        "{\"now\":\"9999-12-31T23:59:59Z\",\"mode\":\"frozen\",\"controllable\":true}");
    assertThat(pollFace().statusCode()).isEqualTo(200);
    assertThat(admin("POST", "/clock/resume", null).statusCode()).isEqualTo(200);
    assertThat(admin("GET", "/clock", null).statusCode()).isEqualTo(200);
    assertThat(pollFace().statusCode()).isEqualTo(200);
  }

  @Test
  void everyAdminBodyRefusesFieldsItDoesNotTakeAndTrailingText() {
    // A misspelt field used to be ignored: this froze the clock "now" instead of moving it.
    expectError(admin("POST", "/clock/freeze", "{\"by\":\"1h\"}"), 400, "unknown field \"by\"; allowed: at");
    expectError(admin("POST", "/clock/advance", "{\"by\":\"1s\",\"at\":\"2030-01-01T00:00:00Z\"}"), 400,
        "unknown field \"at\"; allowed: by");
    expectError(admin("POST", "/clock/resume", "{\"at\":\"2030-01-01T00:00:00Z\"}"), 400,
        "unknown field \"at\"; this route takes no fields");
    expectError(admin("POST", "/clock/freeze", "{\"at\":\"2030-01-01T00:00:00Z\"} xyz"), 400, "the body is not JSON");
    assertThatJson(admin("GET", "/clock", null).body()).node("mode").isEqualTo("running");

    expectError(admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running\"} xyz"),
        400, "the body is not JSON");
    expectError(admin("POST", "/clock/advance", "{\"by\":\"1s\"}{\"by\":\"1s\"}"), 400, "the body is not JSON");
    assertThat(admin("GET", "/operations/face/" + FACE_ID, null).statusCode()).isEqualTo(404);

    admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running\"}");
    expectError(admin("POST", "/reset", "{\"keep\":\"face\"}"), 400, "unknown field \"keep\"; this route takes no fields");
    assertThat(admin("GET", "/operations/face/" + FACE_ID, null).statusCode()).isEqualTo(200);
    assertThat(admin("POST", "/reset", "{}").statusCode()).isEqualTo(200);
    assertThat(admin("POST", "/clock/freeze", "").statusCode()).isEqualTo(200);
    assertThat(admin("POST", "/clock/resume", "{}").statusCode()).isEqualTo(200);
  }

  @Test
  void resetForgetsEveryKindOfState() {
    String face = baseUrl() + "/face/v1.0-preview";
    // An operation made through the admin API, polled (history); a snapshot taken and polled until it exists.
    admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running\"}");
    pollFace();
    HttpResponse<String> take = Http.send("POST", face + "/snapshots", "{\"type\":\"PersonGroup\",\"objectId\":\"g\","
        + "\"applyScope\":[\"e58b3f08-1e8b-4165-81df-aa9858f233dc\"]}", "Ocp-Apim-Subscription-Key", "k",
        "Content-Type", "application/json");
    String takeOperation = take.headers().firstValue("Operation-Location").orElseThrow();
    String snapshotPath = null;
    for (int i = 0; i < 4; i++) {
      String body = Http.get(face + takeOperation, "Ocp-Apim-Subscription-Key", "k").body();
      if ("succeeded".equals(com.jayway.jsonpath.JsonPath.read(body, "$.status"))) {
        snapshotPath = com.jayway.jsonpath.JsonPath.read(body, "$.resourceLocation");
      }
    }
    assertThat(snapshotPath).as("the take succeeded").isNotNull();
    assertThat(Http.get(face + snapshotPath, "Ocp-Apim-Subscription-Key", "k").statusCode()).isEqualTo(200);
    admin("POST", "/clock/freeze", "{\"at\":\"2030-01-01T00:00:00Z\"}");

    assertThat(admin("POST", "/reset", null).statusCode()).isEqualTo(200);

    assertThatJson(admin("GET", "/operations", null).body()).node("count").isEqualTo(0);
    assertThat(admin("GET", "/operations/face/" + FACE_ID, null).statusCode()).as("admin-made operation").isEqualTo(404);
    assertThat(Http.get(face + snapshotPath, "Ocp-Apim-Subscription-Key", "k").statusCode()).as("snapshot").isEqualTo(404);
    assertThat(Http.get(face + "/snapshots", "Ocp-Apim-Subscription-Key", "k").body()).as("snapshot list").isEqualTo("[]");
    assertThatJson(admin("GET", "/clock", null).body()).node("mode").isEqualTo("running");
    admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running\"}");
    assertThatJson(admin("GET", "/operations/face/" + FACE_ID, null).body()).as("poll history")
        .node("history").isArray().isEmpty();
  }

  @Test
  void theConformanceJudgementShowsEachRuleWithItsSourceAndOneLinePerViolation() {
    admin("POST", "/operations", "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running, succeeded\"}");
    pollFace();
    pollFace();
    Http.get(baseUrl() + "/face/v1.0-preview/operations/" + FACE_ID); // after the end, and without the key

    HttpResponse<String> judged = admin("GET", "/operations/face/" + FACE_ID + "/conformance", null);

    assertThat(judged.statusCode()).as(judged.body()).isEqualTo(200);
    assertThat(judged.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThatJson(judged.body()).node("conforms").isEqualTo(false);
    assertThatJson(judged.body()).node("pattern").isEqualTo("Operation-Location (relative)");
    assertThatJson(judged.body()).node("violations").isEqualTo("[\"stopped-once-terminal, poll 3: expected no poll "
        + "after poll 2 (served succeeded); happened: polled again: HTTP 401\","
        + "\"sent-credential, poll 3: expected a credential (Ocp-Apim-Subscription-Key or Authorization); "
        + "happened: none was sent\"]");
    assertThatJson(judged.body()).inPath("$.rules[*].id").isEqualTo("[\"waited-retry-after\",\"stopped-once-terminal\","
        + "\"followed-handed-url\",\"retried-faults\",\"bounded-polls\",\"sent-credential\",\"polled-handed-ids\"]");
    assertThatJson(judged.body()).inPath("$.rules[*].outcome").isEqualTo("[\"not-applicable\",\"violated\","
        + "\"passed\",\"not-applicable\",\"passed\",\"violated\",\"passed\"]");
    assertThatJson(judged.body()).node("rules[1].source").asString().contains("Face");
    assertThatJson(judged.body()).node("rules[1].violations[0]").isEqualTo("{\"poll\":3,\"expected\":"
        + "\"no poll after poll 2 (served succeeded)\",\"happened\":\"polled again: HTTP 401\"}");
    assertThatJson(judged.body()).node("polls[0].url").isEqualTo("/face/v1.0-preview/operations/" + FACE_ID);
    assertThatJson(judged.body()).inPath("$.polls[*].credential").isEqualTo("[true,true,false]");
    assertThat(judged.body()).doesNotContain("\"k\""); // whether a credential came, never the credential
    assertThatJson(admin("GET", "/operations/face/" + FACE_ID, null).body()).node("history[0]").isObject()
        .containsEntry("method", "GET").containsEntry("url", "/face/v1.0-preview/operations/" + FACE_ID);
  }

  @Test
  void theConformanceJudgementOfNothingOrOfBadInputIsA4xxThatSaysWhy() {
    expectError(admin("GET", "/operations/face/" + FACE_ID + "/conformance", null), 404, "no poll of it recorded");
    expectError(admin("GET", "/operations/nope/" + FACE_ID + "/conformance", null), 400, "unknown api 'nope'");
    expectError(admin("GET", "/operations/face/not-a-uuid/conformance", null), 400, "not-a-uuid");
  }

  private static void expectError(HttpResponse<String> reply, int status, String message) {
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
    assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThatJson(reply.body()).node("error").asString().contains(message);
  }
}
