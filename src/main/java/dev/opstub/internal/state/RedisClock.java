package dev.opstub.internal.state;

import dev.opstub.internal.timeline.ControllableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The Redis state's clock, shared by every server: real time as Redis tells it, with the setting
 * ({@code clock.lua}: frozen, moved forward) kept in Redis too. Each reading is one round trip; a
 * change is applied once whatever Redis' latency (it carries a receipt). The scripts keep every
 * time in microseconds ({@link #micros(Instant)}, {@link #instant(long)}).
 *
 * <pre>{@code
 * RedisClock clock = new RedisClock(connection, new RedisReceipts(connection));
 * clock.advance(Duration.ofMinutes(5)); // every server's operations see it
 * }</pre>
 */
final class RedisClock extends Clock {
  private final RedisConnection connection;
  private final RedisReceipts receipts;

  RedisClock(RedisConnection connection, RedisReceipts receipts) {
    this.connection = connection;
    this.receipts = receipts;
  }

  @Override
  public Instant instant() {
    return instant(Long.parseLong(run("now", 0).get(0)));
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
    run(at == null ? "freeze" : "freezeAt", at == null ? 0 : micros(ControllableClock.checkFreezeAt(at)));
  }

  /** See {@link State#advanceClock}. */
  void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward; was asked to move by " + by);
    }
    // The script refuses a span past the clock's range itself: it alone knows the time atomically.
    List<String> clock = run("advance", micros(by), micros(ControllableClock.LATEST));
    if (clock.size() > 2) {
      throw ControllableClock.advanceRefused(instant(Long.parseLong(clock.get(0))), by);
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
    List<String> keys = List.of(RedisKeys.CLOCK, op.equals("now") ? RedisKeys.receipt("") : RedisReceipts.newReceipt());
    List<String> args = List.of(op, Long.toString(micros), Long.toString(latest));
    return (List<String>) (op.equals("now") ? connection.call(() -> RedisScript.CLOCK.run(connection.redis(), keys, args))
        : receipts.once(() -> RedisScript.CLOCK.run(connection.redis(), keys, args)));
  }

  /** {@code duration} in microseconds; one too long for a {@code long} is cut to some 146,000 years. */
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
