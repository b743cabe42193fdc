package dev.opstub.internal.report;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.conformance.Judge;
import dev.opstub.internal.conformance.Waivers;
import dev.opstub.internal.state.PollRecord;
import dev.opstub.internal.state.State;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.OperationView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The traces of what a server holds, read from its state: an operation's live view and its polls.
 *
 * <pre>{@code
 * List<Trace> traces = Traces.all(state, apis, Waivers.NONE, (api, id) -> null);
 * }</pre>
 */
public final class Traces {
  /** The most operations one page shows: a test that started more sees the first ones and a note. */
  public static final int MAX_PER_PAGE = 50;

  private Traces() {}


  /**
   * The trace of one operation (live or polled), headed by {@code heading} (or its API and id when
   * null), judged against its API's rules with {@code waivers} ({@code null}: not judged).
   */
  public static Trace of(Dialect api, State state, String id, String heading, Waivers waivers) {
    OperationView live = state.find(api.name(), id).orElse(null);
    return trace(api, state, live, live == null ? id : live.id(), state.polls(api.name(), id), heading, waivers);
  }

  /**
   * Every operation a server polled, in the order of their first polls, then every live one not
   * polled, at most {@link #MAX_PER_PAGE} (see {@link #count}).
   *
   * @param waivers the rules waived, or {@code null} to judge nothing
   * @param headings a heading for an operation ({@code stub "channel"}), or {@code null} for its API and id
   */
  public static List<Trace> all(State state, Apis apis, Waivers waivers, BiFunction<String, String, String> headings) {
    Map<List<String>, List<PollRecord>> byOperation = Judge.byOperation(state.polls());
    List<OperationView> unpolled = new ArrayList<>();
    for (OperationView live : state.operations(null, MAX_PER_PAGE + 1)) {
      if (!byOperation.containsKey(Judge.operationKey(live.api(), live.id()))) {
        unpolled.add(live);
      }
    }
    List<Trace> traces = new ArrayList<>();
    for (List<PollRecord> polls : byOperation.values()) {
      if (traces.size() == MAX_PER_PAGE) {
        return traces;
      }
      PollRecord first = polls.get(0);
      Dialect api = apis.byName(first.api()).orElse(null);
      if (api != null) {
        OperationView live = state.find(api.name(), first.operationId()).orElse(null);
        traces.add(trace(api, state, live, live == null ? first.operationId() : live.id(), polls,
            headings.apply(api.name(), first.operationId()), waivers));
      }
    }
    for (OperationView live : unpolled) {
      if (traces.size() == MAX_PER_PAGE) {
        break;
      }
      apis.byName(live.api()).ifPresent(api -> traces.add(trace(api, state, live, live.id(), List.of(),
          headings.apply(api.name(), live.id()), waivers)));
    }
    return traces;
  }

  private static Trace trace(Dialect api, State state, OperationView live, String id, List<PollRecord> polls,
      String heading, Waivers waivers) {
    String apiName = api.statuses().apiName();
    String title = heading == null ? apiName + " operation " + id : heading + " (" + apiName + " operation " + id + ")";
    return new Trace(title, apiName, api.name(), id, live == null ? null : live.timeline(), state(live), polls,
        waivers == null ? null : Judge.judge(api, id, polls, live, state, waivers).verdicts());
  }

  /** Where a live operation stands, in words: {@code running, step 2 of 3, 4 polls}. */
  public static String state(OperationView live) {
    if (live == null) {
      return null;
    }
    var now = live.now();
    String status = now.step().isFault() ? now.step().fault().notation() : now.step().status();
    return status + (live.canceled() ? " (canceled)" : "") + ", step " + (now.stepIndex() + 1) + " of "
        + live.timeline().steps().size() + ", " + now.number() + (now.number() == 1 ? " poll" : " polls");
  }

  /** Whether a live operation has finished (its step is terminal), as a look sees it now. */
  public static boolean finished(OperationView live) {
    return live.now().isTerminal();
  }
}
