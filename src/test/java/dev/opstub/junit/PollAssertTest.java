package dev.opstub.junit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.junit.RecordedPoll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each assertion passes on a good poll history and fails, showing the history, on a bad one. */
class PollAssertTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Map<String, String> KEY = Map.of("Ocp-Apim-Subscription-Key", "k", "Authorization", "Bearer t");

  private static RecordedPoll poll(long atMillis, String status, boolean terminal, Duration retryAfter, Map<String, String> headers) {
    return new RecordedPoll("face", "id-1", T0.plusMillis(atMillis), headers, 200, status, terminal, retryAfter);
  }

  private static List<RecordedPoll> goodHistory() {
    return List.of(
        poll(0, "running", false, Duration.ofMillis(100), KEY),
        poll(150, "running", false, Duration.ofMillis(100), KEY),
        poll(300, "succeeded", true, null, KEY));
  }

  private static PollAssert assertThatHistory(List<RecordedPoll> polls) {
    return new PollAssert("FACE id-1", polls);
  }

  @Test
  void aGoodHistoryPassesEveryAssertion() {
    assertThatCode(() -> assertThatHistory(goodHistory())
        .wasPolledExactly(3).wasPolledAtLeast(2).wasServed("running", "running", "succeeded")
        .stoppedPollingOnceTerminal().waitedAtLeastRetryAfterBetweenPolls()
        .sentSubscriptionKeyOnEveryPoll().sentBearerTokenOnEveryPoll().sentHeaderOnEveryPoll("authorization"))
        .doesNotThrowAnyException();
  }

  @Test
  void polledExactlyFailsShowingTheHistory() {
    assertThatThrownBy(() -> assertThatHistory(goodHistory()).wasPolledExactly(2))
        .hasMessageContaining("Expected operation FACE id-1 to be polled exactly 2 times, but was polled 3 times")
        .hasMessageContaining("Polls received:")
        .hasMessageContaining("1. +0ms HTTP 200 running Retry-After=100ms")
        .hasMessageContaining("3. +300ms HTTP 200 succeeded");
  }

  @Test
  void polledAtLeastFails() {
    assertThatThrownBy(() -> assertThatHistory(goodHistory()).wasPolledAtLeast(4))
        .hasMessageContaining("to be polled at least 4 times, but was polled 3 times");
  }

  @Test
  void wasServedFails() {
    assertThatThrownBy(() -> assertThatHistory(goodHistory()).wasServed("running", "succeeded"))
        .hasMessageContaining("to be served [running, succeeded], but was served [running, running, succeeded]");
  }

  @Test
  void stoppedPollingOnceTerminalFailsWhenTheClientKeptPolling() {
    List<RecordedPoll> polls = new ArrayList<>(goodHistory());
    polls.add(poll(400, "succeeded", true, null, KEY));
    polls.add(poll(500, "succeeded", true, null, KEY));

    assertThatThrownBy(() -> assertThatHistory(polls).stoppedPollingOnceTerminal())
        .hasMessageContaining("to stop polling once the status was terminal (poll 3), but it polled 2 more times");
  }

  @Test
  void stoppedPollingOnceTerminalFailsWhenNothingWasTerminal() {
    assertThatThrownBy(() -> assertThatHistory(goodHistory().subList(0, 2)).stoppedPollingOnceTerminal())
        .hasMessageContaining("no poll was served a terminal status");
  }

  @Test
  void waitedAtLeastRetryAfterFailsOnAnEagerClient() {
    List<RecordedPoll> eager = List.of(
        poll(0, "running", false, Duration.ofSeconds(1), KEY),
        poll(40, "succeeded", true, null, KEY));

    assertThatThrownBy(() -> assertThatHistory(eager).waitedAtLeastRetryAfterBetweenPolls())
        .hasMessageContaining("poll 2 came 40ms after poll 1, which asked for 1000ms");
  }

  @Test
  void sentSubscriptionKeyFailsNamingThePoll() {
    List<RecordedPoll> forgetful = List.of(poll(0, "running", false, null, KEY), poll(10, null, false, null, Map.of()));

    assertThatThrownBy(() -> assertThatHistory(forgetful).sentSubscriptionKeyOnEveryPoll())
        .hasMessageContaining("to send Ocp-Apim-Subscription-Key on every poll, but poll 2 did not")
        .hasMessageContaining("2. +10ms HTTP 200 (error)");
  }

  @Test
  void sentBearerTokenFailsOnAnotherScheme() {
    List<RecordedPoll> basic = List.of(poll(0, "InProgress", false, null, Map.of("Authorization", "Basic dXNlcg==")));

    assertThatThrownBy(() -> assertThatHistory(basic).sentBearerTokenOnEveryPoll())
        .hasMessageContaining("but poll 1 sent 'Basic ...'")
        .hasMessageNotContaining("dXNlcg==");
  }
}
