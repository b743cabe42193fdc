package dev.opstub.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.internal.api.Apis;
import dev.opstub.spi.Recording.Observed;
import dev.opstub.spi.Recording;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A body over the cap keeps what a timeline is read from, and is never read past the cap. */
class BodiesTest {
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
  private static final Map<String, String> ATOM = Map.of("Content-Type", "application/atom+xml;type=entry");

  private static Recording dialect(String api) {
    return Apis.builtIn().byName(api).orElseThrow().recording().orElseThrow();
  }

  private static InputStream stream(String... parts) {
    InputStream in = new ByteArrayInputStream(new byte[0]);
    for (String part : parts) {
      in = new SequenceInputStream(in, new ByteArrayInputStream(part.getBytes(StandardCharsets.UTF_8)));
    }
    return in;
  }

  @Test
  void aBodyWithinTheCapIsKeptWhole() throws IOException {
    Bodies.Kept kept = Bodies.keep(stream("{\"status\":\"running\"}"), "application/json");

    assertThat(kept.text()).isEqualTo("{\"status\":\"running\"}");
    assertThat(kept.cut()).isNull();
  }

  @Test
  void aJsonStatusPaddedPastTheCapKeepsItsStatusAndACutMessage() throws IOException {
    String body = "{\"status\":\"failed\",\"message\":\"" + "m".repeat(5000) + "\",\"createdTime\":\"2026-12-01T10:00:00Z\","
        + "\"items\":[1,2,3],\"padding\":\"" + "x".repeat(3 * Bodies.MAX_BYTES) + "\",\"after\":\"never read\"}";

    Bodies.Kept kept = Bodies.keep(stream(body), "application/json");
    Observed observed = dialect("face").observed(200, JSON, kept.text()).orElseThrow();

    assertThat(kept.text().length()).isLessThan(20_000);
    assertThat(kept.cut()).contains("a body over the 1024 KiB a recording keeps of one");
    assertThat(observed.status()).isEqualTo("failed");
    assertThat(observed.detail()).isEqualTo("m".repeat(Bodies.MAX_VALUE_CHARS) + "...(cut)");
    assertThat(kept.text()).contains("\"createdTime\":\"2026-12-01T10:00:00Z\"").doesNotContain("never read");
  }

  @Test
  void aMediaAtomEntryPaddedPastTheCapKeepsItsStateErrorAndTarget() throws IOException {
    String head = "<?xml version=\"1.0\" encoding=\"utf-8\"?><entry xmlns=\"http://www.w3.org/2005/Atom\" "
        + "xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" "
        + "xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\"><content><m:properties>"
        + "<d:State>Failed</d:State><d:ErrorCode>InsufficientCapacity</d:ErrorCode>"
        + "<d:ErrorMessage>no room</d:ErrorMessage><d:TargetEntityId>nb:chid:UUID:1</d:TargetEntityId>"
        + "<d:Notes m:null=\"true\" /><d:Padding>";
    String body = head + "x".repeat(2 * Bodies.MAX_BYTES) + "</d:Padding></m:properties></content></entry>";

    Bodies.Kept kept = Bodies.keep(stream(body), "application/atom+xml");
    Observed observed = dialect("media").observed(200, ATOM, kept.text()).orElseThrow();

    assertThat(kept.cut()).isNotNull();
    assertThat(observed.status()).isEqualTo("Failed");
    assertThat(observed.detail()).isEqualTo("InsufficientCapacity: no room");
    assertThat(observed.target()).isEqualTo("nb:chid:UUID:1");
  }

  @Test
  void aBodyIsNeverReadPastTheCap() throws IOException {
    int[] read = {0};
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        read[0]++;
        return 'x';
      }
    };

    Bodies.Kept kept = Bodies.keep(new SequenceInputStream(stream("{\"status\":\"running\",\"p\":\""), endless),
        "application/json");

    assertThat(read[0]).isLessThanOrEqualTo(Bodies.MAX_BYTES + 1);
    assertThat(kept.text()).startsWith("{\"status\":\"running\"");
  }
}
