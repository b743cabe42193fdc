package dev.opstub.internal.state;

import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything that changes while a server runs, behind one owner with one {@link #reset()}: the
 * operations and their progress, the resources operations make, the poll history and the
 * operations' clock.
 *
 * <p>The calls are shaped for a store that several servers may share (no Java object is handed
 * out to be locked or changed): one atomic {@link #poll} that returns what the poll saw, plain
 * get/put/remove of resources as opaque JSON text, an append for the history. The API packages
 * reach state only through this interface, so a second backend replaces {@link InMemoryState}
 * without touching them.
 *
 * <pre>{@code
 * State state = new InMemoryState(100_000);
 * state.put("demo", new OperationSpec(id, timeline, null, null));
 * Poll first = state.poll("demo", id, null); // first.step().status() == "working"
 * state.reset();                                         // nothing of any kind is left
 * }</pre>
 */
public interface State {

  /**
   * Serves one poll of an operation, atomically: advances it by exactly one poll and returns what
   * that poll saw. When the operation is not live and {@code createIfAbsent} is given, it is
   * created from it first (at most once, also under concurrent polls).
   *
   * @return the poll, or {@code null} when there is no such operation or it has expired
   */
  Poll poll(String api, String id, OperationSpec createIfAbsent);

  /**
   * {@link #poll(String, String, OperationSpec)}, and records the poll in the history in the same
   * atomic step (for a shared store, the same round trip): what it saw, answered as {@code record}
   * says. Whatever the store's latency, the poll is counted and recorded once. When it returns,
   * the history holds {@code record.recordOf(api, id, poll)}.
   */
  Poll poll(String api, String id, OperationSpec createIfAbsent, PollDraft record);

  /** Creates an operation, replacing any with the same id in that API; returns it as it stands. */
  OperationView put(String api, OperationSpec spec);

  /**
   * Creates an operation unless one with that id is live in that API, in one atomic step (for a
   * shared store, one round trip): of any number of concurrent starts of one id, exactly one
   * creates it, and every other one gets that operation as it stands (no poll counted), with the
   * {@link OperationSpec#caller()} that created it, to tell a retry from another call. An
   * operation that has expired is replaced, as if it were not there.
   */
  Operations.Started start(String api, OperationSpec spec);


  /**
   * Cancels an operation in one atomic step with its polls: one that has not finished (as a look
   * sees it now) stands on {@code canceled} from now on, keeping its creation time, its poll count,
   * the step it was canceled on and its history; one that has finished stays as it is. Either way
   * it is returned as it stands, without counting a poll; a later poll counts and answers {@code
   * canceled}, and a canceled operation expires as a finished one does.
   *
   * @param canceled the API's canceled status step (phase {@code CANCELED})
   * @return the operation, or empty when there is no such operation or it has expired
   */
  Optional<OperationView> cancel(String api, String id, Step canceled);

  /** An operation as it stands now, without counting a poll. */
  Optional<OperationView> find(String api, String id);

  /** Forgets one operation; {@code false} when it was not live. */
  boolean remove(String api, String id);

  /** Every live operation, in no particular order. */
  List<OperationView> operations();

  /**
   * One page of the live operations, ordered by API and then id: the first {@code limit} after
   * {@code after} (or from the first, when {@code after} is {@code null}).
   *
   * @param after the API and id the previous page ended with, or {@code null}
   */
  List<OperationView> operations(OperationKey after, int limit);

  /** Where a page of {@link #operations(OperationKey, int)} ends: an API and an id. */
  record OperationKey(String api, String id) implements Comparable<OperationKey> {
    @Override
    public int compareTo(OperationKey other) {
      int byApi = api.compareTo(other.api);
      return byApi != 0 ? byApi : id.compareTo(other.id);
    }
  }

  /** The number of live operations a server keeps before it forgets the least used. */
  int capacity();

  /**
   * A resource an operation made (a snapshot, a deployment, a built model): the owning API's
   * JSON text, or empty.
   *
   * @param api the API that owns it
   * @param kind what it is, in that API's words ({@code snapshot}); APIs keep kinds apart
   * @param id its id within the kind
   */
  Optional<String> resource(String api, String kind, String id);

  /**
   * Stores a resource, replacing any of that API and kind with that id.
   *
   * @param timeToLive how long the store must keep it at least (a shared store expires it then)
   */
  void putResource(String api, String kind, String id, String json, Duration timeToLive);

  /** Forgets a resource; {@code false} when there was none. */
  boolean removeResource(String api, String kind, String id);

  /** Every resource of one API and kind, in no particular order. */
  List<String> resources(String api, String kind);

  /** Appends one poll to the history (bounded: the oldest are forgotten first). */
  void record(PollRecord poll);

  /**
   * Replaces a recorded poll by what was served in the end (the answer failed after the state
   * recorded the poll); nothing when it is no longer kept.
   */
  void amend(PollRecord recorded, PollRecord served);

  /** The recorded polls of one operation, oldest first. */
  List<PollRecord> polls(String api, String id);

  /** Every recorded poll, oldest first. */
  List<PollRecord> polls();

  /** The operations' clock: creation times and timed steps are read from it. */
  Clock clock();

  /**
   * Stops the clock at {@code at}, or where it stands when {@code at} is {@code null}.
   *
   * @throws IllegalArgumentException for an instant outside the clock's range (the years 1970 to
   *     9999); the clock is then left as it was
   */
  void freezeClock(Instant at);

  /**
   * Moves the clock forward, frozen or not.
   *
   * @throws IllegalArgumentException for a negative span or one past the clock's range (the years
   *     1970 to 9999); the clock is then left as it was
   */
  void advanceClock(Duration by);

  /** Lets the clock run again from where it stands. */
  void resumeClock();

  /** Whether the clock is frozen. */
  boolean isClockFrozen();

  /** Forgets every operation, snapshot and poll, and puts the clock back on real time. */
  void reset();
}
