package dev.opstub.internal.state;

import dev.opstub.internal.timeline.Operation;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Poll;
import dev.opstub.spi.StatusVocabulary;
import dev.opstub.spi.Step;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link State} kept in Redis, so that any number of servers share one timeline per operation
 * and a server's restart loses nothing.
 *
 * <p>A poll is one Lua script, one round trip, its history entry included ({@code
 * dev/opstub/redis/operation.lua}, the rules of {@link Operation} run inside Redis); it reads only
 * the steps it passes, so its work does not grow with the timeline. A {@link #start} (create unless
 * live) and a {@link #cancel} are one run of the same script each, so they are atomic with the
 * polls of every server. Times come from Redis itself,
 * so every server agrees on them, with the shared clock setting ({@code clock.lua}) on top. Every
 * key expires: an operation 24 hours after its last poll (set again at most once a
 * minute, so up to a minute sooner), a resource when its time to live ends, the clock setting a
 * week after its last change, the history with its operation, a call's receipt after 30 seconds.
 * Keys are {@code opstub:op:<api>:<id>} (a hash of short fields, about 270 bytes a live
 * operation), {@code opstub:tl:<digest>} (a timeline, shared by the operations that
 * follow it, named by the start of the SHA-256 of its notation; the whole digest and the notation
 * are stored there and compared), {@code opstub:res:<api>:<kind>:<id>} (a resource an
 * operation made, such as a snapshot), {@code opstub:hist}
 * and {@code opstub:hist:<api>:<id>} (lists), {@code opstub:clock} and {@code opstub:once:<token>}.
 * One Redis, not a cluster: the scripts touch keys they compute.
 *
 * <p>Exactly once: every call that changes something carries a token of its own and leaves its
 * reply under it (a receipt); when Redis does not answer in time (a stall, a fork, a slow script),
 * the same call is sent again with the same token for up to {@link RedisReceipts#STALL_BUDGET}, and whichever
 * copy runs second answers the receipt without changing anything. So a poll moves its operation
 * once and is recorded once, and a clock change is applied once, whatever Redis' latency.
 *
 * <p>When Redis cannot be reached every call throws {@link StoreUnavailable}, which the pack
 * answers with a 503 in the API's own format; the pool reconnects by itself once Redis is back.
 *
 * <p>Each job has a class of its own, which this one puts together: the line to Redis ({@link
 * RedisConnection}), receipts ({@link RedisReceipts}), the scripts ({@link RedisScript}), the keys
 * ({@link RedisKeys}), the timelines ({@link RedisTimelines}), the operations ({@link
 * RedisOperations}), the resources ({@link RedisResources}), the history ({@link RedisHistory}) and
 * the clock ({@link RedisClock}).
 *
 * <pre>{@code
 * State state = new RedisState(URI.create("redis://127.0.0.1:6379/0"), apis::statuses);
 * }</pre>
 */
public final class RedisState implements State {
  private final RedisConnection connection;
  private final RedisOperations operations;
  private final RedisResources resources;
  private final RedisHistory history;
  private final RedisClock clock;

  /**
   * A state in the Redis at {@code url} ({@code redis://[:password@]host:port[/db]} or {@code
   * rediss://...}). Nothing is sent yet: a server starts while Redis is down, and works once it is up.
   *
   * @param vocabularies the status vocabulary of each API by name, empty for an API the server does
   *     not serve: a timeline another server stored is read back with it
   */
  public RedisState(URI url, Function<String, Optional<StatusVocabulary>> vocabularies) {
    this(url, vocabularies, RedisTimelines.KEY_LENGTH);
  }

  /** A state whose timeline keys are named by the first {@code timelineKeyLength} hex digits (tests make them collide). */
  RedisState(URI url, Function<String, Optional<StatusVocabulary>> vocabularies, int timelineKeyLength) {
    this.connection = new RedisConnection(url);
    RedisReceipts receipts = new RedisReceipts(connection);
    this.operations = new RedisOperations(connection, receipts,
        new RedisTimelines(connection, vocabularies, timelineKeyLength));
    this.resources = new RedisResources(connection);
    this.history = new RedisHistory(connection, receipts);
    this.clock = new RedisClock(connection, receipts);
  }

  /** The store as logs and errors may show it: the URL without its password. */
  public String shown() {
    return connection.shown();
  }

  /** Whether Redis answers now (for the start-up log line). */
  public boolean isReachable() {
    return connection.isReachable();
  }

  // --- operations ---

  @Override
  public Poll poll(String api, String id, OperationSpec createIfAbsent) {
    return operations.poll(api, id, createIfAbsent, null);
  }

  @Override
  public Poll poll(String api, String id, OperationSpec createIfAbsent, PollDraft record) {
    Poll poll = operations.poll(api, id, createIfAbsent, record);
    if (poll != null && !poll.step().isFault() && record.servedNames() != null) {
      // The script recorded the phase's guessed spelling before it knew the operation; one that
      // spells it otherwise (a camelCase operation of a PascalCase API) is amended, so the entry is recordOf's.
      PollRecord guessed = record.answered(api, id, poll.step().phase());
      PollRecord served = record.recordOf(api, id, poll);
      if (!served.equals(guessed)) {
        history.amend(guessed, served);
      }
    }
    return poll;
  }

  @Override
  public OperationView put(String api, OperationSpec spec) {
    return operations.put(api, spec);
  }

  @Override
  public Operations.Started start(String api, OperationSpec spec) {
    return operations.start(api, spec);
  }

  @Override
  public Optional<OperationView> cancel(String api, String id, Step canceled) {
    return operations.cancel(api, id, canceled);
  }

  @Override
  public Optional<OperationView> find(String api, String id) {
    return operations.find(api, id);
  }

  @Override
  public boolean remove(String api, String id) {
    return operations.remove(api, id);
  }

  @Override
  public List<OperationView> operations() {
    return operations(null, Integer.MAX_VALUE);
  }

  @Override
  public List<OperationView> operations(OperationKey after, int limit) {
    return operations.operations(after, limit);
  }

  /** No count bound: every key expires instead (see the class comment). */
  @Override
  public int capacity() {
    return Integer.MAX_VALUE;
  }

  // --- resources ---

  @Override
  public Optional<String> resource(String api, String kind, String id) {
    return resources.get(api, kind, id);
  }

  @Override
  public void putResource(String api, String kind, String id, String json, Duration timeToLive) {
    resources.put(api, kind, id, json, timeToLive);
  }

  @Override
  public boolean removeResource(String api, String kind, String id) {
    return resources.remove(api, kind, id);
  }

  @Override
  public List<String> resources(String api, String kind) {
    return resources.all(api, kind);
  }

  // --- history ---

  @Override
  public void record(PollRecord poll) {
    history.record(poll);
  }

  @Override
  public void amend(PollRecord recorded, PollRecord served) {
    history.amend(recorded, served);
  }

  @Override
  public List<PollRecord> polls(String api, String id) {
    return history.polls(api, id);
  }

  @Override
  public List<PollRecord> polls() {
    return history.polls();
  }

  // --- clock ---

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void freezeClock(Instant at) {
    clock.freeze(at);
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

  // --- reset ---

  @Override
  public void reset() {
    List<String> keys = connection.keys(RedisKeys.ALL);
    for (int i = 0; i < keys.size(); i += 1_000) {
      List<String> batch = keys.subList(i, Math.min(keys.size(), i + 1_000));
      connection.call(() -> connection.redis().unlink(batch.toArray(String[]::new)));
    }
  }
}
