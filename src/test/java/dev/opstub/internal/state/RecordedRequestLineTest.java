package dev.opstub.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.face.FaceApi;
import dev.opstub.spi.OperationSpec;
import dev.opstub.testing.RedisProcess;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A recorded poll keeps its method, path and query as the client sent them (what the conformance
 * judgement reads), in memory and in Redis, also once amended; an entry written before they were
 * kept still reads back.
 */
class RecordedRequestLineTest {
  private static final String ID = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static RedisProcess redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  private static void pollTwiceAndAmendTheSecond(State state) {
    PollDraft draft = new PollDraft(Instant.parse("2026-01-01T00:00:00Z"), Map.of("api-key", "k"), () -> 404,
        phase -> phase.name(), Duration.ofSeconds(1), "GET", "/face/v1.0/operations/" + ID, "api-version=1&x=%3A");
    OperationSpec spec = new OperationSpec(ID, StateContract.face("running, succeeded"), null, null);
    state.poll(FaceApi.NAME, ID, spec, draft);
    state.poll(FaceApi.NAME, ID, spec, draft.withTime(draft.time().plusSeconds(1)));
    PollRecord served = state.polls(FaceApi.NAME, ID).get(1);
    state.amend(served, served.servedAs(503, null, false, null));
  }

  @Test
  void memoryAndRedisKeepTheRequestLineOfEachPollAlsoWhenAmended() {
    for (State state : List.of(new InMemoryState(100), new RedisState(URI.create(redis.url()), Apis.builtIn()::statuses))) {
      pollTwiceAndAmendTheSecond(state);

      assertThat(state.polls(FaceApi.NAME, ID)).as(state.getClass().getSimpleName())
          .extracting(PollRecord::method, PollRecord::url, PollRecord::httpStatus)
          .containsExactly(tuple("GET", "/face/v1.0/operations/" + ID + "?api-version=1&x=%3A", 200),
              tuple("GET", "/face/v1.0/operations/" + ID + "?api-version=1&x=%3A", 503));
    }
  }

  @Test
  void anEntryWithoutRequestLineReadsBackWithoutOne() {
    PollRecord old = new PollRecord(FaceApi.NAME, ID, Instant.parse("2026-01-01T00:00:00Z"), Map.of(), 200, "running",
        false, null);

    PollRecord read = RedisHistoryEntries.fromJson(RedisHistoryEntries.entry(old));

    assertThat(read).isEqualTo(old);
    assertThat(read.url()).isNull();
  }
}
