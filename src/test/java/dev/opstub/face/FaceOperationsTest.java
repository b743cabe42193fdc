package dev.opstub.face;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.http.ApiReply;
import dev.opstub.http.ApiRequest;
import dev.opstub.timeline.Operation;
import dev.opstub.timeline.OperationStore;
import dev.opstub.timeline.TimelineParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaceOperationsTest {
  private static final String ID = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static final Map<String, String> KEY = Map.of("Ocp-Apim-Subscription-Key", "k");
  private final OperationStore store =
      new OperationStore(100, Clock.fixed(Instant.parse("2018-12-25T11:41:02.2331413Z"), ZoneOffset.UTC));
  private final FaceOperations face = new FaceOperations(store);
  private final FaceOperations.Script script = new FaceOperations.Script(
      TimelineParser.parse("running x2, succeeded", FaceStatuses.INSTANCE), "/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc");

  private static ApiRequest get(String path, Map<String, String> headers) {
    return ApiRequest.get(path, "http://127.0.0.1:1", headers);
  }

  @Test
  void aMissingOrEmptySubscriptionKeyIs401WithTheDocumentedMessage() {
    for (Map<String, String> headers : java.util.List.of(Map.<String, String>of(), Map.of("Ocp-Apim-Subscription-Key", " "))) {
      ApiReply reply = face.getStatus(get("/face/v1.0-preview/operations/" + ID, headers), script);

      assertThat(reply.status()).isEqualTo(401);
      assertThatJson(reply.body()).isEqualTo(
          "{\"error\":{\"code\":\"401\",\"message\":\"" + FaceErrors.UNAUTHORIZED_MESSAGE + "\"}}");
    }
    assertThat(store.find(FaceOperations.API, ID)).as("a refused poll creates nothing").isEmpty();
  }

  @Test
  void anIdThatIsNotAUuidIs400BadArgument() {
    ApiReply reply = face.getStatus(get("/face/v1.0-preview/operations/not-a-uuid", KEY), null);

    assertThat(reply.status()).isEqualTo(400);
    assertThatJson(reply.body()).node("error.code").isEqualTo("BadArgument");
    assertThatJson(reply.body()).node("error.message").asString().contains("'not-a-uuid'", "expected a uuid");
  }

  @Test
  void anUnknownIdIs404NotFound() {
    ApiReply reply = face.getStatus(get("/face/v1.0-preview/operations/" + ID, KEY), null);

    assertThat(reply.status()).isEqualTo(404);
    assertThatJson(reply.body()).isEqualTo(
        "{\"error\":{\"code\":\"NotFound\",\"message\":\"Operation '" + ID + "' is not found.\"}}");
  }

  @Test
  void theIdIsMatchedWhateverItsCase() {
    face.getStatus(get("/face/v1.0-preview/operations/" + ID, KEY), script);

    ApiReply reply = face.getStatus(get("/face/v1.0-preview/operations/" + ID.toUpperCase(), KEY), null);

    assertThat(reply.model()).containsEntry("poll", 2L);
  }

  @Test
  void aScriptedIdIsCreatedOnItsFirstPollAndFollowsItsTimeline() {
    ApiRequest poll = get("/face/v1.0-preview/operations/" + ID, KEY);

    assertThat(face.getStatus(poll, script).model()).containsEntry("status", "running").containsEntry("resourceLocation", null);
    assertThat(face.getStatus(poll, script).model()).containsEntry("status", "running");
    Map<String, Object> done = face.getStatus(poll, script).model();
    assertThat(done).containsEntry("status", "succeeded")
        .containsEntry("resourceLocation", "/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc")
        .containsEntry("message", null)
        .containsEntry("createdTime", "2018-12-25T11:41:02.2331413Z")
        .containsEntry("finishedTime", "2018-12-25T11:41:02.2331413Z");
  }

  @Test
  void theStableDialectSpellsStatusesInLowerCaseAndHasNoFinishedTime() {
    store.put(FaceOperations.API, new Operation(ID,
        TimelineParser.parse("notStarted, succeeded", FaceStatuses.INSTANCE), store.clock().instant(), "/snapshots/s"));
    ApiRequest poll = get("/face/v1.0/operations/" + ID, KEY);

    assertThat(face.getStatus(poll, null).model()).containsEntry("status", "notstarted");
    assertThat(face.getStatus(poll, null).model()).containsEntry("status", "succeeded").containsEntry("finishedTime", null);
  }

  @Test
  void aFailedStepServesItsMessageOrADefaultOne() {
    store.put(FaceOperations.API, new Operation(ID,
        TimelineParser.parse("failed(target edited)", FaceStatuses.INSTANCE), store.clock().instant(), null));
    String other = "f0000000-0000-4000-8000-000000000009";
    store.put(FaceOperations.API, new Operation(other,
        TimelineParser.parse("failed", FaceStatuses.INSTANCE), store.clock().instant(), "/snapshots/s"));

    assertThat(face.getStatus(get("/face/v1.0-preview/operations/" + ID, KEY), null).model())
        .containsEntry("status", "failed").containsEntry("message", "target edited");
    assertThat(face.getStatus(get("/face/v1.0-preview/operations/" + other, KEY), null).model())
        .containsEntry("message", FaceOperations.DEFAULT_FAILURE_MESSAGE).containsEntry("resourceLocation", null);
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
    assertThat(face.getStatus(get("/face/v1.0-preview/operations/", KEY), null).status()).isEqualTo(404);
    assertThat(face.getStatus(get("/face/v1.0-preview/operations", KEY), null).status()).isEqualTo(404);
  }
}
