package dev.opstub.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.internal.api.Apis;
import dev.opstub.spi.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a recording's polls become, from recorded exchanges with fixed times (no server, no waiting). */
class CollapserTest {
  private static final String ID = "0c0c0c0c-0000-4000-8000-000000000042";
  private static final String POLL = "/face/v1.0-preview/operations/" + ID;
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private final List<Exchange> exchanges = new ArrayList<>();

  private void faceAnswer(long atMillis, int status, String body, String... headers) {
    Map<String, String> answer = new java.util.LinkedHashMap<>(Map.of("Content-Type", "application/json"));
    for (int i = 0; i < headers.length; i += 2) {
      answer.put(headers[i], headers[i + 1]);
    }
    exchanges.add(new Exchange(T0.plusMillis(atMillis), Request.get(POLL, "http://x",
        Map.of("Ocp-Apim-Subscription-Key", "0123456789abcdef")), status, answer, body));
  }

  private Collapser.Result collapse(boolean timed) {
    return new Collapser(Apis.builtIn(), timed).collapse(exchanges);
  }

  private static Object timeline(Collapser.Result result) {
    Map<?, ?> response = (Map<?, ?>) result.mappings().get(0).mapping().get("response");
    return ((Map<?, ?>) response.get("transformerParameters")).get("timeline");
  }

  @Test
  void equalPollsInARowBecomeOneCountedStep() {
    faceAnswer(0, 200, "{\"status\":\"running\"}");
    faceAnswer(100, 200, "{\"status\":\"running\"}");
    faceAnswer(200, 200, "{\"status\":\"running\"}");
    faceAnswer(300, 200, "{\"status\":\"succeeded\",\"resourceLocation\":\"/snapshots/x\"}");

    Collapser.Result result = collapse(false);

    assertThat(timeline(result)).isEqualTo("running x3, succeeded");
    assertThat(result.mappings().get(0).name()).isEqualTo("face-operation-" + ID + ".json");
    assertThat(result.mappings().get(0).mapping().toString()).contains("resourceLocation=/snapshots/x");
  }

  @Test
  void withTimingTimeAStepLastsUntilHalfwayToTheFirstPollThatSawTheNextStep() {
    faceAnswer(0, 200, "{\"status\":\"running\"}");
    faceAnswer(4000, 200, "{\"status\":\"running\"}");
    faceAnswer(4400, 200, "{\"status\":\"succeeded\"}");

    assertThat(timeline(collapse(true))).isEqualTo("running 4200ms, succeeded");
  }

  @Test
  void aTransientAnswerIsAFaultStepWithItsRetryAfterAndTheTimeAfterItCountsFromIt() {
    faceAnswer(0, 200, "{\"status\":\"running\"}");
    faceAnswer(1000, 429, "{\"error\":{\"code\":\"429\"}}", "Retry-After", "2");
    faceAnswer(3000, 503, "{}", "retry-after-ms", "1500", "Retry-After", "2");
    faceAnswer(5000, 200, "{\"status\":\"running\"}");
    faceAnswer(6000, 200, "{\"status\":\"failed\",\"message\":\"edited\"}");

    assertThat(timeline(collapse(false)))
        .isEqualTo("running, http(429, Retry-After=2000ms), http(503, Retry-After=1500ms), running, failed(edited)");
    assertThat(timeline(collapse(true)))
        .isEqualTo("running 500ms, http(429, Retry-After=2000ms), http(503, Retry-After=1500ms), running 2500ms, "
            + "failed(edited)");
  }

  @Test
  void aMessageTheNotationCannotHoldIsWrittenInTheJsonForm() {
    faceAnswer(0, 200, "{\"status\":\"failed\",\"message\":\"edited :) twice\"}");

    assertThat(timeline(collapse(false))).isEqualTo(List.of(Map.of("status", "failed", "message", "edited :) twice")));
  }

  @Test
  void pollsAfterTheTerminalStatusAndRefusedPollsAreLeftOutWithANote() {
    faceAnswer(0, 401, "{\"error\":{\"code\":\"401\"}}");
    faceAnswer(100, 200, "{\"status\":\"succeeded\"}");
    faceAnswer(200, 404, "{\"error\":{\"code\":\"NotFound\"}}");

    Collapser.Result result = collapse(false);

    assertThat(timeline(result)).isEqualTo("succeeded");
    assertThat(result.notes()).containsExactly(
        "face operation " + ID + ": a poll answered 401, which is about the request, not the operation's progress; "
            + "left out of the timeline",
        "face operation " + ID + ": 1 poll(s) after the terminal status left out (a timeline ends at its terminal status)");
  }

  @Test
  void aMediaAtomAnswerKeepsItsErrorCodeAndMessage() {
    String atom = "<?xml version=\"1.0\" encoding=\"utf-8\"?><entry xmlns=\"http://www.w3.org/2005/Atom\" "
        + "xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" "
        + "xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\"><content><m:properties>"
        + "<d:State>Failed</d:State><d:TargetEntityId>nb:chid:UUID:" + ID + "</d:TargetEntityId>"
        + "<d:ErrorCode>InsufficientCapacity</d:ErrorCode><d:ErrorMessage>no room &amp; no time</d:ErrorMessage>"
        + "</m:properties></content></entry>";
    exchanges.add(new Exchange(T0, Request.get("/api/Operations('nb:opid:UUID:" + ID + "')", "http://x", Map.of()),
        200, Map.of("Content-Type", "application/atom+xml;type=entry;charset=utf-8"), atom));

    Collapser.Result result = collapse(false);

    assertThat(timeline(result)).isEqualTo("Failed(InsufficientCapacity: no room & no time)");
    assertThat(result.mappings().get(0).mapping().toString()).contains("targetEntityId=nb:chid:UUID:" + ID);
  }

  @Test
  void secretsAreTheNamedHeadersValuesTheBearerTokenAndTheNamedQueryParameters() {
    exchanges.add(new Exchange(T0, new Request("GET", POLL, "http://x", Map.of("authorization", "Bearer tok-123456789",
        "X-Extra", "extra-secret-value", "Ocp-Apim-Subscription-Key", "short"), "",
        "subscription-key=query-key-123&sig=AbC%2Bsig%2Fnature%3D&code=fn-key-0987654&page=2&other=not-a-secret"),
        200, Map.of(), ""));

    Set<String> secrets = Recordings.secrets(exchanges, List.of("Authorization", "Ocp-Apim-Subscription-Key", "x-extra"),
        List.of("subscription-key", "sig", "Code"));

    assertThat(secrets).containsExactlyInAnyOrder("Bearer tok-123456789", "tok-123456789", "extra-secret-value",
        "query-key-123", "AbC%2Bsig%2Fnature%3D", "AbC+sig/nature=", "fn-key-0987654");
    assertThat(Recordings.scrub(Map.of("a", List.of("x TOK-123456789 y")), secrets))
        .isEqualTo(Map.of("a", List.of("x REDACTED y")));
  }
}
