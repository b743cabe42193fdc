package dev.opstub.timeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The live operations of one server, bounded in number.
 *
 * <p>Operations are kept per API ({@code "face"}, {@code "media"}), so the same id in two APIs is
 * two operations. Past {@link #capacity()} the least recently used operations are evicted; an
 * evicted operation is gone, as if it had never been created ("not found" to a client).
 *
 * <pre>{@code
 * OperationStore store = new OperationStore(100_000, Clock.systemUTC());
 * Operation op = store.getOrCreate("face", id, key -> new Operation(key, timeline, store.now(), null));
 * }</pre>
 */
public final class OperationStore {
  /** The default number of live operations kept. */
  public static final int DEFAULT_CAPACITY = 100_000;

  private final Cache<String, Operation> operations;
  private final Clock clock;
  private final int capacity;

  public OperationStore(int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
    // Eviction runs on the calling thread, so the bound holds as soon as put returns.
    this.operations = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
  }

  public OperationStore() {
    this(DEFAULT_CAPACITY, Clock.systemUTC());
  }

  /** The store's clock: creation times and timed steps are read from it. */
  public Clock clock() {
    return clock;
  }

  public int capacity() {
    return capacity;
  }

  /** Adds an operation, replacing any with the same id in that API. */
  public Operation put(String api, Operation operation) {
    operations.put(key(api, operation.id()), operation);
    return operation;
  }

  /**
   * The operation with this id, created by {@code factory} (called with the id, at most once even
   * under concurrent calls) if it is not live.
   */
  public Operation getOrCreate(String api, String id, Function<String, Operation> factory) {
    return operations.get(key(api, id), k -> factory.apply(id));
  }

  public Optional<Operation> find(String api, String id) {
    return Optional.ofNullable(operations.getIfPresent(key(api, id)));
  }

  public boolean remove(String api, String id) {
    return operations.asMap().remove(key(api, id)) != null;
  }

  /** A live operation with the API it belongs to. */
  public record Live(String api, Operation operation) {}

  /** Every live operation, in no particular order. */
  public List<Live> list() {
    List<Live> live = new ArrayList<>();
    operations.asMap().forEach((key, operation) -> live.add(new Live(key.substring(0, key.indexOf(' ')), operation)));
    return live;
  }

  public void clear() {
    operations.invalidateAll();
  }

  /** The number of live operations (approximate while evictions are pending). */
  public long size() {
    operations.cleanUp();
    return operations.estimatedSize();
  }

  private static String key(String api, String id) {
    return api + ' ' + id;
  }
}
