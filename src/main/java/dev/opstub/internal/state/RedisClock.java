package dev.opstub.internal.state;

import dev.opstub.internal.timeline.ControllableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@link RedisState}'s clock, shared by every server: real time as Redis tells it, with the
 * setting ({@code clock.lua}: frozen, moved forward) kept in Redis too. Each reading is one round
 * trip; a change is applied once whatever Redis' latency (it carries a receipt).
 *
 * <pre>{@code
 * RedisClock clock = new RedisClock(connection, "opstub:clock", "opstub:once:");
 * clock.advance(Duration.ofMinutes(5)); // every server's operations see it
 * }</pre>
 */
final class RedisClock extends Clock {
  private static final RedisConnection.Script SCRIPT = new RedisConnection.Script("clock.lua");

  private final RedisConnection connection;
  private final String key;
  private final String receipts;

  /**
   * @param key the key of the clock setting
   * @param receipts the prefix of the keys that hold the receipts of changes
   */
  RedisClock(RedisConnection connection, String key, String receipts) {
    this.connection = connection;
    this.key = key;
    this.receipts = receipts;
  }

  @Override
  public Instant instant() {
    return RedisState.instant(Long.parseLong(run("now", 0).get(0)));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  /** See {@link State#freezeClock}. */
  void freeze(Instant at) {
    run(at == null ? "freeze" : "freezeAt", at == null ? 0 : RedisState.micros(ControllableClock.checkFreezeAt(at)));
  }

  /** See {@link State#advanceClock}. */
  void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward; was asked to move by " + by);
    }
    // The script refuses a span past the clock's range itself: it alone knows the time atomically.
    List<String> clock = run("advance", RedisState.micros(by), RedisState.micros(ControllableClock.LATEST));
    if (clock.size() > 2) {
      throw ControllableClock.advanceRefused(RedisState.instant(Long.parseLong(clock.get(0))), by);
    }
  }

  void resume() {
    run("resume", 0);
  }

  boolean isFrozen() {
    return run("now", 0).get(1).equals("1");
  }

  private List<String> run(String op, long micros) {
    return run(op, micros, 0);
  }

  /** Runs the clock script; {@code latest}: the latest microsecond an advance may reach. */
  @SuppressWarnings("unchecked")
  private List<String> run(String op, long micros, long latest) {
    List<String> keys = List.of(key, receipts + (op.equals("now") ? "" : RedisConnection.token()));
    List<String> args = List.of(op, Long.toString(micros), Long.toString(latest));
    return (List<String>) (op.equals("now") ? connection.call(() -> SCRIPT.run(connection.redis(), keys, args))
        : connection.once(() -> SCRIPT.run(connection.redis(), keys, args)));
  }
}
