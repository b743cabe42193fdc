package dev.opstub.internal.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The most recent polls a server answered, oldest first, bounded so that a long-running
 * standalone server does not grow without end.
 *
 * <pre>{@code
 * PollJournal journal = new PollJournal();   // InMemoryState's history; RedisState keeps lists in Redis
 * journal.record(poll);
 * List<PollRecord> polls = journal.of(poll.api(), poll.operationId());
 * }</pre>
 */
public final class PollJournal {
  /** The default number of polls kept. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  /**
   * A ring, oldest at {@code head}, grown up to {@code capacity}: an amend finds its entry among
   * the newest without copying the rest (a poll whose spelling is not the phase's guess amends its entry). Full, it
   * is exactly {@code capacity} long.
   */
  private PollRecord[] ring;
  private int head;
  private int size;

  public PollJournal(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.ring = new PollRecord[Math.min(16, capacity)];
  }

  public PollJournal() {
    this(DEFAULT_CAPACITY);
  }

  public synchronized void record(PollRecord poll) {
    if (size == ring.length && size < capacity) {
      PollRecord[] grown = new PollRecord[(int) Math.min(capacity, 2L * ring.length)];
      for (int i = 0; i < size; i++) {
        grown[i] = at(i);
      }
      ring = grown;
      head = 0;
    }
    if (size == capacity) {
      ring[head] = poll;
      head = (head + 1) % ring.length;
    } else {
      ring[(head + size) % ring.length] = poll;
      size++;
    }
  }

  /** Replaces the newest poll equal to {@code recorded} by {@code served}, in its place. */
  public synchronized void replace(PollRecord recorded, PollRecord served) {
    for (int i = size - 1; i >= 0; i--) {
      int slot = (head + i) % ring.length;
      if (ring[slot].equals(recorded)) {
        ring[slot] = served;
        return;
      }
    }
  }

  /** Every recorded poll, oldest first. */
  public synchronized List<PollRecord> all() {
    List<PollRecord> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(at(i));
    }
    return Collections.unmodifiableList(out);
  }

  /** The recorded polls of one operation, oldest first. */
  public synchronized List<PollRecord> of(String api, String operationId) {
    List<PollRecord> matching = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      PollRecord poll = at(i);
      if (poll.api().equals(api) && poll.operationId().equalsIgnoreCase(operationId)) {
        matching.add(poll);
      }
    }
    return matching;
  }

  public synchronized void clear() {
    ring = new PollRecord[Math.min(16, capacity)];
    head = 0;
    size = 0;
  }

  /** The {@code i}-th oldest poll kept. */
  private PollRecord at(int i) {
    return ring[(head + i) % ring.length];
  }
}
