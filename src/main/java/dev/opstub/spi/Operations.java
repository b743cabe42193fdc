package dev.opstub.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a handler may do to the running server's operations and resources: start, poll, look at
 * and cancel operations, keep the resources they make, read the operations' clock. Every call is
 * atomic, also when several servers share one store.
 *
 * <pre>{@code
 * public Reply handle(Request request, StubParameters parameters, Operations operations) {
 *   String id = request.path().substring(request.path().lastIndexOf('/') + 1);
 *   return operations.serve(request, parameters, "demo", id, null, answers);
 * }
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
public interface Operations {

  /**
   * Serves one poll of {@code id} of {@code request}: advances the operation by exactly one poll
   * and answers what it saw (not found, the API's error for a fault step, or its status), recorded
   * in the poll history.
   *
   * @param parameters the stub's parameters ({@code retryAfter} is recorded with the answer)
   * @param createIfAbsent what the operation is made of when it is not live (a stub's script), or
   *     {@code null}: then only live operations answer
   */
  Reply serve(Request request, StubParameters parameters, String api, String id, OperationSpec createIfAbsent,
      Answers answers);

  /**
   * {@link #serve(Request, StubParameters, String, String, OperationSpec, Answers)} without the
   * request: the poll is recorded in the history after it is answered, from the answer, rather
   * than in the same atomic step (so a shared store records no guess to amend). Prefer the form
   * with the request for a client's status poll.
   */
  Reply serve(String api, String id, OperationSpec createIfAbsent, Answers answers);

  /**
   * Answers a look at {@code id}: the step its last poll saw (or a later one, when a timed step ran
   * out since), rendered as a status; a fault step shows the phase it sits in. Counts no poll.
   */
  Reply look(String api, String id, Answers answers);

  /** An operation as it stands now, without counting a poll. */
  Optional<OperationView> find(String api, String id);

  /** Creates an operation, replacing any with the same id in that API; returns it as it stands. */
  OperationView put(String api, OperationSpec spec);

  /**
   * Creates an operation unless one with that id is live in that API, in one atomic step: of any
   * number of concurrent starts of one id, exactly one creates it, and every other one gets that
   * operation as it stands (no poll counted), with the {@link OperationSpec#caller()} that created
   * it, to tell a retry from another call. An operation that has expired is replaced.
   */
  Started start(String api, OperationSpec spec);

  /**
   * What {@link #start} found or made.
   *
   * @param operation the live operation as it stands
   * @param created whether this start created it
   * @param caller the {@link OperationSpec#caller()} of the start that created it, or {@code null}
   */
  record Started(OperationView operation, boolean created, String caller) {}

  /**
   * Cancels an operation: one that has not finished stands on {@code canceled} from now on,
   * keeping its creation time, poll count and history; one that has finished stays as it is.
   * Either way it is returned as it stands, without counting a poll.
   *
   * @param canceled the API's canceled status step (phase {@code CANCELED})
   * @return the operation, or empty when there is no such operation or it has expired
   */
  Optional<OperationView> cancel(String api, String id, Step canceled);

  /**
   * Forgets one operation and its poll history (a client deleted it): later polls find no such
   * operation, unless a stub's script makes it again.
   *
   * @return {@code false} when it was not live
   */
  boolean remove(String api, String id);

  /**
   * One page of the live operations of {@code api}, ordered by id: at most {@code limit} whose ids
   * sort after {@code after} (from the first when {@code after} is {@code null}). A page may come
   * back shorter while more follow (an operation expired as it was read): the list ends at an
   * empty page.
   */
  List<OperationView> operations(String api, String after, int limit);

  /**
   * A resource an operation made (a snapshot, a deployment): the owning API's JSON text, or
   * empty.
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

  /** The operations' clock (tests may freeze and advance it): creation times are read from it. */
  Clock clock();
}
