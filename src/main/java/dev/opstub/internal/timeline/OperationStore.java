package dev.opstub.internal.timeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.opstub.spi.Poll;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The live operations of one server, bounded in number.
 *
 * <p>Operations are kept per API ({@code face}, {@code media}), so the same id in two APIs is
 * two operations. Past {@link #capacity()} Caffeine evicts by recency and frequency of use (rarely
 * polled operations go first); an evicted operation is gone, as if it had never been created
 * ("not found" to a client).
 *
 * <pre>{@code
 * OperationStore store = new OperationStore(100_000, Clock.systemUTC());
 * Operation op = store.getOrCreate(api, id, key -> new Operation(key, timeline, store.now(), null));
 * }</pre>
 */
public final class OperationStore {
  /** The default number of live operations kept. */
  public static final int DEFAULT_CAPACITY = 100_000;

  /*
   * Keyed by the operation id itself (the same String the Operation holds, so a live operation
   * costs no key of its own); the value is the Operation, which remembers the API it is kept under,
   * or, in the rare case of one id live in several APIs, a Shared holding one Operation per API.
   */
  private final Cache<String, Object> operations;
  private final Clock clock;
  private final int capacity;

  /** The operations of several APIs that have the same id (an id counts once against the capacity). */
  private record Shared(Map<String, Operation> byApi) {}

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
    Objects.requireNonNull(api, "api");
    operations.asMap().compute(operation.id(), (id, current) -> with(current, api, operation));
    return operation;
  }

  /**
   * The operation with this id, created by {@code factory} (called with the id, at most once even
   * under concurrent calls) if it is not live.
   */
  public Operation getOrCreate(String api, String id, Function<String, Operation> factory) {
    Objects.requireNonNull(api, "api");
    Operation live = of(operations.get(id, key -> with(null, api, factory.apply(id))), api);
    if (live != null) {
      return live;
    }
    // The id is live in another API: add this API's operation beside it.
    Operation[] result = new Operation[1];
    operations.asMap().compute(id, (key, current) -> {
      result[0] = of(current, api);
      if (result[0] != null) {
        return current;
      }
      result[0] = factory.apply(id);
      return with(current, api, result[0]);
    });
    return result[0];
  }

  /** What {@link #start} found or made, and whether it made it. */
  public record Started(Operation operation, boolean created) {}

  /**
   * The live operation with this id, or, when there is none or it has expired, a new one made by
   * {@code factory}: in one atomic step, so that of concurrent starts of one id exactly one makes it.
   */
  public Started start(String api, String id, Function<String, Operation> factory) {
    Objects.requireNonNull(api, "api");
    Started[] result = new Started[1];
    operations.asMap().compute(id, (key, current) -> {
      Operation live = of(current, api);
      if (live != null && !live.isExpired(clock.instant())) {
        result[0] = new Started(live, false);
        return current;
      }
      result[0] = new Started(factory.apply(id), true);
      return with(current, api, result[0].operation());
    });
    return result[0];
  }

  /**
   * Serves one poll, at the store's clock, of the operation with this id: created by {@code
   * factory} when it is not live and a factory is given. {@code null} when there is no such
   * operation or it has expired (an expired one stays as a tombstone, so a scripted id is not
   * created again).
   */
  public Poll poll(String api, String id, Function<String, Operation> factory) {
    Operation operation = factory == null ? find(api, id).orElse(null) : getOrCreate(api, id, factory);
    Instant now = clock.instant();
    return operation == null || operation.isExpired(now) ? null : operation.poll(now);
  }

  public Optional<Operation> find(String api, String id) {
    return Optional.ofNullable(of(operations.getIfPresent(id), api));
  }

  public boolean remove(String api, String id) {
    boolean[] removed = new boolean[1];
    operations.asMap().computeIfPresent(id, (key, current) -> {
      Object rest = without(current, api);
      removed[0] = rest != current;
      return rest;
    });
    return removed[0];
  }

  /** A live operation with the API it belongs to. */
  public record Live(String api, Operation operation) {}

  /** Every live operation, in no particular order. */
  public List<Live> list() {
    List<Live> live = new ArrayList<>();
    operations.asMap().values().forEach(value -> {
      if (value instanceof Operation operation) {
        live.add(new Live(operation.storedApi(), operation));
      } else {
        ((Shared) value).byApi().forEach((api, operation) -> live.add(new Live(api, operation)));
      }
    });
    return live;
  }

  public void clear() {
    operations.invalidateAll();
  }

  /**
   * The number of live operations (approximate while evictions are pending; an id live in several
   * APIs counts once).
   */
  public long size() {
    operations.cleanUp();
    return operations.estimatedSize();
  }

  /** The operation of {@code api} in a stored value, or {@code null}. */
  private static Operation of(Object value, String api) {
    if (value instanceof Operation operation) {
      return api.equals(operation.storedApi()) ? operation : null;
    }
    return value == null ? null : ((Shared) value).byApi().get(api);
  }

  /** {@code value} with {@code operation} as the operation of {@code api}. */
  private static Object with(Object value, String api, Operation operation) {
    boolean tagged = operation.claimApi(api).equals(api);
    if (value == null || of(value, api) == value) {
      return tagged ? operation : new Shared(Map.of(api, operation));
    }
    Map<String, Operation> byApi = new HashMap<>(apis(value));
    byApi.put(api, operation);
    return new Shared(Map.copyOf(byApi));
  }

  /** {@code value} without the operation of {@code api} ({@code null} if nothing is left). */
  private static Object without(Object value, String api) {
    if (of(value, api) == null) {
      return value;
    }
    Map<String, Operation> byApi = new HashMap<>(apis(value));
    byApi.remove(api);
    if (byApi.isEmpty()) {
      return null;
    }
    if (byApi.size() == 1) {
      Map.Entry<String, Operation> only = byApi.entrySet().iterator().next();
      if (only.getKey().equals(only.getValue().storedApi())) {
        return only.getValue();
      }
    }
    return new Shared(Map.copyOf(byApi));
  }

  private static Map<String, Operation> apis(Object value) {
    if (value instanceof Operation operation) {
      return Map.of(operation.storedApi(), operation);
    }
    return ((Shared) value).byApi();
  }
}
