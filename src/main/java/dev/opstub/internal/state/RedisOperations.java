package dev.opstub.internal.state;

import dev.opstub.internal.timeline.Operation;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Step;
import dev.opstub.spi.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operations the Redis state keeps: each poll, put, start, cancel and peek is one run of {@code
 * operation.lua} (the rules of {@link Operation} run inside Redis), one round trip, atomic with
 * every server's, its history entry written in the same run. It sends a timeline's steps only when
 * Redis may lack them, and reads only the steps a poll passes.
 *
 * <pre>{@code
 * Poll poll = operations.poll("demo", id, spec, draft);   // moved, counted and recorded at once
 * }</pre>
 */
final class RedisOperations {
  private static final Set<Phase> ALL_PHASES = Collections.unmodifiableSet(EnumSet.allOf(Phase.class));

  private final RedisConnection connection;
  private final RedisReceipts receipts;
  private final RedisTimelines timelines;

  RedisOperations(RedisConnection connection, RedisReceipts receipts, RedisTimelines timelines) {
    this.connection = connection;
    this.receipts = receipts;
    this.timelines = timelines;
  }

  /** A poll, recorded in the same run when {@code record} is given; {@code null} when there is no such operation. */
  Poll poll(String api, String id, OperationSpec createIfAbsent, PollDraft record) {
    return operation("poll", api, id, createIfAbsent, record);
  }

  OperationView put(String api, OperationSpec spec) {
    Poll now = operation("put", api, spec.id(), spec, null);
    return new OperationView(api, spec.timeline(), now, spec.startCredential());
  }

  Operations.Started start(String api, OperationSpec spec) {
    List<String> reply = run("start", api, spec.id(), spec, null, null);
    Timeline timeline = timelineOf(api, spec, reply);
    return new Operations.Started(new OperationView(api, timeline, toPoll(spec.id(), timeline, reply, false),
        startCredential(reply)), reply.get(13).equals("1"), reply.get(12));
  }

  Optional<OperationView> cancel(String api, String id, Step canceled) {
    if (canceled.phase() != Phase.CANCELED) {
      throw new IllegalArgumentException("a cancel needs a canceled status step, was " + canceled.notation());
    }
    return view(api, id, run("cancel", api, id, null, null, canceled));
  }

  Optional<OperationView> find(String api, String id) {
    return view(api, id, run("peek", api, id, null, null, null));
  }

  boolean remove(String api, String id) {
    // Whether the operation was there: a poll of no operation leaves a history, which is no operation.
    return connection.call(() -> {
      boolean live = connection.redis().unlink(RedisKeys.operation(api, id)) > 0;
      connection.redis().unlink(RedisKeys.history(api, id));
      return live;
    });
  }

  /** See {@link State#operations(State.OperationKey, int)}. */
  List<OperationView> operations(State.OperationKey after, int limit) {
    // SCAN has no order: the page is cut from the sorted keys, and only its operations are read.
    List<State.OperationKey> keys = new ArrayList<>();
    for (String key : connection.keys(RedisKeys.OPERATIONS)) {
      State.OperationKey one = RedisKeys.operationOf(key);
      if (one != null && (after == null || one.compareTo(after) > 0)) {
        keys.add(one);
      }
    }
    List<OperationView> out = new ArrayList<>();
    keys.stream().sorted().limit(limit).forEach(key -> find(key.api(), key.id()).ifPresent(out::add));
    return out;
  }

  private Optional<OperationView> view(String api, String id, List<String> reply) {
    if (reply.isEmpty()) {
      return Optional.empty();
    }
    Timeline timeline = timeline(api, reply);
    return Optional.of(new OperationView(api, timeline, toPoll(id, timeline, reply, false), startCredential(reply)));
  }

  private Poll operation(String mode, String api, String id, OperationSpec spec, PollDraft record) {
    List<String> reply = run(mode, api, id, spec, record, null);
    if (reply.isEmpty()) {
      return null;
    }
    Timeline timeline = timelineOf(api, spec, reply);
    return toPoll(id, timeline, reply, mode.equals("poll"));
  }

  /** The timeline a reply names: the spec's when it is that one, else read back from Redis. */
  private Timeline timelineOf(String api, OperationSpec spec, List<String> reply) {
    return spec != null && reply.get(7).equals(timelines.facts(spec.timeline()).digest()) ? spec.timeline()
        : timeline(api, reply);
  }

  /** The timeline a reply names by its digest. */
  private Timeline timeline(String api, List<String> reply) {
    return timelines.readBack(api, reply.get(7), reply.get(10));
  }

  /**
   * Runs the operation script once (a poll or put: once whatever Redis' latency, see {@code
   * RedisReceipts}). It sends the timeline's steps only when Redis may lack them, and a poll's
   * history entries only for the phases of the stub's timeline.
   */
  @SuppressWarnings("unchecked")
  private List<String> run(String mode, String api, String id, OperationSpec spec, PollDraft record, Step canceled) {
    String receipt = mode.equals("peek") ? RedisKeys.receipt("") : RedisReceipts.newReceipt();
    RedisTimelines.Facts facts = spec == null ? null : timelines.facts(spec.timeline());
    boolean sendSteps = facts != null && (mode.equals("put") || !timelines.isStored(facts.digest()));
    List<String> keys = RedisKeys.ofOperationScript(api, id, receipt);
    List<String> reply = (List<String>) receipts.once(() -> RedisScript.OPERATION.run(connection.redis(), keys,
        arguments(mode, api, id, spec, facts, record, canceled, sendSteps, facts == null ? ALL_PHASES : facts.phases())));
    if (reply.size() == 1 && reply.get(0).equals("need")) {
      // Redis lacks what this server did not send: the timeline (it expired, or Redis restarted
      // since this server sent it), or the entry of a phase the stub's timeline lacks (the
      // operation follows another one). Nothing was changed, so the same call goes again with all.
      reply = (List<String>) receipts.once(() -> RedisScript.OPERATION.run(connection.redis(), keys,
          arguments(mode, api, id, spec, facts, record, canceled, spec != null, ALL_PHASES)));
    }
    if (sendSteps && !reply.isEmpty()) {
      timelines.stored(facts.digest());
    }
    return reply;
  }

  /** The script's arguments, in its order (see operation.lua); {@code facts}: the spec's timeline's, or {@code null}. */
  private List<String> arguments(String mode, String api, String id, OperationSpec spec, RedisTimelines.Facts facts,
      PollDraft record, Step canceled, boolean sendSteps, Set<Phase> phases) {
    List<String> args = new ArrayList<>(18 + Phase.values().length);
    args.add(mode);
    args.add(spec == null ? "0" : "1");
    args.add(facts == null ? "" : facts.digest());
    args.add(Integer.toString(timelines.keyLength()));
    args.add(sendSteps ? spec.timeline().notation() : "");
    args.add(sendSteps ? RedisTimelines.steps(spec.timeline()) : "");
    args.add(spec == null || spec.target() == null ? "0" : "1");
    args.add(spec == null || spec.target() == null ? "" : spec.target());
    args.add(spec == null || spec.expireAfter() == null ? "" : Long.toString(RedisClock.micros(spec.expireAfter())));
    args.add(Long.toString(RedisKeys.OPERATION_TTL.toMillis()));
    args.add(record == null ? "" : RedisHistoryEntries.entryStart(api, id, record.time(), record.headers(),
        record.method(), record.path(), record.query()));
    args.add(Integer.toString(RedisHistory.CAPACITY));
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

  /** Whether the operation's start carried a credential, as a reply says it ({@code null}: not known). */
  private static Boolean startCredential(List<String> reply) {
    return reply.size() > 14 && reply.get(14) != null ? Boolean.valueOf(reply.get(14).equals("1")) : null;
  }

  private static Poll toPoll(String id, Timeline timeline, List<String> reply, boolean polled) {
    int stepIndex = Integer.parseInt(reply.get(0));
    long number = Long.parseLong(reply.get(1));
    long pollsInStep = Long.parseLong(reply.get(2));
    long created = Long.parseLong(reply.get(3));
    // A canceled operation shows its canceled status on the step it was canceled on.
    Step step = reply.get(11) != null ? Step.polls(Phase.CANCELED, reply.get(11), 1, null) : timeline.step(stepIndex);
    Instant finished = reply.get(5).equals("1") ? RedisClock.instant(created + Long.parseLong(reply.get(6))) : null;
    return new Poll(id, number, stepIndex, step, RedisClock.instant(created),
        RedisClock.instant(created + Long.parseLong(reply.get(4))), finished, reply.get(8),
        polled && pollsInStep == 1 ? step.delay() : null, RedisClock.instant(Long.parseLong(reply.get(9))));
  }
}
