package dev.opstub.internal.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
  private final Deque<PollRecord> polls = new ArrayDeque<>();

  public PollJournal(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  public PollJournal() {
    this(DEFAULT_CAPACITY);
  }

  public synchronized void record(PollRecord poll) {
    if (polls.size() == capacity) {
      polls.removeFirst();
    }
    polls.addLast(poll);
  }

  /** Replaces the newest poll equal to {@code recorded} by {@code served}, in its place. */
  public synchronized void replace(PollRecord recorded, PollRecord served) {
    List<PollRecord> all = new ArrayList<>(polls);
    int at = all.lastIndexOf(recorded);
    if (at >= 0) {
      all.set(at, served);
      polls.clear();
      polls.addAll(all);
    }
  }

  /** Every recorded poll, oldest first. */
  public synchronized List<PollRecord> all() {
    return List.copyOf(polls);
  }

  /** The recorded polls of one operation, oldest first. */
  public synchronized List<PollRecord> of(String api, String operationId) {
    List<PollRecord> matching = new ArrayList<>();
    for (PollRecord poll : polls) {
      if (poll.api().equals(api) && poll.operationId().equalsIgnoreCase(operationId)) {
        matching.add(poll);
      }
    }
    return matching;
  }

  public synchronized void clear() {
    polls.clear();
  }
}
