package dev.opstub.internal.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.api.OperationApi;
import dev.opstub.internal.timeline.Operation;
import dev.opstub.internal.timeline.Phase;
import dev.opstub.internal.timeline.Step;
import dev.opstub.internal.timeline.Timeline;
import dev.opstub.internal.timeline.TimelineParser;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

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
 * key expires: an operation {@link #OPERATION_TTL} after its last poll (set again at most once a
 * minute, so up to a minute sooner), a resource when its time to live ends, the clock setting a
 * week after its last change, the history with its operation, a call's receipt after 30 seconds.
 * Keys are {@code opstub:op:<api>:<id>} (a hash of short fields, about 270 bytes a live
 * operation), {@code opstub:tl:<digest>} (a timeline, shared by the operations that
 * follow it, named by the start of the SHA-256 of its notation; the whole digest and the notation
 * are stored there and compared), {@code opstub:res:<api>:<kind>:<id>} (a resource an
 * operation made, such as a Face snapshot), {@code opstub:hist}
 * and {@code opstub:hist:<api>:<id>} (lists), {@code opstub:clock} and {@code opstub:once:<token>}.
 * One Redis, not a cluster: the scripts touch keys they compute.
 *
 * <p>Exactly once: every call that changes something carries a token of its own and leaves its
 * reply under it (a receipt); when Redis does not answer in time (a stall, a fork, a slow script),
 * the same call is sent again with the same token for up to {@link RedisConnection#STALL_BUDGET}, and whichever
 * copy runs second answers the receipt without changing anything. So a poll moves its operation
 * once and is recorded once, and a clock change is applied once, whatever Redis' latency.
 *
 * <p>When Redis cannot be reached every call throws {@link StoreUnavailable}, which the pack
 * answers with a 503 in the API's own format; the pool reconnects by itself once Redis is back.
 *
 * <pre>{@code
 * State state = new RedisState(URI.create("redis://127.0.0.1:6379/0"), Apis.builtIn());
 * }</pre>
 */
public final class RedisState implements State {
  /** How long an operation is kept after its last poll (or its creation). */
  public static final Duration OPERATION_TTL = Duration.ofHours(24);
  /** The polls kept in the history, in all and per operation. */
  static final int HISTORY = PollJournal.DEFAULT_CAPACITY;
  /**
   * The digest's hex characters that name a timeline's key. The key holds the whole digest and the
   * notation, which the script compares (two timelines whose names collide go to {@code :1},
   * {@code :2}...), so the name only needs to be short: each operation's hash repeats it.
   */
  static final int TIMELINE_KEY_LENGTH = 12;

  private static final String PREFIX = "opstub:";
  private static final String CLOCK = PREFIX + "clock";
  private static final String HISTORY_KEY = PREFIX + "hist";
  private static final String RECEIPTS = PREFIX + "once:";
  private static final Set<Phase> ALL_PHASES = Collections.unmodifiableSet(EnumSet.allOf(Phase.class));
  private static final RedisConnection.Script OPERATION = new RedisConnection.Script("operation.lua");

  private final RedisConnection connection;
  private final JedisPooled redis;
  private final Apis apis;
  /** Timelines read back from their notation, per API. */
  private final Cache<String, Timeline> timelines = Caffeine.newBuilder().maximumSize(10_000).build();
  /** The digest and phases of each timeline this server sent, by identity (a stub's timeline is one object). */
  private final Cache<Timeline, TimelineFacts> timelineFacts = Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();
  /** The digests of the timelines this server has seen stored in Redis: their steps are not sent again. */
  private final Cache<String, Boolean> stored = Caffeine.newBuilder().maximumSize(10_000)
      .expireAfterWrite(Duration.ofHours(1)).build();
  private final int timelineKeyLength;
  private final RedisClock clock;

  /**
   * A state in the Redis at {@code url} ({@code redis://[:password@]host:port[/db]} or {@code
   * rediss://...}). Nothing is sent yet: a server starts while Redis is down, and works once it is up.
   *
   * @param apis the APIs whose timelines it reads back
   */
  public RedisState(URI url, Apis apis) {
    this(url, apis, TIMELINE_KEY_LENGTH);
  }

  /** A state whose timeline keys are named by the first {@code timelineKeyLength} hex digits (tests make them collide). */
  RedisState(URI url, Apis apis, int timelineKeyLength) {
    this.timelineKeyLength = timelineKeyLength;
    this.apis = apis;
    this.connection = new RedisConnection(url);
    this.redis = connection.redis();
    this.clock = new RedisClock(connection, CLOCK, RECEIPTS);
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
  public Operation.Poll poll(String api, String id, OperationSpec createIfAbsent) {
    return operation("poll", api, id, createIfAbsent, null);
  }

  @Override
  public Operation.Poll poll(String api, String id, OperationSpec createIfAbsent, PollDraft record) {
    Operation.Poll poll = operation("poll", api, id, createIfAbsent, record);
    if (poll != null && !poll.step().isFault() && record.servedNames() != null) {
      // The script recorded the phase's guessed spelling before it knew the operation; one that
      // spells it otherwise (a camelCase Azure operation) is amended, so the entry is recordOf's.
      PollRecord guessed = record.answered(api, id, poll.step().phase());
      PollRecord served = record.recordOf(api, id, poll);
      if (!served.equals(guessed)) {
        amend(guessed, served);
      }
    }
    return poll;
  }

  @Override
  public OperationView put(String api, OperationSpec spec) {
    Operation.Poll now = operation("put", api, spec.id(), spec, null);
    return new OperationView(api, spec.timeline(), now, spec.startCredential());
  }

  @Override
  public Started start(String api, OperationSpec spec) {
    List<String> reply = runOperation("start", api, spec.id(), spec, null, null);
    Timeline timeline = timelineOf(api, spec, reply);
    return new Started(new OperationView(api, timeline, toPoll(spec.id(), timeline, reply, false), startCredential(reply)),
        reply.get(13).equals("1"), reply.get(12));
  }

  @Override
  public Optional<OperationView> cancel(String api, String id, Step canceled) {
    if (canceled.phase() != Phase.CANCELED) {
      throw new IllegalArgumentException("a cancel needs a canceled status step, was " + canceled.notation());
    }
    List<String> reply = runOperation("cancel", api, id, null, null, canceled);
    if (reply.isEmpty()) {
      return Optional.empty();
    }
    Timeline timeline = timeline(api, reply);
    return Optional.of(new OperationView(api, timeline, toPoll(id, timeline, reply, false), startCredential(reply)));
  }

  @Override
  public Optional<OperationView> find(String api, String id) {
    List<String> reply = runOperation("peek", api, id, null, null, null);
    if (reply.isEmpty()) {
      return Optional.empty();
    }
    Timeline timeline = timeline(api, reply);
    return Optional.of(new OperationView(api, timeline, toPoll(id, timeline, reply, false), startCredential(reply)));
  }

  @Override
  public boolean remove(String api, String id) {
    return connection.call(() -> redis.unlink(operationKey(api, id), historyKey(api, id)) > 0);
  }

  @Override
  public List<OperationView> operations() {
    return operations(null, Integer.MAX_VALUE);
  }

  @Override
  public List<OperationView> operations(OperationKey after, int limit) {
    // SCAN has no order: the page is cut from the sorted keys, and only its operations are read.
    List<OperationKey> keys = new ArrayList<>();
    for (String key : keys(PREFIX + "op:*")) {
      String rest = key.substring((PREFIX + "op:").length());
      int colon = rest.indexOf(':');
      OperationKey one = colon > 0 ? new OperationKey(rest.substring(0, colon), rest.substring(colon + 1)) : null;
      if (one != null && (after == null || one.compareTo(after) > 0)) {
        keys.add(one);
      }
    }
    List<OperationView> out = new ArrayList<>();
    keys.stream().sorted().limit(limit).forEach(key -> find(key.api(), key.id()).ifPresent(out::add));
    return out;
  }

  /** No count bound: every key expires instead (see the class comment). */
  @Override
  public int capacity() {
    return Integer.MAX_VALUE;
  }

  private Operation.Poll operation(String mode, String api, String id, OperationSpec spec, PollDraft record) {
    List<String> reply = runOperation(mode, api, id, spec, record, null);
    if (reply.isEmpty()) {
      return null;
    }
    Timeline timeline = timelineOf(api, spec, reply);
    return toPoll(id, timeline, reply, mode.equals("poll"));
  }

  /** The timeline a reply names: the spec's when it is that one, else read back from Redis. */
  private Timeline timelineOf(String api, OperationSpec spec, List<String> reply) {
    return spec != null && reply.get(7).equals(facts(spec.timeline()).digest()) ? spec.timeline()
        : timeline(api, reply);
  }

  /**
   * Runs the operation script once (a poll or put: once whatever Redis' latency, see the class
   * comment). It sends the timeline's steps only when Redis may lack them, and a poll's history
   * entries only for the phases of the stub's timeline.
   */
  @SuppressWarnings("unchecked")
  private List<String> runOperation(String mode, String api, String id, OperationSpec spec, PollDraft record,
      Step canceled) {
    String token = mode.equals("peek") ? "" : RedisConnection.token();
    TimelineFacts facts = spec == null ? null : facts(spec.timeline());
    boolean sendSteps = facts != null && (mode.equals("put") || stored.getIfPresent(facts.digest()) == null);
    List<String> keys = List.of(operationKey(api, id), CLOCK, RECEIPTS + token, HISTORY_KEY, historyKey(api, id));
    List<String> reply = (List<String>) connection.once(() -> OPERATION.run(redis, keys,
        arguments(mode, api, id, spec, facts, record, canceled, sendSteps, facts == null ? ALL_PHASES : facts.phases())));
    if (reply.size() == 1 && reply.get(0).equals("need")) {
      // Redis lacks what this server did not send: the timeline (it expired, or Redis restarted
      // since this server sent it), or the entry of a phase the stub's timeline lacks (the
      // operation follows another one). Nothing was changed, so the same call goes again with all.
      reply = (List<String>) connection.once(() -> OPERATION.run(redis, keys,
          arguments(mode, api, id, spec, facts, record, canceled, spec != null, ALL_PHASES)));
    }
    if (sendSteps && !reply.isEmpty()) {
      stored.put(facts.digest(), true);
    }
    return reply;
  }

  /** {@code facts}: those of the spec's timeline, or {@code null} without a spec. */
  private List<String> arguments(String mode, String api, String id, OperationSpec spec, TimelineFacts facts,
      PollDraft record, Step canceled, boolean sendSteps, Set<Phase> phases) {
    List<String> args = new ArrayList<>(18 + Phase.values().length);
    args.add(mode);
    args.add(spec == null ? "0" : "1");
    args.add(facts == null ? "" : facts.digest());
    args.add(Integer.toString(timelineKeyLength));
    args.add(sendSteps ? spec.timeline().notation() : "");
    args.add(sendSteps ? steps(spec.timeline()) : "");
    args.add(spec == null || spec.target() == null ? "0" : "1");
    args.add(spec == null || spec.target() == null ? "" : spec.target());
    args.add(spec == null || spec.expireAfter() == null ? "" : Long.toString(micros(spec.expireAfter())));
    args.add(Long.toString(OPERATION_TTL.toMillis()));
    args.add(record == null ? "" : RedisHistoryEntries.entryStart(api, id, record.time(), record.headers(),
        record.method(), record.path(), record.query()));
    args.add(Integer.toString(HISTORY));
    args.add(record == null ? "" : RedisHistoryEntries.entryRest(record.notFound(api, id)));
    args.add(spec == null || spec.caller() == null ? "" : spec.caller());
    args.add(canceled == null ? "" : canceled.status());
    // What a poll of the canceled operation records: a terminal 200 (amended if served otherwise).
    args.add(canceled == null ? ""
        : RedisHistoryEntries.entryRest(new PollRecord(api, id, Instant.EPOCH, Map.of(), 200, canceled.status(), true, null)));
    args.add(spec == null || spec.startCredential() == null ? "" : spec.startCredential() ? "1" : "0");
    if (record != null) {
      for (Phase phase : Phase.values()) {
        // '' for a phase not sent: the script asks for it ('need') if the operation reaches it.
        args.add(phases.contains(phase) ? RedisHistoryEntries.entryRest(record.answered(api, id, phase)) : "");
      }
    }
    return args;
  }

  /**
   * The steps as the script stores them, one a line: {@code kind:polls:durationMicros:phase;fault},
   * where {@code fault} is a fault step's history entry (see operation.lua).
   */
  static String steps(Timeline timeline) {
    StringJoiner out = new StringJoiner("\n");
    PollDraft noRequest = new PollDraft(Instant.EPOCH, Map.of(), () -> 404, Phase::name, null);
    for (Step step : timeline.steps()) {
      char kind = step.isFault() ? 'x' : switch (step.phase()) {
        case NOT_STARTED -> 'x';
        case RUNNING -> 'r';
        case SUCCEEDED, FAILED, CANCELED -> 't';
      };
      long duration = step.isTimed() ? Math.max(1, micros(step.duration())) : 0;
      String fault = step.isFault() ? RedisHistoryEntries.entryRest(noRequest.faulted("", "", step.fault())) : "";
      out.add(kind + ":" + step.polls() + ":" + duration + ":" + (step.isFault() ? -1 : step.phase().ordinal())
          + ";" + fault);
    }
    return out.toString();
  }

  /**
   * What a server sends of a timeline: the SHA-256 of its notation, in hex (the name of its key in
   * Redis), and the phases its status steps show (the only ones a poll sends history entries for).
   */
  private record TimelineFacts(String digest, Set<Phase> phases) {}

  private TimelineFacts facts(Timeline timeline) {
    return timelineFacts.get(timeline, t -> {
      Set<Phase> phases = EnumSet.noneOf(Phase.class);
      t.steps().stream().filter(step -> !step.isFault()).forEach(step -> phases.add(step.phase()));
      try {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(t.notation().getBytes(StandardCharsets.UTF_8));
        return new TimelineFacts(HexFormat.of().formatHex(hash), Collections.unmodifiableSet(phases));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java has SHA-256", e);
      }
    });
  }

  /** Whether the operation's start carried a credential, as a reply says it ({@code null}: not known). */
  private static Boolean startCredential(List<String> reply) {
    return reply.size() > 14 && reply.get(14) != null ? Boolean.valueOf(reply.get(14).equals("1")) : null;
  }

  private Operation.Poll toPoll(String id, Timeline timeline, List<String> reply, boolean polled) {
    int stepIndex = Integer.parseInt(reply.get(0));
    long number = Long.parseLong(reply.get(1));
    long pollsInStep = Long.parseLong(reply.get(2));
    long created = Long.parseLong(reply.get(3));
    // A canceled operation shows its canceled status on the step it was canceled on.
    Step step = reply.get(11) != null ? Step.polls(Phase.CANCELED, reply.get(11), 1, null) : timeline.step(stepIndex);
    Instant finished = reply.get(5).equals("1") ? instant(created + Long.parseLong(reply.get(6))) : null;
    return new Operation.Poll(id, number, stepIndex, step, instant(created),
        instant(created + Long.parseLong(reply.get(4))), finished, reply.get(8),
        polled && pollsInStep == 1 ? step.delay() : null, instant(Long.parseLong(reply.get(9))));
  }

  /**
   * The timeline a reply names by its digest: read back from its notation once per server (the
   * reply carries the digest, not the notation, so a poll's answer does not grow with it).
   */
  private Timeline timeline(String api, List<String> reply) {
    String digest = reply.get(7);
    return timelines.get(api + "\n" + digest, key -> {
      OperationApi known = apis.byName(api).orElseThrow(() -> new IllegalStateException(
          "the store holds an operation of an API this server does not serve: " + api));
      List<String> stored = connection.call(() -> redis.hmget(reply.get(10), "d", "n"));
      if (!digest.equals(stored.get(0)) || stored.get(1) == null) {
        throw new StoreUnavailable("the timeline " + digest + " left " + connection.shown() + " while it was read; try again", null);
      }
      return TimelineParser.parse(stored.get(1), known.statuses());
    });
  }

  // --- resources ---

  @Override
  public Optional<String> resource(String api, String kind, String id) {
    return Optional.ofNullable(connection.call(() -> redis.get(resourceKey(api, kind, id))));
  }

  @Override
  public void putResource(String api, String kind, String id, String json, Duration timeToLive) {
    long millis = Math.max(1, timeToLive.toMillis());
    connection.call(() -> redis.set(resourceKey(api, kind, id), json, SetParams.setParams().px(millis)));
  }

  @Override
  public boolean removeResource(String api, String kind, String id) {
    return connection.call(() -> redis.unlink(resourceKey(api, kind, id)) > 0);
  }

  @Override
  public List<String> resources(String api, String kind) {
    // Glob characters an id may hold are no concern: api and kind are the pack's own words.
    List<String> keys = keys(resourceKey(api, kind, "*"));
    if (keys.isEmpty()) {
      return List.of();
    }
    List<String> values = connection.call(() -> redis.mget(keys.toArray(String[]::new)));
    List<String> out = new ArrayList<>();
    values.stream().filter(v -> v != null).forEach(out::add);
    return out;
  }

  // --- history ---

  @Override
  public void record(PollRecord poll) {
    List<String> args = new ArrayList<>(List.of("record", "0", "", "0", "", "", "0", "", "",
        Long.toString(OPERATION_TTL.toMillis()), RedisHistoryEntries.entryStart(poll), Integer.toString(HISTORY), RedisHistoryEntries.entryRest(poll)));
    String token = RedisConnection.token();
    List<String> keys = List.of(operationKey(poll.api(), poll.operationId()), CLOCK, RECEIPTS + token, HISTORY_KEY,
        historyKey(poll.api(), poll.operationId()));
    connection.once(() -> OPERATION.run(redis, keys, args));
  }

  @Override
  public void amend(PollRecord recorded, PollRecord served) {
    List<String> args = List.of("amend", "0", "", "0", "", "", "0", "", "", Long.toString(OPERATION_TTL.toMillis()),
        RedisHistoryEntries.entry(recorded), Integer.toString(HISTORY), RedisHistoryEntries.entry(served));
    String token = RedisConnection.token();
    List<String> keys = List.of(operationKey(served.api(), served.operationId()), CLOCK, RECEIPTS + token, HISTORY_KEY,
        historyKey(served.api(), served.operationId()));
    connection.once(() -> OPERATION.run(redis, keys, args));
  }

  @Override
  public List<PollRecord> polls(String api, String id) {
    return history(historyKey(api, id));
  }

  @Override
  public List<PollRecord> polls() {
    return history(HISTORY_KEY);
  }

  private List<PollRecord> history(String key) {
    // A list may run a little past its bound until the script cuts it back (see operation.lua).
    List<String> newestFirst = connection.call(() -> redis.lrange(key, 0, HISTORY - 1));
    List<PollRecord> out = new ArrayList<>(newestFirst.size());
    for (String json : newestFirst) {
      out.add(RedisHistoryEntries.fromJson(json));
    }
    Collections.reverse(out);
    return out;
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
    List<String> keys = keys(PREFIX + "*");
    for (int i = 0; i < keys.size(); i += 1_000) {
      List<String> batch = keys.subList(i, Math.min(keys.size(), i + 1_000));
      connection.call(() -> redis.unlink(batch.toArray(String[]::new)));
    }
  }

  // --- plumbing ---

  private List<String> keys(String pattern) {
    return connection.call(() -> {
      List<String> out = new ArrayList<>();
      ScanParams params = new ScanParams().match(pattern).count(1_000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = redis.scan(cursor, params);
        out.addAll(page.getResult());
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      return out;
    });
  }

  private static String operationKey(String api, String id) {
    return PREFIX + "op:" + api + ":" + id;
  }

  private static String historyKey(String api, String id) {
    return PREFIX + "hist:" + api + ":" + id;
  }

  private static String resourceKey(String api, String kind, String id) {
    return PREFIX + "res:" + api + ":" + kind + ":" + id;
  }

  static long micros(Duration duration) {
    try {
      return Math.multiplyExact(duration.getSeconds(), 1_000_000L) + duration.getNano() / 1_000;
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }

  static long micros(Instant instant) {
    return Math.multiplyExact(instant.getEpochSecond(), 1_000_000L) + instant.getNano() / 1_000;
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
