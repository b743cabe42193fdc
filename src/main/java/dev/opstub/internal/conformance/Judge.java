package dev.opstub.internal.conformance;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.api.StateOperations;
import dev.opstub.internal.state.PollRecord;
import dev.opstub.internal.state.State;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.OperationView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges how clients polled, from what the server recorded, against the rules each API declares
 * ({@link Judged#conformance()}).
 *
 * <pre>{@code
 * Judgement judgement = Judge.judge(state, api, "a63a3bdd-...", Waivers.NONE);
 * judgement.conforms();      // false
 * judgement.violations();    // ["waited-retry-after, poll 2: expected at least 1000 ms after poll 1 ...; happened: ..."]
 * }</pre>
 */
public final class Judge {
  private Judge() {}

  /** One operation, from the state's history and the operation as it stands (if it still does). */
  public static Judgement judge(State state, Dialect api, String operationId, Waivers waivers) {
    OperationView operation = state.find(api.name(), operationId).orElse(null);
    return judge(api, operationId, state.polls(api.name(), operationId), operation, state, waivers);
  }

  /**
   * One operation, from the given polls.
   *
   * @param operation the operation as it stands, or {@code null} when it is not live
   */
  public static Judgement judge(Dialect api, String operationId, List<PollRecord> polls, OperationView operation,
      State state, Waivers waivers) {
    RuleBook book = Judged.of(api);
    Expectations expected = book.expectations(operationId, operation, new StateOperations(state));
    if (operation != null) {
      // What the operation's start carried, as its store kept it: the same for every API.
      expected = expected.knowingStart(operation.startCredential());
    }
    Trace trace = new Trace(api.name(), operationId, polls, expected);
    List<Verdict> verdicts = new ArrayList<>();
    for (Rule rule : book.rules()) {
      verdicts.add(waivers.apply(rule.judge(trace)));
    }
    return new Judgement(api.name(), operationId, expected, trace.polls(), verdicts);
  }

  /**
   * Every operation the history holds polls of, in the order of their first poll: polls of APIs
   * {@code apis} does not know are left out.
   */
  public static List<Judgement> judgeAll(State state, Apis apis, Waivers waivers) {
    return judgeAll(state.polls(), state, apis, waivers);
  }

  /** {@code polls} by operation ({@link #operationKey}), each operation's oldest first, in order of first poll. */
  public static Map<List<String>, List<PollRecord>> byOperation(List<PollRecord> polls) {
    Map<List<String>, List<PollRecord>> byOperation = new LinkedHashMap<>();
    PollRecord previous = null;
    List<PollRecord> operation = null;
    for (PollRecord poll : polls) {
      // Polls of one operation mostly come in runs: a run needs no key of its own.
      if (previous == null || !poll.operationId().equals(previous.operationId()) || !poll.api().equals(previous.api())) {
        List<String> key = operationKey(poll.api(), poll.operationId());
        operation = byOperation.get(key);
        if (operation == null) {
          operation = new ArrayList<>();
          byOperation.put(key, operation);
        }
      }
      operation.add(poll);
      previous = poll;
    }
    return byOperation;
  }

  /** What names one operation among polls: its API and its id, ignoring case, as the journal looks ids up. */
  public static List<String> operationKey(String api, String id) {
    return List.of(api, id.toLowerCase(Locale.ROOT));
  }

  /** The operations {@code polls} are of, each judged from its own (oldest first). */
  public static List<Judgement> judgeAll(List<PollRecord> polls, State state, Apis apis, Waivers waivers) {
    List<Judgement> out = new ArrayList<>();
    for (List<PollRecord> operationPolls : byOperation(polls).values()) {
      PollRecord first = operationPolls.get(0);
      apis.byName(first.api()).ifPresent(api -> out.add(judge(api, first.operationId(), operationPolls,
          state.find(api.name(), first.operationId()).orElse(null), state, waivers)));
    }
    return out;
  }
}
