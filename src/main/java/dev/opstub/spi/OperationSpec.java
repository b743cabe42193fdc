package dev.opstub.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * What a new operation is made of; it is created at the operations' clock time.
 *
 * <pre>{@code
 * OperationSpec spec = new OperationSpec(id, parameters.get(TIMELINE), null, null); // a stub's script
 * operations.put("demo", spec);
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 *
 * @param id the operation id, normalised by its API
 * @param timeline the steps it goes through
 * @param target what the operation keeps beside its timeline, its dialect's field (a resource's location, an
 *     entity id), or {@code null}
 * @param expireAfter how long it stays visible once finished, or {@code null} for ever
 * @param caller what identifies the call that started it, so that a start ({@link Operations#start}) tells its
 *     retries from another call (such as its method and path), or {@code null}. Kept apart from {@code
 *     target}, which may hold a user's text (the admin API's result).
 * @param startCredential whether the call that started it carried one of its API's credential
 *     headers (what the {@code sent-credential} rule holds its polls to), or {@code null} when no
 *     call started it (a stub's timeline applied to a polled id, the admin API, a test's own)
 */
public record OperationSpec(String id, Timeline timeline, String target, Duration expireAfter, String caller,
    Boolean startCredential) {

  public OperationSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timeline, "timeline");
    if (expireAfter != null && (expireAfter.isNegative() || expireAfter.isZero())) {
      throw new IllegalArgumentException("expireAfter must be positive, was " + expireAfter);
    }
  }

  /** A spec of no particular caller, not started by a call. */
  public OperationSpec(String id, Timeline timeline, String target, Duration expireAfter) {
    this(id, timeline, target, expireAfter, null, null);
  }

  /** A spec not started by a call of the client's. */
  public OperationSpec(String id, Timeline timeline, String target, Duration expireAfter, String caller) {
    this(id, timeline, target, expireAfter, caller, null);
  }

  /** This spec for the call that {@code otherCaller} identifies. */
  public OperationSpec withCaller(String otherCaller) {
    return new OperationSpec(id, timeline, target, expireAfter, otherCaller, startCredential);
  }

  /** This spec for another id (a stub's script applied to the id a client polled). */
  public OperationSpec withId(String otherId) {
    return new OperationSpec(otherId, timeline, target, expireAfter, caller, startCredential);
  }

  /** This spec started by a call that carried a credential, or did not. */
  public OperationSpec withStartCredential(boolean carried) {
    return new OperationSpec(id, timeline, target, expireAfter, caller, carried);
  }
}
