package dev.opstub.internal.face;

import dev.opstub.internal.state.State;
import dev.opstub.internal.timeline.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where snapshot records live in the {@link State}, and when a snapshot exists: its take operation
 * succeeded (or was seen to succeed before it was forgotten) and its lifetime has not run out.
 */
final class SnapshotStore {
  /** The kind under which snapshots are kept in the state. */
  static final String KIND = "snapshot";

  private SnapshotStore() {}

  /** The record with this id if its snapshot exists now. */
  static Optional<SnapshotRecord> find(State state, String snapshotId) {
    String id = snapshotId.toLowerCase(Locale.ROOT);
    return state.resource(FaceApi.NAME, KIND, id).map(SnapshotRecord::fromJson).filter(record -> exists(state, record));
  }

  /** Every snapshot that exists now, in no particular order. */
  static List<Snapshot> all(State state) {
    List<Snapshot> out = new ArrayList<>();
    for (String stored : state.resources(FaceApi.NAME, KIND)) {
      SnapshotRecord record = SnapshotRecord.fromJson(stored);
      if (exists(state, record)) {
        out.add(record.snapshot());
      }
    }
    return out;
  }

  /** Stores a new record for its whole lifetime. */
  static void add(State state, SnapshotRecord record) {
    state.putResource(FaceApi.NAME, KIND, record.snapshot().id(), record.toJson(), SnapshotRecord.LIFETIME);
  }

  /** Replaces a record, keeping the lifetime its take gave it. */
  static void replace(State state, SnapshotRecord record) {
    state.putResource(FaceApi.NAME, KIND, record.snapshot().id(), record.toJson(),
        record.remainingLife(state.clock().instant()));
  }

  static void remove(State state, String snapshotId) {
    state.removeResource(FaceApi.NAME, KIND, snapshotId);
  }

  /** The path a take operation serves as {@code resourceLocation}. */
  static String location(String snapshotId) {
    return "/snapshots/" + snapshotId;
  }

  /**
   * Whether a snapshot exists now: its take operation succeeded (or a look saw it succeed before
   * the operation was forgotten), and its lifetime has not run out.
   */
  private static boolean exists(State state, SnapshotRecord record) {
    Instant now = state.clock().instant();
    Phase phase = state.find(FaceApi.NAME, record.takeOperationId()).map(take -> take.now().step().phase())
        .orElse(record.confirmed() ? Phase.SUCCEEDED : Phase.FAILED);
    if (phase == Phase.FAILED || record.isExpired(now)) {
      // Never was, or is no more: drop the record.
      remove(state, record.snapshot().id());
      return false;
    }
    if (phase == Phase.SUCCEEDED && !record.confirmed()) {
      replace(state, record.confirm());
    }
    return phase == Phase.SUCCEEDED;
  }
}
