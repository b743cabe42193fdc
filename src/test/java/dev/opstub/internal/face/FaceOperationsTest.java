package dev.opstub.internal.face;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaceOperationsTest {
  private static final String ID = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static final Map<String, String> KEY = Map.of("Ocp-Apim-Subscription-Key", "k");
  private final InMemoryState store = new InMemoryState(100, Clock.fixed(Instant.parse("2018-12-25T11:41:02.2331413Z"), ZoneOffset.UTC));

  private Reply getStatus(Request request, StubParameters parameters) {
    return FaceOperations.INSTANCE.handle(request, parameters == null ? StubParameters.NONE : parameters, new StateOperations(store));
  }

  private static StubParameters script(Object... keysAndValues) {
    Map<String, Object> raw = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        raw.put((String) keysAndValues[i], keysAndValues[i + 1] instanceof Timeline t ? t.notation() : keysAndValues[i + 1]);
      }
    }
    return StubParameters.read(FaceOperations.INSTANCE, raw);
  }
  private final StubParameters script = script("timeline", "running x2, succeeded",
      "resourceLocation", "/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc");

  private static Request get(String path, Map<String, String> headers) {
    return Request.get(path, "http://127.0.0.1:1", headers);
  }

  @Test
  void aMissingOrEmptySubscriptionKeyIs401WithTheDocumentedMessage() {
    for (Map<String, String> headers : java.util.List.of(Map.<String, String>of(), Map.of("Ocp-Apim-Subscription-Key", " "))) {
      Reply reply = getStatus(get("/face/v1.0-preview/operations/" + ID, headers), script);

      assertThat(reply.status()).isEqualTo(401);
      assertThatJson(reply.body()).isEqualTo(
          "{\"error\":{\"code\":\"401\",\"message\":\"" + FaceErrors.UNAUTHORIZED_MESSAGE + "\"}}");
    }
    assertThat(store.find(FaceApi.NAME, ID)).as("a refused poll creates nothing").isEmpty();
  }

  @Test
  void anIdThatIsNotAUuidIs400BadArgument() {
    Reply reply = getStatus(get("/face/v1.0-preview/operations/not-a-uuid", KEY), null);

    assertThat(reply.status()).isEqualTo(400);
    assertThatJson(reply.body()).node("error.code").isEqualTo("BadArgument");
    assertThatJson(reply.body()).node("error.message").asString().contains("'not-a-uuid'", "expected a uuid");
  }

  @Test
  void anUnknownIdIs404NotFound() {
    Reply reply = getStatus(get("/face/v1.0-preview/operations/" + ID, KEY), null);

    assertThat(reply.status()).isEqualTo(404);
    assertThatJson(reply.body()).isEqualTo(
        "{\"error\":{\"code\":\"NotFound\",\"message\":\"Operation '" + ID + "' is not found.\"}}");
  }

  @Test
  void theIdIsMatchedWhateverItsCase() {
    getStatus(get("/face/v1.0-preview/operations/" + ID, KEY), script);

    Reply reply = getStatus(get("/face/v1.0-preview/operations/" + ID.toUpperCase(), KEY), null);

    assertThat(reply.model()).containsEntry("poll", 2L);
  }

  @Test
  void aScriptedIdIsCreatedOnItsFirstPollAndFollowsItsTimeline() {
    Request poll = get("/face/v1.0-preview/operations/" + ID, KEY);

    assertThat(getStatus(poll, script).model()).containsEntry("status", "running").containsEntry("resourceLocation", null);
    assertThat(getStatus(poll, script).model()).containsEntry("status", "running");
    Map<String, Object> done = getStatus(poll, script).model();
    assertThat(done).containsEntry("status", "succeeded")
        .containsEntry("resourceLocation", "/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc")
        .containsEntry("message", null)
        .containsEntry("createdTime", "2018-12-25T11:41:02.2331413Z")
        .containsEntry("finishedTime", "2018-12-25T11:41:02.2331413Z");
  }

  @Test
  void theStableDialectSpellsStatusesInLowerCaseAndHasNoFinishedTime() {
    store.put(FaceApi.NAME, new OperationSpec(ID, TimelineParser.parse("notStarted, succeeded", FaceStatuses.INSTANCE), "/snapshots/s", null));
    Request poll = get("/face/v1.0/operations/" + ID, KEY);

    assertThat(getStatus(poll, null).model()).containsEntry("status", "notstarted");
    assertThat(getStatus(poll, null).model()).containsEntry("status", "succeeded").containsEntry("finishedTime", null);
  }

  @Test
  void aFailedStepServesItsMessageOrADefaultOne() {
    store.put(FaceApi.NAME, new OperationSpec(ID, TimelineParser.parse("failed(target edited)", FaceStatuses.INSTANCE), null, null));
    String other = "f0000000-0000-4000-8000-000000000009";
    store.put(FaceApi.NAME, new OperationSpec(other, TimelineParser.parse("failed", FaceStatuses.INSTANCE), "/snapshots/s", null));

    assertThat(getStatus(get("/face/v1.0-preview/operations/" + ID, KEY), null).model())
        .containsEntry("status", "failed").containsEntry("message", "target edited");
    assertThat(getStatus(get("/face/v1.0-preview/operations/" + other, KEY), null).model())
        .containsEntry("message", FaceOperations.DEFAULT_FAILURE_MESSAGE).containsEntry("resourceLocation", null);
  }

  /**
   * Issue 23's choice: a Face failure has a message, not a code, and any text is a valid message,
   * so the Media form {@code Failed(InsufficientCapacity)} on a Face stub is a Face failure whose
   * message is that word (statuses ignore case). Refusing the 14 Media codes here would refuse
   * valid Face messages and make Face know Media's codes; a Media status Face lacks is refused.
   */
  @Test
  void aMediaErrorCodeInAFaceFailureIsTheFaceMessageAsWritten() {
    store.put(FaceApi.NAME, new OperationSpec(ID, TimelineParser.parse("running, Failed(InsufficientCapacity)",
        FaceStatuses.INSTANCE), null, null));
    Request poll = get("/face/v1.0/operations/" + ID, KEY);

    getStatus(poll, null);
    assertThat(getStatus(poll, null).model()).containsEntry("status", "failed").containsEntry("message", "InsufficientCapacity");
    assertThatThrownBy(() -> TimelineParser.parse("InProgress, Failed(InsufficientCapacity)", FaceStatuses.INSTANCE))
        .hasMessageContaining("unknown status 'InProgress' for the Face API");
  }

  @Test
  void timestampsHaveSevenFractionDigitsInUtc() {
    assertThat(FaceOperations.timestamp(Instant.parse("2018-12-25T11:51:27.87056960Z")))
        .isEqualTo("2018-12-25T11:51:27.8705696Z");
    assertThat(FaceOperations.timestamp(Instant.parse("2018-12-25T11:51:27Z")))
        .isEqualTo("2018-12-25T11:51:27.0000000Z");
  }

  @Test
  void pathsWithoutAnIdAre404() {
    assertThat(getStatus(get("/face/v1.0-preview/operations/", KEY), null).status()).isEqualTo(404);
    assertThat(getStatus(get("/face/v1.0-preview/operations", KEY), null).status()).isEqualTo(404);
  }

  /** The hand-written timestamp is the formatter's, from 1970 to 9999, to the 100 ns. */
  @Test
  void timestampsAreWhatTheFormatterWrites() {
    java.time.format.DateTimeFormatter formatter = java.time.format.DateTimeFormatter
        .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);
    java.util.Random random = new java.util.Random(13);
    long max = Instant.parse("9999-12-31T23:59:59.999999999Z").getEpochSecond();
    for (int i = 0; i < 10_000; i++) {
      Instant instant = Instant.ofEpochSecond(Math.floorMod(random.nextLong(), max + 1), random.nextInt(1_000_000_000));
      assertThat(FaceOperations.timestamp(instant)).isEqualTo(formatter.format(instant));
    }
    assertThat(FaceOperations.timestamp(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.0000000Z");
    assertThat(FaceOperations.timestamp(Instant.parse("2018-12-25T11:41:02.2331413Z")))
        .isEqualTo("2018-12-25T11:41:02.2331413Z");
  }
}
