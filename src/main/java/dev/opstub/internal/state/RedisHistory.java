package dev.opstub.internal.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The polls the Redis state keeps: a list of every operation's and one per operation, newest first,
 * written by {@code operation.lua} (a poll's own entry in the poll's round trip, see {@code
 * RedisOperations}; here the polls recorded or amended after they were served) and read back with
 * {@link RedisHistoryEntries}.
 *
 * <pre>{@code
 * history.record(poll);
 * history.polls("demo", id);   // oldest first
 * }</pre>
 */
final class RedisHistory {
  /** The polls kept, in all and per operation. */
  static final int CAPACITY = PollJournal.DEFAULT_CAPACITY;

  private final RedisConnection connection;
  private final RedisReceipts receipts;

  RedisHistory(RedisConnection connection, RedisReceipts receipts) {
    this.connection = connection;
    this.receipts = receipts;
  }

  /** See {@link State#record}. */
  void record(PollRecord poll) {
    List<String> args = new ArrayList<>(List.of("record", "0", "", "0", "", "", "0", "", "",
        Long.toString(RedisKeys.OPERATION_TTL.toMillis()), RedisHistoryEntries.entryStart(poll), Integer.toString(CAPACITY),
        RedisHistoryEntries.entryRest(poll)));
    List<String> keys = RedisKeys.ofOperationScript(poll.api(), poll.operationId(), RedisReceipts.newReceipt());
    receipts.once(() -> RedisScript.OPERATION.run(connection.redis(), keys, args));
  }

  /** See {@link State#amend}. */
  void amend(PollRecord recorded, PollRecord served) {
    List<String> args = List.of("amend", "0", "", "0", "", "", "0", "", "", Long.toString(RedisKeys.OPERATION_TTL.toMillis()),
        RedisHistoryEntries.entry(recorded), Integer.toString(CAPACITY), RedisHistoryEntries.entry(served));
    List<String> keys = RedisKeys.ofOperationScript(served.api(), served.operationId(), RedisReceipts.newReceipt());
    receipts.once(() -> RedisScript.OPERATION.run(connection.redis(), keys, args));
  }

  /** The polls of one operation, oldest first. */
  List<PollRecord> polls(String api, String id) {
    return read(RedisKeys.history(api, id));
  }

  /** Every operation's polls, oldest first. */
  List<PollRecord> polls() {
    return read(RedisKeys.HISTORY);
  }

  private List<PollRecord> read(String key) {
    // A list may run a little past its bound until the script cuts it back (see operation.lua).
    List<String> newestFirst = connection.call(() -> connection.redis().lrange(key, 0, CAPACITY - 1));
    List<PollRecord> out = new ArrayList<>(newestFirst.size());
    for (String json : newestFirst) {
      out.add(RedisHistoryEntries.fromJson(json));
    }
    Collections.reverse(out);
    return out;
  }
}
