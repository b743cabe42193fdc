package dev.opstub.internal.state;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Exactly once through a stall: every call that changes something carries a token of its own, and
 * the script it runs leaves its reply under the token's receipt key ({@code opstub:once:<token>},
 * for 30 seconds). When Redis does not answer in time (a stall, a fork, a slow script) the same
 * call is sent again with the same token for up to {@link #STALL_BUDGET}, and whichever copy runs
 * second answers the receipt without changing anything.
 *
 * <pre>{@code
 * String receipt = RedisReceipts.newReceipt();
 * receipts.once(() -> RedisScript.CLOCK.run(redis, List.of(RedisKeys.CLOCK, receipt), args));
 * }</pre>
 */
final class RedisReceipts {
  /**
   * How long a call that changes something is sent again while Redis does not answer it in time
   * (each try waits for the connection's timeout); a stall longer than this is answered 503.
   */
  static final Duration STALL_BUDGET = Duration.ofSeconds(10);

  private final RedisConnection connection;

  RedisReceipts(RedisConnection connection) {
    this.connection = connection;
  }

  /** The receipt key of a call that changes something: a token no other call carries (128 random bits). */
  static String newReceipt() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return RedisKeys.receipt(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
  }

  /**
   * Runs a call that carries a receipt (see the class comment): safe to send again, so it is, while
   * Redis does not answer in time, for up to {@link #STALL_BUDGET}.
   */
  <T> T once(Supplier<T> command) {
    long deadline = System.nanoTime() + STALL_BUDGET.toNanos();
    while (true) {
      try {
        return connection.call(command);
      } catch (StoreUnavailable e) {
        if (!timedOut(e) || System.nanoTime() - deadline > 0) {
          throw e;
        }
      }
    }
  }

  /** Whether a failure is Redis not answering in time (as opposed to refusing the connection). */
  private static boolean timedOut(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
