package dev.opstub.media;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.http.ApiReply;
import dev.opstub.http.ApiRequest;
import dev.opstub.timeline.Operation;
import dev.opstub.timeline.OperationStore;
import dev.opstub.timeline.Step;
import dev.opstub.timeline.TimelineParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MediaActionsTest {
  private static final String BASE = "http://127.0.0.1:8080";
  private static final String GUID = "1e518dbc-91ef-4044-a8bd-d20769dae833";
  private static final String GUID_UPPER = "1E518DBC-91EF-4044-A8BD-D20769DAE833";
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

  private final OperationStore store = new OperationStore(100, Clock.fixed(NOW, ZoneOffset.UTC));
  private final MediaActions actions = new MediaActions(store);
  private final MediaOperations operations = new MediaOperations(store);

  private static Map<String, String> headers() {
    Map<String, String> headers = new HashMap<>();
    headers.put("Authorization", "Bearer eyJ0eXAi");
    headers.put("x-ms-version", "2.19");
    headers.put("Accept", "application/json;odata=minimalmetadata");
    return headers;
  }

  private static ApiRequest request(String method, String path, String body) {
    return new ApiRequest(method, path, BASE, headers(), body);
  }

  private static ApiRequest post(String path) {
    return request("POST", path, "");
  }

  private Operation operationOf(ApiReply reply) {
    String id = reply.headers().get("operation-id");
    return store.find(MediaOperations.API, id).orElseThrow();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "POST,   /api/StreamingEndpoints('nb:oid:UUID:" + GUID + "')/Start,  nb:oid:UUID:" + GUID,
      "POST,   /api/StreamingEndpoints('nb:oid:UUID:" + GUID + "')/Stop,   nb:oid:UUID:" + GUID,
      "POST,   /api/Channels('nb:chid:UUID:" + GUID + "')/Start,           nb:chid:UUID:" + GUID,
      "POST,   /api/Channels('nb:chid:UUID:" + GUID + "')/Stop,            nb:chid:UUID:" + GUID,
      "POST,   /api/Channels('nb:chid:UUID:" + GUID + "')/Reset,           nb:chid:UUID:" + GUID,
      "POST,   /api/Programs('nb:pgid:UUID:" + GUID + "')/Start,           nb:pgid:UUID:" + GUID,
      "POST,   /api/Programs('nb:pgid:UUID:" + GUID + "')/Stop,            nb:pgid:UUID:" + GUID,
      "POST,   /api/Origins('nb:oid:UUID:" + GUID + "')/Start,             nb:oid:UUID:" + GUID,
      "POST,   /api/Origins('nb:oid:UUID:" + GUID + "')/Stop,              nb:oid:UUID:" + GUID,
      "DELETE, /api/Channels('nb:chid:UUID:" + GUID + "'),                 nb:chid:UUID:" + GUID,
      "DELETE, /api/StreamingEndpoints('nb:oid:UUID:" + GUID + "'),        nb:oid:UUID:" + GUID,
      "DELETE, /api/Origins('nb:oid:UUID:" + GUID + "'),                   nb:oid:UUID:" + GUID,
      "POST,   /media/api/Channels(%27nb%3Achid%3AUUID%3A" + GUID_UPPER + "%27)/Start, nb:chid:UUID:" + GUID,
  })
  void anActionIsAcceptedAndStartsAnOperationOnItsTarget(String method, String path, String target) {
    ApiReply reply = actions.start(request(method, path, ""), null);

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body()).isEmpty();
    assertThat(reply.headers()).containsEntry("DataServiceVersion", "3.0;").doesNotContainKey("Content-Type");
    assertThat(reply.headers().get("operation-id")).matches("nb:opid:UUID:[0-9a-f-]{36}");
    Operation operation = operationOf(reply);
    assertThat(operation.target()).isEqualTo(target);
    assertThat(operation.createdTime()).isEqualTo(NOW);
    assertThat(operation.timeline()).isEqualTo(MediaActions.DEFAULT_TIMELINE);
    assertThat(MediaActions.DEFAULT_TIMELINE.notation()).isEqualTo("InProgress x2, Succeeded");
  }

  @Test
  void theStartedOperationIsPolledWithItsTargetAndTheScriptsTimeline() {
    var script = new MediaActions.ActionScript(TimelineParser.parse("InProgress, Succeeded", MediaStatuses.INSTANCE));
    ApiReply started = actions.start(post("/api/Channels('nb:chid:UUID:" + GUID + "')/Start"), script);
    String operationId = started.headers().get("operation-id");
    ApiRequest poll = new ApiRequest("GET", "/api/Operations('" + operationId + "')", BASE, headers(), "");

    assertThat(operations.getOperation(poll, null).model())
        .containsEntry("state", "InProgress").containsEntry("targetEntityId", "nb:chid:UUID:" + GUID);
    assertThat(operations.getOperation(poll, null).model()).containsEntry("state", "Succeeded");
  }

  @Test
  void eachActionStartsANewOperation() {
    ApiReply first = actions.start(post("/api/Channels('nb:chid:UUID:" + GUID + "')/Start"), null);
    ApiReply second = actions.start(post("/api/Channels('nb:chid:UUID:" + GUID + "')/Start"), null);

    assertThat(first.headers().get("operation-id")).isNotEqualTo(second.headers().get("operation-id"));
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void scaleWithAPositiveUnitCountIsAcceptedAsDataServiceVersionOne() {
    ApiReply reply = actions.start(request("POST", "/api/StreamingEndpoints('nb:oid:UUID:" + GUID + "')/Scale",
        "{\"scaleUnits\": 2}"), null);

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.headers()).containsEntry("DataServiceVersion", "1.0;").containsKey("operation-id");
  }

  @ParameterizedTest(name = "body: {0}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL",
      "not json",
      "[2]",
      "{}",
      "{\"ScaleUnits\": 2}",
      "{\"scaleUnits\": null}",
      "{\"scaleUnits\": 0}",
      "{\"scaleUnits\": -1}",
      "{\"scaleUnits\": 1.5}",
      "{\"scaleUnits\": \"2\"}",
      "{\"scaleUnits\": 99999999999}",
  })
  void scaleWithoutAPositiveWholeScaleUnitsIsABadRequestNamingTheField(String body) {
    ApiReply reply = actions.start(request("POST", "/api/StreamingEndpoints('nb:oid:UUID:" + GUID + "')/Scale",
        body), null);

    assertThat(reply.status()).isEqualTo(400);
    assertThatJson(reply.body()).inPath("$['odata.error'].code").isEqualTo("BadRequest");
    assertThatJson(reply.body()).inPath("$['odata.error'].message.value").asString().contains("'scaleUnits'");
    assertThat(store.size()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "/api/Channels('nb:oid:UUID:" + GUID + "')/Start,            nb:chid:UUID:",
      "/api/StreamingEndpoints('nb:chid:UUID:" + GUID + "')/Start, nb:oid:UUID:",
      "/api/Origins('nb:pgid:UUID:" + GUID + "')/Stop,             nb:oid:UUID:",
      "/api/Programs('nb:chid:UUID:" + GUID + "')/Start,           nb:pgid:UUID:",
      "/api/Programs('" + GUID + "')/Start,                        nb:pgid:UUID:",
      "/api/Programs(nb:pgid:UUID:" + GUID + ")/Start,             nb:pgid:UUID:",
  })
  void anEntityIdWithTheWrongPrefixIsAnInvalidIdentifier(String path, String expectedPrefix) {
    ApiReply reply = actions.start(post(path), null);

    assertThat(reply.status()).isEqualTo(400);
    assertThatJson(reply.body()).inPath("$['odata.error'].code").isEqualTo("InvalidIdentifierFormat");
    assertThatJson(reply.body()).inPath("$['odata.error'].message.value").asString().contains(expectedPrefix);
    assertThat(store.size()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(MediaErrorCode.class)
  void aWellKnownEntityGuidFailsWithItsNumberedCode(MediaErrorCode code) {
    String nn = String.format("%02d", code.ordinal() + 1);
    String channel = "nb:chid:UUID:e0000000-0000-4000-8000-0000000000" + nn;
    var script = new MediaActions.ActionScript(MediaActions.DEFAULT_TIMELINE);

    Operation operation = operationOf(actions.start(post("/api/Channels('" + channel + "')/Start"), script));

    assertThat(operation.timeline().steps()).extracting(Step::notation)
        .containsExactly("InProgress", "Failed(" + code.code() + ")");
    assertThat(MediaActions.wellKnownFailure(channel)).hasValue(code);
    operation.poll(NOW);
    assertThat(MediaOperations.model(operation.poll(NOW), BASE, NOW))
        .containsEntry("state", "Failed").containsEntry("errorCode", code.code())
        .containsEntry("errorMessage", code.defaultMessage());
  }

  @Test
  void guidsOutsideTheWellKnownRangeFollowTheScript() {
    assertThat(MediaActions.wellKnownFailure("nb:chid:UUID:e0000000-0000-4000-8000-000000000000")).isEmpty();
    assertThat(MediaActions.wellKnownFailure("nb:chid:UUID:e0000000-0000-4000-8000-000000000015")).isEmpty();
    assertThat(MediaActions.wellKnownFailure("nb:oid:UUID:E0000000-0000-4000-8000-000000000012"))
        .hasValue(MediaErrorCode.Timeout);
  }

  @Test
  void checksAuthorizationThenVersionLikeTheOperationsEndpoint() {
    String path = "/api/Channels('nb:chid:UUID:" + GUID + "')/Start";
    Map<String, String> noVersion = Map.of("Authorization", "Bearer eyJ0eXAi");

    ApiReply unauthorized = actions.start(new ApiRequest("POST", path, BASE, Map.of(), ""), null);
    ApiReply unversioned = actions.start(new ApiRequest("POST", path, BASE, noVersion, ""), null);

    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unversioned.status()).isEqualTo(400);
    assertThat(store.size()).isZero();
  }

  @Test
  void anUnknownEntitySetOrActionIsResourceNotFound() {
    assertNotFound(actions.start(post("/api/Assets('nb:cid:UUID:" + GUID + "')/Start"), null));
    assertNotFound(actions.start(post("/api/channels('nb:chid:UUID:" + GUID + "')/Start"), null));
    assertNotFound(actions.start(post("/api/Channels('nb:chid:UUID:" + GUID + "')/Scale"), null));
    assertNotFound(actions.start(post("/api/Programs('nb:pgid:UUID:" + GUID + "')/Reset"), null));
    assertNotFound(actions.start(post("/api/Channels"), null));
  }

  @Test
  void aWrongMethodIsMethodNotAllowedWithTheAllowedOne() {
    ApiReply getAction = actions.start(request("GET", "/api/Channels('nb:chid:UUID:" + GUID + "')/Start", ""), null);
    ApiReply postEntity = actions.start(post("/api/Channels('nb:chid:UUID:" + GUID + "')"), null);
    ApiReply deleteProgram = actions.start(request("DELETE", "/api/Programs('nb:pgid:UUID:" + GUID + "')", ""), null);

    assertThat(getAction.status()).isEqualTo(405);
    assertThat(getAction.headers()).containsEntry("Allow", "POST");
    assertThat(postEntity.status()).isEqualTo(405);
    assertThat(postEntity.headers()).containsEntry("Allow", "DELETE");
    assertThat(deleteProgram.status()).isEqualTo(405);
    assertThat(deleteProgram.headers()).doesNotContainKey("Allow");
    assertThatJson(deleteProgram.body()).inPath("$['odata.error'].code").isEqualTo("MethodNotAllowed");
    assertThat(store.size()).isZero();
  }

  private void assertNotFound(ApiReply reply) {
    assertThat(reply.status()).isEqualTo(404);
    assertThatJson(reply.body()).inPath("$['odata.error'].code").isEqualTo("ResourceNotFound");
    assertThat(store.size()).isZero();
  }
}
