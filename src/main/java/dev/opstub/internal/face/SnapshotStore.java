package dev.opstub.internal.face;

import dev.opstub.spi.Operations;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where snapshot records live in the {@link Operations}, and when a snapshot exists: its take operation
 * succeeded (or was seen to succeed before it was forgotten) and its lifetime has not run out.
 *
 * <p>Reads ({@link #find}, {@link #all}) only compute that answer and never write. A record is
 * confirmed or dropped by calls that change state anyway: {@link #settle} in the poll that sees the
 * take end, {@link #confirm} in an apply; an update rewrites it confirmed. Expired records are left
 * to the store's time to live (or its size bound, in memory); reads skip them.
 */
final class SnapshotStore {
  /** The kind under which snapshots are kept in the state. */
  static final String KIND = "snapshot";
  private static final String TARGET_PREFIX = "/snapshots/";

  private SnapshotStore() {}

  /** The record with this id if its snapshot exists now. */
  static Optional<SnapshotRecord> find(Operations operations, String snapshotId) {
    String id = snapshotId.toLowerCase(Locale.ROOT);
    return operations.resource(FaceApi.NAME, KIND, id).map(SnapshotRecord::fromJson)
        .filter(record -> exists(operations, record));
  }

  /** Every snapshot that exists now, in no particular order. */
  static List<Snapshot> all(Operations operations) {
    List<Snapshot> out = new ArrayList<>();
    for (String stored : operations.resources(FaceApi.NAME, KIND)) {
      SnapshotRecord record = SnapshotRecord.fromJson(stored);
      if (exists(operations, record)) {
        out.add(record.snapshot());
      }
    }
    return out;
  }

  /** Stores a new record for its whole lifetime. */
  static void add(Operations operations, SnapshotRecord record) {
    operations.putResource(FaceApi.NAME, KIND, record.snapshot().id(), record.toJson(), SnapshotRecord.LIFETIME);
  }

  /** Replaces a record, keeping the lifetime its take gave it. */
  static void replace(Operations operations, SnapshotRecord record) {
    operations.putResource(FaceApi.NAME, KIND, record.snapshot().id(), record.toJson(),
        record.remainingLife(operations.clock().instant()));
  }

  static void remove(Operations operations, String snapshotId) {
    operations.removeResource(FaceApi.NAME, KIND, snapshotId);
  }

  /** The path a take operation serves as {@code resourceLocation}. */
  static String location(String snapshotId) {
    return TARGET_PREFIX + snapshotId;
  }

  /**
   * Records for good what a poll saw of a take operation: succeeded confirms its snapshot (so it
   * outlives the operation), failed or canceled drops the record. Other operations are left alone.
   */
  static void settle(Operations operations, Poll poll) {
    String target = poll.target();
    if (target == null || !target.startsWith(TARGET_PREFIX) || !poll.isTerminal()) {
      return;
    }
    String id = target.substring(TARGET_PREFIX.length());
    Optional<SnapshotRecord> record = operations.resource(FaceApi.NAME, KIND, id).map(SnapshotRecord::fromJson)
        // A stub may point any operation at a snapshot path; only the take decides.
        .filter(r -> r.takeOperationId().equals(poll.operationId()));
    if (record.isEmpty()) {
      return;
    }
    switch (poll.step().phase()) {
      case SUCCEEDED -> confirm(operations, record.get());
      case FAILED, CANCELED -> remove(operations, id);
      case NOT_STARTED, RUNNING -> { }
    }
  }

  /** Marks a record whose take succeeded, so its snapshot outlives the take operation. */
  static void confirm(Operations operations, SnapshotRecord record) {
    if (!record.confirmed() && !record.isExpired(operations.clock().instant())) {
      replace(operations, record.confirm());
    }
  }

  /** Whether a record's snapshot exists now; reads only. */
  private static boolean exists(Operations operations, SnapshotRecord record) {
    if (record.isExpired(operations.clock().instant())) {
      return false;
    }
    Phase phase = operations.find(FaceApi.NAME, record.takeOperationId()).map(take -> take.now().step().phase())
        .orElse(record.confirmed() ? Phase.SUCCEEDED : Phase.FAILED);
    return phase == Phase.SUCCEEDED;
  }
}
