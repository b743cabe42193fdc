package dev.opstub.internal.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.opstub.internal.timeline.ControllableClock;
import dev.opstub.internal.timeline.Operation;
import dev.opstub.internal.timeline.OperationStore;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The default {@link State}: everything in this JVM, bounded in size, lost when it stops.
 *
 * <p>Operations live in an {@link OperationStore} (each guarded by its own lock, so polls of
 * different operations never wait on each other), resources in a bounded cache of as many
 * records as the store keeps operations, the history in a {@link PollJournal}, and the clock is a
 * {@link ControllableClock}.
 */
public final class InMemoryState implements State {
  private final ControllableClock clock;
  private final OperationStore operations;
  /** Resources by {@link ResourceKey}. */
  private final Cache<ResourceKey, String> resources;
  private final PollJournal journal = new PollJournal();

  /** A state of at most {@code capacity} live operations, on real time until frozen. */
  public InMemoryState(int capacity) {
    this(capacity, Clock.systemUTC());
  }

  /** A state whose clock runs on {@code base} until frozen (tests start it at a fixed instant). */
  public InMemoryState(int capacity, Clock base) {
    this.clock = new ControllableClock(base);
    this.operations = new OperationStore(capacity, clock);
    // Eviction runs on the calling thread, as in OperationStore, so the bound holds at once.
    this.resources = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
  }

  @Override
  public Poll poll(String api, String id, OperationSpec createIfAbsent) {
    return operations.poll(api, id, createIfAbsent == null ? null : key -> operation(createIfAbsent.withId(key)));
  }

  @Override
  public Poll poll(String api, String id, OperationSpec createIfAbsent, PollDraft record) {
    Poll poll = poll(api, id, createIfAbsent);
    journal.record(record.recordOf(api, id, poll));
    return poll;
  }

  @Override
  public OperationView put(String api, OperationSpec spec) {
    return view(api, operations.put(api, operation(spec)));
  }

  @Override
  public Operations.Started start(String api, OperationSpec spec) {
    OperationStore.Started started = operations.start(api, spec.id(), key -> operation(spec));
    return new Operations.Started(view(api, started.operation()), started.created(), started.operation().caller());
  }

  @Override
  public Optional<OperationView> cancel(String api, String id, Step canceled) {
    return operations.find(api, id).flatMap(operation -> Optional.ofNullable(operation.cancel(clock.instant(), canceled))
        .map(now -> new OperationView(api, operation.timeline(), now, operation.startCredential())));
  }

  @Override
  public Optional<OperationView> find(String api, String id) {
    return operations.find(api, id).map(operation -> view(api, operation));
  }

  @Override
  public boolean remove(String api, String id) {
    return operations.remove(api, id);
  }

  @Override
  public List<OperationView> operations() {
    List<OperationView> out = new ArrayList<>();
    for (OperationStore.Live live : operations.list()) {
      out.add(view(live.api(), live.operation()));
    }
    return out;
  }

  @Override
  public List<OperationView> operations(OperationKey after, int limit) {
    // A page is cut from the sorted keys, so that its views are made for that page only (a loop:
    // the trace pages ask this in a test JVM's first report, where a stream's classes cost).
    List<OperationKey> keys = new ArrayList<>();
    for (OperationStore.Live live : operations.list()) {
      OperationKey key = new OperationKey(live.api(), live.operation().id());
      if (after == null || key.compareTo(after) > 0) {
        keys.add(key);
      }
    }
    Collections.sort(keys);
    List<OperationView> out = new ArrayList<>();
    for (int i = 0; i < keys.size() && i < limit; i++) {
      find(keys.get(i).api(), keys.get(i).id()).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  @Override
  public int capacity() {
    return operations.capacity();
  }

  private record ResourceKey(String api, String kind, String id) {}

  @Override
  public Optional<String> resource(String api, String kind, String id) {
    return Optional.ofNullable(resources.getIfPresent(new ResourceKey(api, kind, id)));
  }

  @Override
  public void putResource(String api, String kind, String id, String json, Duration timeToLive) {
    // The owning API checks the lifetime itself on every read (on this clock, which a test may
    // freeze), so the bound on the number of records is all this store adds.
    resources.put(new ResourceKey(api, kind, id), json);
  }

  @Override
  public boolean removeResource(String api, String kind, String id) {
    return resources.asMap().remove(new ResourceKey(api, kind, id)) != null;
  }

  @Override
  public List<String> resources(String api, String kind) {
    List<String> out = new ArrayList<>();
    resources.asMap().forEach((key, json) -> {
      if (key.api().equals(api) && key.kind().equals(kind)) {
        out.add(json);
      }
    });
    return out;
  }

  @Override
  public void record(PollRecord poll) {
    journal.record(poll);
  }

  @Override
  public void amend(PollRecord recorded, PollRecord served) {
    journal.replace(recorded, served);
  }

  @Override
  public List<PollRecord> polls(String api, String id) {
    return journal.of(api, id);
  }

  @Override
  public List<PollRecord> polls() {
    return journal.all();
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void freezeClock(Instant at) {
    if (at == null) {
      clock.freeze();
    } else {
      clock.freezeAt(at);
    }
  }

  @Override
  public void advanceClock(Duration by) {
    clock.advance(by);
  }

  @Override
  public void resumeClock() {
    clock.resume();
  }

  @Override
  public boolean isClockFrozen() {
    return clock.isFrozen();
  }

  @Override
  public void reset() {
    operations.clear();
    resources.invalidateAll();
    journal.clear();
    clock.reset();
  }

  /** The operation store itself, for the benchmarks that measure it. */
  OperationStore store() {
    return operations;
  }

  private Operation operation(OperationSpec spec) {
    return new Operation(spec.id(), spec.timeline(), clock.instant(), spec.target(), spec.expireAfter(), spec.caller(),
        spec.startCredential());
  }

  private OperationView view(String api, Operation operation) {
    return new OperationView(api, operation.timeline(), operation.peek(clock.instant()), operation.startCredential());
  }
}
