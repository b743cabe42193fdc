package dev.opstub.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.conformance.Waivers;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.state.PollDraft;
import dev.opstub.internal.state.State;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.OperationSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's picture of a trace, {@code docs/images/trace.svg}, is what the build draws from a
 * fixed run (fixed times, the real state and judgement): a Face client that honours a 429 and its
 * Retry-After, then polls once too early.
 */
class TracePictureTest {
  static final Path CHECKED_IN = Path.of("docs/images/trace.svg");
  static final Path DRAWN = Path.of("target/opstub-picture/trace.svg");
  static final String ID = "0c0c0c0c-0000-4000-8000-000000000042";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The fixed run: polls at +0, +1.02 s (the 429), +2.05 s and +2.5 s (early: 1 s was asked). */
  static Trace fixedRun() {
    State state = new InMemoryState(10);
    Dialect face = Apis.builtIn().byName("face").orElseThrow();
    state.put(face.name(), new OperationSpec(ID, TimelineParser.parse("running, http(429, Retry-After=1), running, "
        + "succeeded", face.statuses()), "/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc", null));
    for (long at : new long[] {0, 1020, 2050, 2500}) {
      state.poll(face.name(), ID, null, new PollDraft(T0.plusMillis(at), Map.of("Ocp-Apim-Subscription-Key", "k"),
          () -> 404, phase -> phase.name().toLowerCase(Locale.ROOT), Duration.ofSeconds(1), "GET",
          "/face/v1.0-preview/operations/" + ID, ""));
    }
    return Traces.of(face, state, ID, "A Face client", Waivers.NONE);
  }

  @Test
  void theReadmesPictureIsWhatTheBuildDraws() throws IOException {
    String drawn = TraceSvg.document(fixedRun());
    Files.createDirectories(DRAWN.getParent());
    Files.writeString(DRAWN, drawn, StandardCharsets.UTF_8);

    assertThat(Files.readString(CHECKED_IN, StandardCharsets.UTF_8))
        .as("%s is not what the build draws now: copy %s over it", CHECKED_IN, DRAWN).isEqualTo(drawn);
  }

  @Test
  void thePictureShowsEachPollTheFaultItsRetryAndTheEarlyPollJudged() {
    String svg = TraceSvg.document(fixedRun());

    assertThat(svg.split("<g class=\"poll ", -1)).hasSize(5);
    assertThat(svg).contains("data-poll=\"2\" data-shape=\"triangle\"", "data-poll=\"4\" data-shape=\"square\"",
        "poll 2: http(429, Retry-After=1000ms) \u2192 retried after 1.03 s", ">early</text>",
        "\u2717 waited-retry-after", "1 violated (waited-retry-after)");
  }

  @Test
  void whatAClientSentIsEscapedSoThePictureStaysWellFormedXmlAndReadsBackAsSent() throws Exception {
    String heading = "A <client> & \"its\" 'poller'";
    String query = "a=1&b=<2>&c=\"3\"\t";
    State state = new InMemoryState(10);
    Dialect face = Apis.builtIn().byName("face").orElseThrow();
    state.put(face.name(), new OperationSpec(ID, TimelineParser.parse("running, succeeded", face.statuses()), null, null));
    for (long at : new long[] {0, 1000}) {
      state.poll(face.name(), ID, null, new PollDraft(T0.plusMillis(at), Map.of(), () -> 404,
          phase -> phase.name().toLowerCase(Locale.ROOT), null, "GET", "/face/v1.0-preview/operations/" + ID, query));
    }
    String svg = TraceSvg.document(Traces.of(face, state, ID, heading, Waivers.NONE));

    org.w3c.dom.Document parsed = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(parsed.getElementsByTagName("title").item(0).getTextContent()).startsWith("Trace of " + heading + " (");
    assertThat(parsed.getDocumentElement().getTextContent()).contains("b=<2>");
    assertThat(svg).doesNotContain("b=<2>").contains("b=&lt;2&gt;");
  }

  @Test
  void theSameRunIsDrawnTheSameByteForByte() {
    assertThat(TraceSvg.document(fixedRun())).isEqualTo(TraceSvg.document(fixedRun()));
  }
}
