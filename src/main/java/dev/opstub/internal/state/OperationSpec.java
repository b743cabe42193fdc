package dev.opstub.internal.state;

import dev.opstub.internal.timeline.Timeline;
import java.time.Duration;
import java.util.Objects;

/**
 * What a new operation is made of; it is created at the state's clock time.
 *
 * @param id the operation id, normalised by its API
 * @param timeline the steps it goes through
 * @param target Face {@code resourceLocation}, Media {@code TargetEntityId}, or {@code null}
 * @param expireAfter how long it stays visible once finished, or {@code null} for ever
 */
public record OperationSpec(String id, Timeline timeline, String target, Duration expireAfter) {

  public OperationSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timeline, "timeline");
    if (expireAfter != null && (expireAfter.isNegative() || expireAfter.isZero())) {
      throw new IllegalArgumentException("expireAfter must be positive, was " + expireAfter);
    }
  }

  /** This spec for another id (a stub's script applied to the id a client polled). */
  public OperationSpec withId(String otherId) {
    return new OperationSpec(otherId, timeline, target, expireAfter);
  }
}
