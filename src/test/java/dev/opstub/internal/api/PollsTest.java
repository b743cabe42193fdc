package dev.opstub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.opstub.internal.face.FaceStatuses;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.state.PollRecord;
import dev.opstub.internal.state.RedisState;
import dev.opstub.internal.state.State;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Answers;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.StubParameters;
import dev.opstub.testing.RedisProcess;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollsTest {
  private static final String ID = "0d0d0d0d-0000-4000-8000-000000000001";

  /** An API whose "not found" is a 410, though it says 404 before the poll. */
  private static final Answers GUESSES_WRONG = new Answers() {
    @Override
    public Reply notFound() {
      return Reply.text(410, Map.of(), "gone");
    }

    @Override
    public int notFoundStatus() {
      return 404;
    }

    @Override
    public Reply httpError(int status) {
      return Reply.text(status, Map.of(), "");
    }

    @Override
    public Reply status(Poll poll) {
      return Reply.text(200, Map.of(), poll.step().status());
    }

    @Override
    public String statusName(Poll poll) {
      return poll.step().status();
    }
  };

  @Test
  void aPollOfNoOperationIsRecordedWithTheStatusItWasAnsweredThoughTheApiSaidAnotherBeforehand() {
    State state = new InMemoryState(10);
    Request request = new Request("GET", "/operations/" + ID, "http://127.0.0.1", Map.of("k", "v"), "");

    Reply reply = Polls.serve(state, request, StubParameters.NONE, "face", ID, null, GUESSES_WRONG);

    assertThat(reply.status()).isEqualTo(410);
    assertThat(state.polls("face", ID)).extracting(PollRecord::httpStatus).containsExactly(410);
    reply.polled().recorded().answeredInstead(503);
    assertThat(state.polls("face", ID)).as("the entry the reply carries is the one recorded, amended in place")
        .extracting(PollRecord::httpStatus).containsExactly(503);
  }

  /**
   * An API that spells a status after its operation (a camelCase Azure operation): before the
   * poll it can only guess from the phase.
   */
  private static final Answers SPELLED_BY_OPERATION = new Answers() {
    @Override
    public Reply notFound() {
      return Reply.text(404, Map.of(), "");
    }

    @Override
    public Reply httpError(int status) {
      return Reply.text(status, Map.of(), "");
    }

    @Override
    public Reply status(Poll poll) {
      return Reply.text(200, Map.of(), statusName(poll));
    }

    @Override
    public String statusName(Poll poll) {
      String status = poll.step().status();
      return "camel".equals(poll.target()) ? Character.toLowerCase(status.charAt(0)) + status.substring(1)
          : Character.toUpperCase(status.charAt(0)) + status.substring(1);
    }

    @Override
    public String statusName(Phase phase) {
      return phase == Phase.RUNNING ? "Running" : "Succeeded";
    }
  };

  @Test
  void aPollSpelledByItsOperationIsInTheHistoryOnceAsServedOnEveryStore() {
    try (RedisProcess redis = RedisProcess.start()) {
      for (State state : List.of(new InMemoryState(10), new RedisState(URI.create(redis.url()), Apis.builtIn()::statuses))) {
        OperationSpec spec = new OperationSpec(ID, TimelineParser.parse("running, succeeded", FaceStatuses.INSTANCE),
            "camel", null);
        Request request = new Request("GET", "/operations/" + ID, "http://127.0.0.1", Map.of("k", "v"), "");

        List<Reply> replies = List.of(
            Polls.serve(state, request, StubParameters.NONE, "face", ID, spec, SPELLED_BY_OPERATION),
            Polls.serve(state, request, StubParameters.NONE, "face", ID, spec, SPELLED_BY_OPERATION));

        assertThat(replies).extracting(Reply::body).as(state.getClass().getSimpleName()).containsExactly("running", "succeeded");
        assertThat(state.polls("face", ID)).as(state.getClass().getSimpleName()).extracting(PollRecord::status)
            .containsExactly("running", "succeeded");
        replies.get(1).polled().recorded().answeredInstead(500);
        assertThat(state.polls("face", ID)).as("the second reply carries the second entry, served an error instead")
            .extracting(PollRecord::httpStatus, PollRecord::status).containsExactly(tuple(200, "running"), tuple(500, null));
      }
    }
  }
}
