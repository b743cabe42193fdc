package dev.opstub.internal.media;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.opstub.internal.api.StateOperations;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.timeline.Operation;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaOperationsTest {
  private static final String BASE = "https://wamsbayclus001rest-hs.cloudapp.net";
  private static final String GUID = "ab66eff9-8945-4323-9f91-d257a695899b";
  private static final String OP_ID = "nb:opid:UUID:" + GUID;
  private static final String CHANNEL = "nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833";
  private static final Instant NOW = Instant.parse("2014-01-15T19:31:13.789Z");

  private final InMemoryState store = new InMemoryState(100, Clock.fixed(NOW, ZoneOffset.UTC));

  private Reply getOperation(Request request, StubParameters parameters) {
    return MediaOperations.INSTANCE.handle(request, parameters == null ? StubParameters.NONE : parameters, new StateOperations(store));
  }

  private static StubParameters script(Object... keysAndValues) {
    Map<String, Object> raw = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        raw.put((String) keysAndValues[i], keysAndValues[i + 1] instanceof Timeline t ? t.notation() : keysAndValues[i + 1]);
      }
    }
    return StubParameters.read(MediaOperations.INSTANCE, raw);
  }
  
  private static Timeline timeline(String notation) {
    return TimelineParser.parse(notation, MediaStatuses.INSTANCE);
  }

  private static Map<String, String> headers(String accept) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Authorization", "Bearer eyJ0eXAi");
    headers.put("x-ms-version", "2.19");
    if (accept != null) {
      headers.put("Accept", accept);
    }
    return headers;
  }

  private static Request get(String path) {
    return Request.get(path, BASE, headers("application/json;odata=minimalmetadata"));
  }

  private static String path(String id) {
    return "/api/Operations('" + id + "')";
  }

  @Test
  void pollsFollowTheScriptedTimelineInMediaSpelling() {
    StubParameters script = script("timeline", timeline("inprogress x2, succeeded"), "targetEntityId", CHANNEL);

    assertThat(getOperation(get(path(OP_ID)), script).model()).containsEntry("state", "InProgress");
    assertThat(getOperation(get(path(OP_ID)), script).model()).containsEntry("state", "InProgress");
    assertThat(getOperation(get(path(OP_ID)), script).model()).containsEntry("state", "Succeeded");
    assertThat(getOperation(get(path(OP_ID)), script).model())
        .containsEntry("state", "Succeeded").containsEntry("poll", 4L).containsEntry("terminal", true);
  }

  @Test
  void theSeedSampleIsServedAsJsonLight() {
    store.put(MediaApi.NAME, new OperationSpec(OP_ID, timeline("Succeeded"), CHANNEL, null));

    Reply reply = getOperation(get(path(OP_ID)), null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.template()).isEqualTo("opstub/media/operation.json");
    assertThat(reply.headers()).containsEntry("Content-Type",
        "application/json;odata=minimalmetadata;streaming=true;charset=utf-8");
    assertThat(reply.model()).contains(
        entry("id", OP_ID),
        entry("state", "Succeeded"),
        entry("targetEntityId", CHANNEL),
        entry("errorCode", null),
        entry("errorMessage", null),
        entry("metadataUrl", BASE + "/api/$metadata#Operations/@Element"));
  }

  @Test
  void theModelOfAnInProgressPollHasEveryKey() {
    Operation operation = new Operation(OP_ID, timeline("InProgress, Succeeded"), NOW, CHANNEL);

    Map<String, Object> model = MediaOperations.model(operation.poll(NOW), BASE + "/", NOW);
    Object xml = model.remove("xml");

    assertThat(model).containsExactly(
        entry("id", OP_ID),
        entry("state", "InProgress"),
        entry("targetEntityId", CHANNEL),
        entry("errorCode", null),
        entry("errorMessage", null),
        entry("metadataUrl", BASE + "/api/$metadata#Operations/@Element"),
        entry("entityUrl", BASE + "/api/Operations('nb%3Aopid%3AUUID%3A" + GUID + "')"),
        entry("editLink", "Operations('nb%3Aopid%3AUUID%3A" + GUID + "')"),
        entry("apiBase", BASE + "/api/"),
        entry("updated", "2014-01-15T19:31:13Z"),
        entry("poll", 1L),
        entry("terminal", false));
    Map<String, Object> text = new LinkedHashMap<>(model);
    text.keySet().removeAll(List.of("poll", "terminal"));
    assertThat(xml).as("each text value again, for XML; ordinary values need no escaping").isEqualTo(text);
  }

  @Test
  void theModelCarriesEachTextValueEscapedForXml() {
    Operation operation = new Operation(OP_ID,
        TimelineParser.parseJson(List.of(Map.of("status", "Failed", "code", "Timeout", "message", "a < b & \"c\"\r\nd")),
            MediaStatuses.INSTANCE), NOW, "x&y");

    @SuppressWarnings("unchecked")
    Map<String, Object> xml = (Map<String, Object>) MediaOperations.model(operation.poll(NOW), "http://h/a&b", NOW).get("xml");

    assertThat(xml).containsEntry("errorMessage", "a &lt; b &amp; &quot;c&quot;&#xD;&#xA;d")
        .containsEntry("targetEntityId", "x&amp;y")
        .containsEntry("apiBase", "http://h/a&amp;b/api/")
        .containsEntry("entityUrl", "http://h/a&amp;b/api/Operations('nb%3Aopid%3AUUID%3A" + GUID + "')")
        .containsEntry("errorCode", "Timeout");
  }

  @Test
  void theModelOfASucceededPollIsTerminalWithoutError() {
    Operation operation = new Operation(OP_ID, timeline("Succeeded"), NOW, null);

    Map<String, Object> model = MediaOperations.model(operation.poll(NOW), BASE, NOW);

    assertThat(model).contains(entry("state", "Succeeded"), entry("terminal", true),
        entry("targetEntityId", null), entry("errorCode", null), entry("errorMessage", null));
  }

  @Test
  void theModelOfAFailedPollCarriesCodeAndMessage() {
    Operation custom = new Operation(OP_ID, timeline("Failed(insufficientcapacity: No room in West Europe)"), NOW, CHANNEL);
    Operation bare = new Operation(OP_ID, timeline("Failed"), NOW, CHANNEL);

    assertThat(MediaOperations.model(custom.poll(NOW), BASE, NOW)).contains(entry("state", "Failed"),
        entry("errorCode", "InsufficientCapacity"), entry("errorMessage", "No room in West Europe"),
        entry("terminal", true));
    assertThat(MediaOperations.model(bare.poll(NOW), BASE, NOW)).contains(entry("state", "Failed"),
        entry("errorCode", "BadRequest"), entry("errorMessage", MediaErrorCode.BadRequest.defaultMessage()));
  }

  @Test
  void aPercentEncodedIdInUpperCaseFindsTheSameOperation() {
    store.put(MediaApi.NAME, new OperationSpec(OP_ID, timeline("InProgress"), CHANNEL, null));

    Reply reply = getOperation(
        get("/api/Operations(%27nb%3Aopid%3AUUID%3A" + GUID.toUpperCase(java.util.Locale.ROOT) + "%27)"), null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.model()).containsEntry("id", OP_ID);
  }

  @Test
  void aPathPrefixBeforeApiBelongsToTheServiceRoot() {
    store.put(MediaApi.NAME, new OperationSpec(OP_ID, timeline("InProgress"), CHANNEL, null));

    Reply reply = getOperation(
        Request.get("/tenant-a/api/Operations('" + OP_ID + "')", "http://127.0.0.1:8080", headers(null)), null);

    assertThat(reply.model())
        .containsEntry("metadataUrl", "http://127.0.0.1:8080/tenant-a/api/$metadata#Operations/@Element")
        .containsEntry("apiBase", "http://127.0.0.1:8080/tenant-a/api/");
  }

  @Test
  void theAcceptHeaderPicksTemplateAndContentType() {
    store.put(MediaApi.NAME, new OperationSpec(OP_ID, timeline("InProgress"), CHANNEL, null));

    for (MediaFormat format : MediaFormat.values()) {
      String accept = switch (format) {
        case JSON_LIGHT -> null;
        case VERBOSE -> "application/json;odata=verbose";
        case NO_METADATA -> "application/json;odata=nometadata";
        case ATOM -> "application/atom+xml";
      };
      Reply reply = getOperation(Request.get(path(OP_ID), BASE, headers(accept)), null);

      assertThat(reply.template()).isEqualTo(MediaOperations.template(format));
      assertThat(reply.headers()).containsEntry("Content-Type", format.contentType());
    }
    assertThat(MediaOperations.template(MediaFormat.VERBOSE)).isEqualTo("opstub/media/operation-verbose.json");
    assertThat(MediaOperations.template(MediaFormat.NO_METADATA)).isEqualTo("opstub/media/operation-nometadata.json");
    assertThat(MediaOperations.template(MediaFormat.ATOM)).isEqualTo("opstub/media/operation.atom.xml");
  }

  @Test
  void everyReplyCarriesTheServiceHeaders() {
    store.put(MediaApi.NAME, new OperationSpec(OP_ID, timeline("InProgress"), CHANNEL, null));

    Reply reply = getOperation(get(path(OP_ID)), null);

    assertThat(reply.headers()).containsEntry("DataServiceVersion", "3.0;")
        .containsEntry("X-Content-Type-Options", "nosniff").containsEntry("Cache-Control", "no-cache");
    assertThat(reply.headers().get("request-id")).isNotBlank().isEqualTo(reply.headers().get("x-ms-request-id"));
  }

  @Test
  void checksAuthorizationFirstThenVersionThenIdThenExistence() {
    Map<String, String> none = new HashMap<>();
    Map<String, String> basicAuth = Map.of("Authorization", "Basic dXNlcjpwYXNz");
    Map<String, String> emptyBearer = Map.of("Authorization", "Bearer ");
    Map<String, String> noVersion = Map.of("Authorization", "Bearer eyJ0eXAi");

    assertError(getOperation(Request.get("/api/Operations('42')", BASE, none), null), 401, "AuthenticationFailed");
    assertError(getOperation(Request.get("/api/Operations('42')", BASE, basicAuth), null), 401, "AuthenticationFailed");
    assertError(getOperation(Request.get("/api/Operations('42')", BASE, emptyBearer), null), 401, "AuthenticationFailed");
    assertError(getOperation(Request.get("/api/Operations('42')", BASE, noVersion), null), 400, "BadRequest");
    assertError(getOperation(get("/api/Operations('42')"), null), 400, "InvalidIdentifierFormat");
    assertError(getOperation(get(path(OP_ID)), null), 404, "OperationNotFound");
  }

  @Test
  void anIdOfAnotherEntityIsAnInvalidIdentifierEvenWithAScript() {
    StubParameters script = script("timeline", timeline("Succeeded"), "targetEntityId", CHANNEL);

    Reply reply = getOperation(get(path(CHANNEL)), script);

    assertError(reply, 400, "InvalidIdentifierFormat");
    assertThatJson(reply.body()).inPath("$['odata.error'].message.value").asString()
        .contains(CHANNEL).contains("nb:opid:UUID:");
    assertThat(store.operations().size()).isZero();
  }

  @Test
  void anUnknownOperationIsNotFoundInTheRequestedFormat() {
    Reply reply = getOperation(Request.get(path(OP_ID), BASE, headers("application/atom+xml")), null);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.headers()).containsEntry("Content-Type", "application/xml;charset=utf-8");
    assertThat(reply.body()).contains("<m:code>OperationNotFound</m:code>").contains(OP_ID);
  }

  @Test
  void aPathThatIsNotAnOperationIsResourceNotFound() {
    assertError(getOperation(get("/api/Operations"), null), 404, "ResourceNotFound");
    assertError(getOperation(get("/api/Channels('" + CHANNEL + "')"), null), 404, "ResourceNotFound");
    assertError(getOperation(get(path(OP_ID) + "/Start"), null), 404, "ResourceNotFound");
  }

  @Test
  void onlyGetIsAllowedOnAnOperation() {
    Reply reply = getOperation(new Request("DELETE", path(OP_ID), BASE, headers(null), ""), null);

    assertError(reply, 405, "MethodNotAllowed");
    assertThat(reply.headers()).containsEntry("Allow", "GET");
  }

  @Test
  void eachOperationIdHasItsOwnProgress() {
    String other = "nb:opid:UUID:00000000-0000-4000-8000-000000000001";
    StubParameters script = script("timeline", timeline("InProgress, Succeeded"), "targetEntityId", CHANNEL);

    getOperation(get(path(OP_ID)), script);

    assertThat(getOperation(get(path(other)), script).model()).containsEntry("state", "InProgress");
    assertThat(getOperation(get(path(OP_ID)), script).model()).containsEntry("state", "Succeeded");
  }

  private static void assertError(Reply reply, int status, String code) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.model()).isNull();
    assertThatJson(reply.body()).inPath("$['odata.error'].code").isEqualTo(code);
  }
}
