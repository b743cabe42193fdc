package dev.opstub.internal.media;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.internal.api.StateOperations;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaActionsTest {
  private static final String BASE = "http://127.0.0.1:8080";
  private static final String GUID = "1e518dbc-91ef-4044-a8bd-d20769dae833";
  private static final String GUID_UPPER = "1E518DBC-91EF-4044-A8BD-D20769DAE833";
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

  private final InMemoryState store = new InMemoryState(100, Clock.fixed(NOW, ZoneOffset.UTC));

  private Reply start(Request request, StubParameters parameters) {
    return MediaActions.INSTANCE.handle(request, parameters == null ? StubParameters.NONE : parameters, new StateOperations(store));
  }

  private static StubParameters script(Object... keysAndValues) {
    Map<String, Object> raw = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        raw.put((String) keysAndValues[i], keysAndValues[i + 1] instanceof Timeline t ? t.notation() : keysAndValues[i + 1]);
      }
    }
    return StubParameters.read(MediaActions.INSTANCE, raw);
  }

  private static Map<String, String> headers() {
    Map<String, String> headers = new HashMap<>();
    headers.put("Authorization", "Bearer eyJ0eXAi");
    headers.put("x-ms-version", "2.19");
    headers.put("Accept", "application/json;odata=minimalmetadata");
    return headers;
  }

  private static Request request(String method, String path, String body) {
    return new Request(method, path, BASE, headers(), body);
  }

  private static Request post(String path) {
    return request("POST", path, "");
  }

  private OperationView operationOf(Reply reply) {
    String id = reply.headers().get("operation-id");
    return store.find(MediaApi.NAME, id).orElseThrow();
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
    Reply reply = start(request(method, path, ""), null);

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body()).isEmpty();
    assertThat(reply.headers()).containsEntry("DataServiceVersion", "3.0;").doesNotContainKey("Content-Type");
    assertThat(reply.headers().get("operation-id")).matches("nb:opid:UUID:[0-9a-f-]{36}");
    OperationView operation = operationOf(reply);
    assertThat(operation.target()).isEqualTo(target);
    assertThat(operation.createdTime()).isEqualTo(NOW);
    assertThat(operation.timeline()).isEqualTo(MediaActions.DEFAULT_TIMELINE);
    assertThat(MediaActions.DEFAULT_TIMELINE.notation()).isEqualTo("InProgress x2, Succeeded");
  }

  @Test
  void theStartedOperationIsPolledWithItsTargetAndTheScriptsTimeline() {
    StubParameters script = script("timeline", TimelineParser.parse("InProgress, Succeeded", MediaStatuses.INSTANCE));
    Reply started = start(post("/api/Channels('nb:chid:UUID:" + GUID + "')/Start"), script);
    String operationId = started.headers().get("operation-id");
    Request poll = new Request("GET", "/api/Operations('" + operationId + "')", BASE, headers(), "");

    assertThat(MediaOperations.INSTANCE.handle(poll, StubParameters.NONE, new StateOperations(store)).model())
        .containsEntry("state", "InProgress").containsEntry("targetEntityId", "nb:chid:UUID:" + GUID);
    assertThat(MediaOperations.INSTANCE.handle(poll, StubParameters.NONE, new StateOperations(store)).model()).containsEntry("state", "Succeeded");
    assertThat(operationOf(started).startCredential()).as("the start carried its Authorization (sent-credential)").isTrue();
  }

  @Test
  void anEntityListedInTimelineByEntityFollowsItsOwnTimelineAndOthersTheStubsTimeline() {
    String failing = "e0000000-0000-4000-8000-000000000012";
    StubParameters script = script("timeline", "Succeeded",
        "timelineByEntity", Map.of(failing.toUpperCase(java.util.Locale.ROOT), "InProgress, Failed(Timeout)"));

    Reply listed = start(post("/api/Origins('nb:oid:UUID:" + failing + "')/Start"), script);
    Reply other = start(post("/api/Origins('nb:oid:UUID:" + GUID + "')/Start"), script);

    assertThat(operationOf(listed).timeline().notation()).isEqualTo("InProgress, Failed(Timeout)");
    assertThat(operationOf(other).timeline().notation()).isEqualTo("Succeeded");
  }

  @Test
  void timelineByEntityNamesTheKeyThatIsNotAGuidOrWhoseTimelineIsBad() {
    assertThatThrownBy(() -> script("timelineByEntity", Map.of("channel-1", "Succeeded")))
        .hasMessageContaining("timelineByEntity: \"channel-1\" is not an entity GUID");
    assertThatThrownBy(() -> script("timelineByEntity", Map.of(GUID, "InProgress x0")))
        .hasMessageContaining("timelineByEntity[\"" + GUID + "\"]").hasMessageContaining("column");
    assertThatThrownBy(() -> script("timelineByEntity", "InProgress"))
        .hasMessageContaining("timelineByEntity must be a non-empty object");
  }

  @Test
  void eachActionStartsANewOperation() {
    Reply first = start(post("/api/Channels('nb:chid:UUID:" + GUID + "')/Start"), null);
    Reply second = start(post("/api/Channels('nb:chid:UUID:" + GUID + "')/Start"), null);

    assertThat(first.headers().get("operation-id")).isNotEqualTo(second.headers().get("operation-id"));
    assertThat(store.operations().size()).isEqualTo(2);
  }

  @Test
  void scaleWithAPositiveUnitCountIsAcceptedAsDataServiceVersionOne() {
    Reply reply = start(request("POST", "/api/StreamingEndpoints('nb:oid:UUID:" + GUID + "')/Scale",
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
      "{\"scaleUnits\": 2} xyz",
      "{\"scaleUnits\": 2}{\"scaleUnits\": 3}",
  })
  void scaleWithoutAPositiveWholeScaleUnitsIsABadRequestNamingTheField(String body) {
    Reply reply = start(request("POST", "/api/StreamingEndpoints('nb:oid:UUID:" + GUID + "')/Scale",
        body), null);

    assertThat(reply.status()).isEqualTo(400);
    assertThatJson(reply.body()).inPath("$['odata.error'].code").isEqualTo("BadRequest");
    assertThatJson(reply.body()).inPath("$['odata.error'].message.value").asString().contains("'scaleUnits'");
    assertThat(store.operations().size()).isZero();
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
    Reply reply = start(post(path), null);

    assertThat(reply.status()).isEqualTo(400);
    assertThatJson(reply.body()).inPath("$['odata.error'].code").isEqualTo("InvalidIdentifierFormat");
    assertThatJson(reply.body()).inPath("$['odata.error'].message.value").asString().contains(expectedPrefix);
    assertThat(store.operations().size()).isZero();
  }

  @Test
  void checksAuthorizationThenVersionLikeTheOperationsEndpoint() {
    String path = "/api/Channels('nb:chid:UUID:" + GUID + "')/Start";
    Map<String, String> noVersion = Map.of("Authorization", "Bearer eyJ0eXAi");

    Reply unauthorized = start(new Request("POST", path, BASE, Map.of(), ""), null);
    Reply unversioned = start(new Request("POST", path, BASE, noVersion, ""), null);

    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unversioned.status()).isEqualTo(400);
    assertThat(store.operations().size()).isZero();
  }

  @Test
  void anUnknownEntitySetOrActionIsResourceNotFound() {
    assertNotFound(start(post("/api/Assets('nb:cid:UUID:" + GUID + "')/Start"), null));
    assertNotFound(start(post("/api/channels('nb:chid:UUID:" + GUID + "')/Start"), null));
    assertNotFound(start(post("/api/Channels('nb:chid:UUID:" + GUID + "')/Scale"), null));
    assertNotFound(start(post("/api/Programs('nb:pgid:UUID:" + GUID + "')/Reset"), null));
    assertNotFound(start(post("/api/Channels"), null));
  }

  @Test
  void aWrongMethodIsMethodNotAllowedWithTheAllowedOne() {
    Reply getAction = start(request("GET", "/api/Channels('nb:chid:UUID:" + GUID + "')/Start", ""), null);
    Reply postEntity = start(post("/api/Channels('nb:chid:UUID:" + GUID + "')"), null);
    Reply deleteProgram = start(request("DELETE", "/api/Programs('nb:pgid:UUID:" + GUID + "')", ""), null);

    assertThat(getAction.status()).isEqualTo(405);
    assertThat(getAction.headers()).containsEntry("Allow", "POST");
    assertThat(postEntity.status()).isEqualTo(405);
    assertThat(postEntity.headers()).containsEntry("Allow", "DELETE");
    assertThat(deleteProgram.status()).isEqualTo(405);
    assertThat(deleteProgram.headers()).doesNotContainKey("Allow");
    assertThatJson(deleteProgram.body()).inPath("$['odata.error'].code").isEqualTo("MethodNotAllowed");
    assertThat(store.operations().size()).isZero();
  }

  private void assertNotFound(Reply reply) {
    assertThat(reply.status()).isEqualTo(404);
    assertThatJson(reply.body()).inPath("$['odata.error'].code").isEqualTo("ResourceNotFound");
    assertThat(store.operations().size()).isZero();
  }
}
