package dev.opstub.internal.state;

import dev.opstub.spi.Fault;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * What a server knows of a poll before it is served, so that the state records the poll in the
 * same atomic step that serves it (for Redis: in the same round trip): when it came, what the
 * client sent, and how each outcome is answered.
 *
 * <pre>{@code
 * PollDraft draft = new PollDraft(Instant.now(), request.headers(), () -> 404, dialect::statusName, null);
 * Poll poll = state.poll(dialect.name(), id, spec, draft); // served and recorded at once
 * }</pre>
 *
 * @param time when the poll arrived, on the wall clock
 * @param headers the request headers (first value of each)
 * @param notFoundStatus the HTTP status of the answer when there is no such operation (the memory
 *     store asks it only for such a poll; a shared store before every poll, to record that poll in
 *     the same round trip: keep it cheap, see {@code Answers#notFoundStatus})
 * @param statusNames the status an answer of each phase shows, in the API's spelling (a status
 *     answer is a 200); a phase it cannot spell is recorded by its enum name
 * @param retryAfter the {@code Retry-After} a status answer that is not terminal carries, or {@code null}
 * @param servedNames the status a status answer shows, from the poll itself (an API whose spelling
 *     depends on more than the phase: one operation camelCase, another PascalCase), or {@code null}: as {@code
 *     statusNames}. A store records it once it has polled; a store that records before it knows the
 *     operation (Redis) records {@code statusNames}' guess and amends it in the same call
 * @param method the request's method, kept in the record (for the conformance judgement), or {@code null}
 * @param path the request path as sent, or {@code null}
 * @param query the raw query as sent, or {@code null}
 */
public record PollDraft(Instant time, Map<String, String> headers, IntSupplier notFoundStatus,
    Function<Phase, String> statusNames, Duration retryAfter, Function<Poll, String> servedNames,
    String method, String path, String query) {

  public PollDraft {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(headers, "headers"); // kept as given: the request's are looked up ignoring case
    Objects.requireNonNull(notFoundStatus, "notFoundStatus");
    Objects.requireNonNull(statusNames, "statusNames");
  }

  /** A draft whose status names depend on the phase alone. */
  public PollDraft(Instant time, Map<String, String> headers, IntSupplier notFoundStatus,
      Function<Phase, String> statusNames, Duration retryAfter) {
    this(time, headers, notFoundStatus, statusNames, retryAfter, null, null, null, null);
  }

  /** A draft whose status names may depend on the poll, and whose request line is not kept. */
  public PollDraft(Instant time, Map<String, String> headers, IntSupplier notFoundStatus,
      Function<Phase, String> statusNames, Duration retryAfter, Function<Poll, String> servedNames) {
    this(time, headers, notFoundStatus, statusNames, retryAfter, servedNames, null, null, null);
  }

  /** A draft whose status names depend on the phase alone, with the request line kept. */
  public PollDraft(Instant time, Map<String, String> headers, IntSupplier notFoundStatus,
      Function<Phase, String> statusNames, Duration retryAfter, String method, String path, String query) {
    this(time, headers, notFoundStatus, statusNames, retryAfter, null, method, path, query);
  }

  /** This draft for a poll that came at {@code other}. */
  public PollDraft withTime(Instant other) {
    return new PollDraft(other, headers, notFoundStatus, statusNames, retryAfter, servedNames, method, path, query);
  }

  /**
   * The history entry of a poll of {@code id} that saw {@code poll} ({@code null}: no such
   * operation), with the status as served: what every store holds once its {@code poll} returned.
   */
  public PollRecord recordOf(String api, String id, Poll poll) {
    if (poll == null) {
      return notFound(api, id);
    }
    if (poll.step().isFault()) {
      return faulted(api, id, poll.step().fault());
    }
    Phase phase = poll.step().phase();
    return servedNames == null ? answered(api, id, phase) : answered(api, id, phase, servedNames.apply(poll));
  }

  PollRecord notFound(String api, String id) {
    return new PollRecord(api, id, time, headers, notFoundStatus.getAsInt(), null, false, null, method, path, query);
  }

  /** A fault step: its HTTP error (a broken connection is recorded as a 500) and its notation. */
  PollRecord faulted(String api, String id, Fault fault) {
    return new PollRecord(api, id, time, headers, fault.kind() == Fault.Kind.HTTP ? fault.httpStatus() : 500,
        fault.notation(), false, fault.retryAfter(), method, path, query);
  }

  /** A status answer as guessed from its phase alone (what a store records before it polls). */
  PollRecord answered(String api, String id, Phase phase) {
    return answered(api, id, phase, statusName(phase));
  }

  private PollRecord answered(String api, String id, Phase phase, String status) {
    return new PollRecord(api, id, time, headers, 200, status, phase.isTerminal(), phase.isTerminal() ? null : retryAfter,
        method, path, query);
  }

  /**
   * The API's spelling of {@code phase}; its enum name for a phase the API has no status for (a
   * shared store asks for every phase before the poll, though such a phase is never served).
   */
  private String statusName(Phase phase) {
    try {
      return statusNames.apply(phase);
    } catch (RuntimeException noSuchStatus) {
      return phase.name();
    }
  }
}
