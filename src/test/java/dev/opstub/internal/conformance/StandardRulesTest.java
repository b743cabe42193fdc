package dev.opstub.internal.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.internal.face.FaceApi;
import dev.opstub.internal.state.PollRecord;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule on polls made by hand: where it passes, where it is broken (and at which poll), where it does not apply. */
class StandardRulesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String MONITOR = "/svc/operations/op1";

  /** Polls built one at a time: {@code at} milliseconds after the first, what was answered, where it went. */
  private static final class Polls {
    final List<PollRecord> list = new ArrayList<>();

    Polls add(long at, int http, String status, boolean terminal, Long retryAfterMs, String path, String query,
        Map<String, String> headers) {
      list.add(new PollRecord("azure", "op1", T0.plusMillis(at), headers, http, status, terminal,
          retryAfterMs == null ? null : Duration.ofMillis(retryAfterMs), "GET", path, query));
      return this;
    }

    Polls running(long at, Long retryAfterMs) {
      return add(at, 200, "Running", false, retryAfterMs, MONITOR, "api-version=1", Map.of("api-key", "k"));
    }

    Polls succeeded(long at) {
      return add(at, 200, "Succeeded", true, null, MONITOR, "api-version=1", Map.of("api-key", "k"));
    }

    Polls fault(long at, int http, Long retryAfterMs) {
      return add(at, http, "http(" + http + ")", false, retryAfterMs, MONITOR, "api-version=1", Map.of("api-key", "k"));
    }
  }

  private static Expectations expect(int readsAfterTerminal, Timeline timeline) {
    return new Expectations("operation-location", MONITOR, false, "1", readsAfterTerminal, "one result fetch",
        List.of("api-key", "Authorization"), null, timeline);
  }

  private static Timeline timeline(String notation) {
    return TimelineParser.parse(notation, FaceApi.INSTANCE.statuses());
  }

  private static Verdict judge(Rule rule, Polls polls, Expectations expected) {
    return rule.judge(new Trace("azure", "op1", polls.list, expected));
  }

  private static Verdict judge(Rule rule, Polls polls) {
    return judge(rule, polls, expect(0, timeline("running x2, succeeded")));
  }

  @Test
  void waitedRetryAfterNamesThePollThatCameTooSoonAndHowSoon() {
    Rule rule = StandardRules.waitedRetryAfter("src");

    assertThat(judge(rule, new Polls().running(0, 1000L).running(1000, 1000L).succeeded(2500)).outcome())
        .isEqualTo(Outcome.PASSED);
    Verdict broken = judge(rule, new Polls().running(0, 1000L).running(1000, 1000L).succeeded(1200));
    assertThat(broken.lines()).containsExactly("waited-retry-after, poll 3: expected at least 1000 ms after poll 2 "
        + "(its Retry-After); happened: came 200 ms after poll 2");
    assertThat(judge(rule, new Polls().running(0, null).succeeded(5)).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
  }

  @Test
  void aResultFetchOfTheMonitorAfterSucceededIsAllowedWhereThePatternHasOneAndNothingMore() {
    Rule rule = StandardRules.stoppedOnceTerminal("src");
    Polls fetchOnce = new Polls().running(0, null).succeeded(10).succeeded(20);
    Polls fetchTwice = new Polls().running(0, null).succeeded(10).succeeded(20).succeeded(30);

    assertThat(judge(rule, fetchOnce, expect(1, null)).outcome()).isEqualTo(Outcome.PASSED);
    assertThat(judge(rule, fetchTwice, expect(1, null)).lines()).containsExactly("stopped-once-terminal, poll 4: "
        + "expected no poll after poll 2 (served Succeeded) beyond the pattern's one final read; happened: polled again: "
        + "HTTP 200 Succeeded");
    assertThat(judge(rule, fetchOnce, expect(0, null)).violations()).extracting(Violation::poll).containsExactly(3);
    assertThat(judge(rule, new Polls().running(0, null)).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
  }

  @Test
  void followingTheUrlAllowsAChangedApiVersionButNotADroppedOneOrAUrlOfItsOwn() {
    Rule rule = StandardRules.followedHandedUrl("src");

    Polls rewritten = new Polls().add(0, 200, "Running", false, null, MONITOR, "api-version=2024-11-30", Map.of())
        .succeeded(10);
    assertThat(judge(rule, rewritten).outcome()).isEqualTo(Outcome.PASSED);
    Polls dropped = new Polls().running(0, null).add(10, 200, "Succeeded", true, null, MONITOR, "", Map.of());
    assertThat(judge(rule, dropped).lines()).containsExactly("followed-handed-url, poll 2: expected "
        + MONITOR + "?api-version=1 (the URL it was handed); happened: polled " + MONITOR + " (api-version dropped)");
    Polls own = new Polls().running(0, null).add(10, 200, "Succeeded", true, null, "/operations/op1", "api-version=1",
        Map.of());
    assertThat(judge(rule, own).lines()).singleElement().asString().endsWith("happened: polled /operations/op1"
        + "?api-version=1 (a URL of its own)");
  }

  @Test
  void aRelativeHandedUrlIsFollowedOnTheClientsOwnEndpointAlsoPercentEncoded() {
    Rule rule = StandardRules.followedHandedUrl("src");
    Expectations media = new Expectations("operation-id", "Operations('nb:opid:UUID:1')", true, null, 0, "none",
        List.of(), null, null);

    Polls encoded = new Polls().add(0, 200, "InProgress", false, null, "/acct/api/Operations(%27nb%3Aopid%3AUUID%3A1%27)",
        "", Map.of()).add(5, 200, "Succeeded", true, null, "/acct/api/Operations('nb:opid:UUID:1')", "", Map.of());
    Polls other = new Polls().add(0, 200, "InProgress", false, null, "/acct/api/Operations('nb:opid:UUID:2')", "",
        Map.of());

    assertThat(judge(rule, encoded, media).outcome()).isEqualTo(Outcome.PASSED);
    assertThat(judge(rule, other, media).lines()).singleElement().asString()
        .contains("expected a URL ending Operations('nb:opid:UUID:1') (the URL it was handed)");
  }

  @Test
  void withoutTheHandedUrlEveryPollMustGoWhereTheFirstWent() {
    Rule rule = StandardRules.followedHandedUrl("src");
    Expectations gone = new Expectations("unknown", null, false, null, 0, "none", List.of(), null, null);

    Polls wandering = new Polls().running(0, null).add(5, 200, "Running", false, null, "/elsewhere/op1", "", Map.of());

    assertThat(judge(rule, wandering, gone).violations()).extracting(Violation::poll).containsExactly(2);
  }

  @Test
  void aFaultThatWasNeverRetriedAndRetriesThatComeFasterAreCaught() {
    Rule rule = StandardRules.retriedFaults("src");

    assertThat(judge(rule, new Polls().running(0, null).fault(10, 429, 1000L).succeeded(1010)).outcome())
        .isEqualTo(Outcome.PASSED);
    assertThat(judge(rule, new Polls().running(0, null).fault(10, 429, 1000L)).lines())
        .containsExactly("retried-faults, poll 2: expected a retry after HTTP 429 http(429); happened: no poll came after it");
    Polls shrinking = new Polls().fault(0, 503, null).fault(400, 503, null).fault(500, 503, null).succeeded(900);
    assertThat(judge(rule, shrinking).lines()).containsExactly("retried-faults, poll 3: expected a wait after poll 2 "
        + "no shorter than the 400 ms after the fault before it (backing off); happened: came 100 ms after poll 2");
    Polls growing = new Polls().fault(0, 503, null).fault(100, 503, null).fault(300, 503, null).succeeded(700);
    assertThat(judge(rule, growing).outcome()).isEqualTo(Outcome.PASSED);
    assertThat(judge(rule, new Polls().running(0, null).succeeded(5)).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
  }

  @Test
  void aTimedStepBoundsThePollsByItsSpanOverTheSmallestWaitServed() {
    Rule rule = StandardRules.boundedPolls("src");
    Expectations timed = expect(0, timeline("running 2s, succeeded"));
    Polls patient = new Polls();
    Polls eager = new Polls();
    for (int i = 0; i < 5; i++) {
      patient.running(i * 500L, 500L);
    }
    for (int i = 0; i < 10; i++) {
      eager.running(i * 10L, 500L);
    }

    assertThat(judge(rule, patient.succeeded(2500), timed).outcome()).isEqualTo(Outcome.PASSED);
    // 2 s over 500 ms is 4 polls, one more for the edge, one for the end: 6.
    assertThat(judge(rule, eager.succeeded(2000), timed).lines()).containsExactly("bounded-polls, poll 7: expected at "
        + "most 6 polls to reach the end of \"running 2000ms, succeeded\"; happened: 11 polls to reach it");
    assertThat(judge(rule, eager, expect(0, timeline("running"))).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    assertThat(judge(rule, new Polls().running(0, null), timed).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
  }

  @Test
  void theCredentialIsAskedOnEveryPollOnlyOfAClientThatSentOne() {
    Rule rule = StandardRules.sentCredential("src");
    Polls dropped = new Polls().running(0, null).add(5, 200, "Succeeded", true, null, MONITOR, "", Map.of());
    Polls none = new Polls().add(0, 200, "Succeeded", true, null, MONITOR, "", Map.of("api-key", " "));

    assertThat(judge(rule, dropped).lines()).containsExactly("sent-credential, poll 2: expected a credential "
        + "(api-key or Authorization); happened: none was sent");
    assertThat(judge(rule, none).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    Expectations startWithout = new Expectations("p", MONITOR, false, null, 0, "none", List.of("api-key"), false, null);
    assertThat(judge(rule, dropped, startWithout).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
  }

  @Test
  void anIdTheServerNeverServedIsCaughtAtItsFirstPoll() {
    Rule rule = StandardRules.polledHandedIds("src");
    Polls stranger = new Polls().add(0, 404, null, false, null, MONITOR, "", Map.of())
        .add(5, 404, null, false, null, MONITOR, "", Map.of());

    assertThat(judge(rule, stranger, expect(0, null)).lines()).containsExactly("polled-handed-ids, poll 1: expected an "
        + "id the server handed out; happened: polled op1, which it never served (HTTP 404 and 1 more polls of it)");
    assertThat(judge(rule, new Polls().running(0, null), expect(0, null)).outcome()).isEqualTo(Outcome.PASSED);
  }

  @Test
  void aWaiverKeepsTheViolationsToShowAndNeedsAReason() {
    Verdict broken = judge(StandardRules.waitedRetryAfter("src"), new Polls().running(0, 1000L).succeeded(10));
    Verdict notApplicable = judge(StandardRules.retriedFaults("src"), new Polls().succeeded(0));
    Waivers waivers = Waivers.NONE.with(Rules.WAITED_RETRY_AFTER, "a load test").with(Rules.RETRIED_FAULTS, "none");

    assertThat(waivers.apply(broken).outcome()).isEqualTo(Outcome.WAIVED);
    assertThat(waivers.apply(broken).violations()).hasSize(1);
    assertThat(waivers.apply(broken).note()).isEqualTo("a load test");
    assertThat(waivers.apply(notApplicable).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    assertThatThrownBy(() -> Waivers.NONE.with(Rules.BOUNDED_POLLS, "")).hasMessageContaining("needs a reason");
  }

  @Test
  void noPollsMeansNoRuleApplies() {
    for (Rule rule : List.of(StandardRules.waitedRetryAfter("s"), StandardRules.polledHandedIds("s"))) {
      assertThat(judge(rule, new Polls()).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }
  }
}
