package dev.opstub.internal.state;

import java.time.Duration;
import java.util.List;

/**
 * Where the Redis state keeps what: every key starts with {@value #PREFIX}, and every key expires
 * (see {@code RedisState}).
 *
 * <pre>{@code
 * RedisKeys.operation("demo", "D-7");   // opstub:op:demo:D-7
 * }</pre>
 */
final class RedisKeys {
  static final String PREFIX = "opstub:";
  /** The shared clock's setting. */
  static final String CLOCK = PREFIX + "clock";
  /** The history of every operation's polls, newest first. */
  static final String HISTORY = PREFIX + "hist";
  /** What {@link #operation} keys match. */
  static final String OPERATIONS = PREFIX + "op:*";
  /** Every key of the state. */
  static final String ALL = PREFIX + "*";
  /** How long an operation is kept after its last poll (or its creation). */
  static final Duration OPERATION_TTL = Duration.ofHours(24);

  private RedisKeys() {}

  /** An operation's hash. */
  static String operation(String api, String id) {
    return PREFIX + "op:" + api + ":" + id;
  }

  /** The operation a key of {@link #OPERATIONS} names, or {@code null} for one that names none. */
  static State.OperationKey operationOf(String key) {
    String rest = key.substring((PREFIX + "op:").length());
    int colon = rest.indexOf(':');
    return colon > 0 ? new State.OperationKey(rest.substring(0, colon), rest.substring(colon + 1)) : null;
  }

  /** The history of one operation's polls, newest first. */
  static String history(String api, String id) {
    return PREFIX + "hist:" + api + ":" + id;
  }

  /** A resource an operation made, such as a snapshot or a deployment. */
  static String resource(String api, String kind, String id) {
    return PREFIX + "res:" + api + ":" + kind + ":" + id;
  }

  /** The key that holds the reply of the call that carries {@code token} (see {@code RedisReceipts}). */
  static String receipt(String token) {
    return PREFIX + "once:" + token;
  }

  /** The keys {@code operation.lua} takes, in its order, for a call with the receipt key {@code receipt}. */
  static List<String> ofOperationScript(String api, String id, String receipt) {
    return List.of(operation(api, id), CLOCK, receipt, HISTORY, history(api, id));
  }
}
