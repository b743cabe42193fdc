package dev.opstub.internal.api;

import dev.opstub.internal.http.FaultReplies;
import dev.opstub.internal.http.Headers;
import dev.opstub.internal.state.PollDraft;
import dev.opstub.internal.state.PollRecord;
import dev.opstub.internal.state.State;
import dev.opstub.spi.Answers;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.StubParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one way a read of an operation is served, for every API. {@link #serve} is a poll ({@link
 * Role#POLL}): one atomic poll of the state, then "not found", the API's error for a fault step, or
 * the API's rendering of the status; every answer is marked as a poll of that id so that it lands
 * in the history. {@link #look} ({@link Role#LOOK}) shows where the operation stands without
 * moving it: no step is taken, no fault is served, nothing is recorded.
 *
 * <pre>{@code
 * return Polls.serve(state, FaceApi.NAME, id, spec, new Answers() { ... }); // as Operations.serve does
 * }</pre>
 */
public final class Polls {
  private Polls() {}

  /**
   * Serves one poll of {@code id}.
   *
   * @param createIfAbsent what the operation is made of when it is not live (a stub's script), or
   *     {@code null}: then only live operations answer
   */
  public static Reply serve(State state, String api, String id, OperationSpec createIfAbsent, Answers answers) {
    return serve(state, null, null, api, id, createIfAbsent, answers);
  }

  /**
   * Serves one poll of {@code id} of {@code request} and records it in the history in the same
   * atomic step of the state (for a shared store, the same round trip).
   *
   * @param parameters the stub's parameters ({@code retryAfter} is recorded with the answer)
   */
  public static Reply serve(State state, Request request, StubParameters parameters, String api, String id,
      OperationSpec createIfAbsent, Answers answers) {
    // The spelling of each phase, asked before the poll (a shared store records it in the same
    // round trip), and the spelling as served, from the poll: the memory store records that at
    // once, a shared store amends its guess when they differ (a camelCase Azure operation).
    StatusName statusName = new StatusName(answers);
    PollDraft draft = request == null ? null : new PollDraft(Instant.now(), request.headers(), answers::notFoundStatus,
        answers::statusName, answers.retryAfter(parameters), statusName, request.method(), request.path(),
        request.query());
    Poll poll = draft == null ? state.poll(api, id, createIfAbsent) : state.poll(api, id, createIfAbsent, draft);
    PollRecord recorded = draft == null ? null : draft.recordOf(api, id, poll);
    if (poll == null) {
      Reply notFound = answers.notFound();
      if (recorded != null) {
        recorded = asServed(state, recorded, notFound.status(), null, null);
      }
      return notFound.withPolled(new Reply.Polled(api, id, null, false, amendable(state, recorded)));
    }
    if (poll.step().isFault()) {
      // Recorded with its notation (http(429), fault(connection-reset)), so assertions can name it.
      return FaultReplies.of(poll.step().fault(), answers::httpError)
          .withPolled(new Reply.Polled(api, id, poll.step().fault().notation(), false, amendable(state, recorded)))
          .withDelay(poll.delay());
    }
    String status = statusName.apply(poll);
    Reply answer = answers.status(poll);
    if (recorded != null) {
      // The draft guessed a 200 whose wait is the stub's retryAfter; an API may answer otherwise
      // (an ARM Location URL: 202 with a Retry-After of its own).
      Duration ownWait = Headers.retryAfter(answer.headers());
      recorded = asServed(state, recorded, answer.status(), status, ownWait != null ? ownWait : recorded.retryAfter());
    }
    return answer.withPolled(new Reply.Polled(api, id, status, poll.isTerminal(), amendable(state, recorded)))
        .withDelay(poll.delay());
  }

  /** {@link Answers#statusName(Poll)}, asked once per poll: the store's entry and the answer both name it. */
  private static final class StatusName implements Function<Poll, String> {
    private final Answers answers;
    private Poll named;
    private String name;

    StatusName(Answers answers) {
      this.answers = answers;
    }

    @Override
    public String apply(Poll poll) {
      if (poll != named) {
        name = answers.statusName(poll);
        named = poll;
      }
      return name;
    }
  }

  /**
   * The entry recorded with the poll, or, when the answer differs from the draft's guess (its HTTP
   * status, status name or wait), the served one, put in its place in the history.
   */
  private static PollRecord asServed(State state, PollRecord recorded, int httpStatus, String status, Duration wait) {
    if (httpStatus == recorded.httpStatus() && Objects.equals(status, recorded.status())
        && Objects.equals(wait, recorded.retryAfter())) {
      return recorded; // as guessed: every poll of most APIs, and in memory a camelCase one too
    }
    PollRecord served = recorded.servedAs(httpStatus, status, recorded.terminal(), wait);
    state.amend(recorded, served);
    return served;
  }

  /** {@code recorded} as a reply carries it: amended when the client is answered an error instead. */
  private static Reply.Recorded amendable(State state, PollRecord recorded) {
    return recorded == null ? null
        : httpStatus -> state.amend(recorded, recorded.servedAs(httpStatus, null, false, null));
  }

  /**
   * Answers a look at {@code id}: the step its last poll saw (or a later one, when a timed step ran
   * out since), rendered as a status; a fault step shows the phase it sits in. Counts no poll.
   */
  public static Reply look(State state, String api, String id, Answers answers) {
    return state.find(api, id).map(view -> answers.status(view.now())).orElseGet(answers::notFound);
  }
}
