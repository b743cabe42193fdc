package dev.opstub.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.opstub.testing.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.OutputDirectoryProvider;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * After each test the extension writes a trace page per test under {@code target/opstub-reports/}
 * (here a folder of the test's own), a page per class linking its tests, an index of the classes,
 * and attaches the test's page with JUnit's publishFile.
 */
class TraceReportsTest {
  static final String ID = "0c0c0c0c-0000-4000-8000-00000000f00d";
  static final String KEY = "Ocp-Apim-Subscription-Key";

  @TempDir
  Path dir;

  private EngineExecutionResults run(Class<?> testClass, String mode) {
    return run(testClass, mode, EngineTestKit.engine("junit-jupiter"));
  }

  private EngineExecutionResults run(Class<?> testClass, String mode, EngineTestKit.Builder kit) {
    var request = kit.selectors(selectClass(testClass)).configurationParameter(TraceReports.DIR, dir.toString());
    if (mode != null) {
      request = request.configurationParameter(TraceReports.MODE, mode);
    }
    return request.execute();
  }

  @Test
  void eachTestHasAPageNamedAfterItsClassAndMethodLinkedFromItsClassPageFailedFirst() throws IOException {
    run(TwoTests.class, null).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));

    Path classDir = dir.resolve(TwoTests.class.getName());
    assertThat(classDir.resolve("pollsToTheEnd.html")).exists();
    assertThat(classDir.resolve("failsAfterOnePoll.html")).exists();
    String classPage = Files.readString(classDir.resolve("index.html"));
    assertThat(classPage).contains("<h1>OpStub traces of " + TwoTests.class.getName() + "</h1>");
    assertThat(classPage.indexOf("href=\"failsAfterOnePoll.html\"")).isPositive()
        .isLessThan(classPage.indexOf("href=\"pollsToTheEnd.html\""));
    assertThat(classPage).contains("\u2717 failed").contains("\u2713 passed");
    assertThat(Files.readString(dir.resolve("index.html")))
        .contains("href=\"" + TwoTests.class.getName() + "/index.html\"");
    assertThat(Files.readString(classDir.resolve("failsAfterOnePoll.html")))
        .contains("Outcome: <span class=\"outcome-failed\">\u2717 failed</span>")
        .contains("the client gave up after one poll").contains("href=\"index.html\"");
  }

  @Test
  void aTestsPageShowsOneMarkPerPollWithTheFaultAndTheEarlyRetry() throws IOException {
    run(TwoTests.class, null);

    String page = Files.readString(dir.resolve(TwoTests.class.getName()).resolve("pollsToTheEnd.html"));
    assertThat(count(page, "<g class=\"poll ")).isEqualTo(4);
    assertThat(page).contains("data-poll=\"2\" data-shape=\"triangle\"")
        .contains("<h2 id=\"op-1\">@OperationStub &quot;snapshot&quot; (Face API operation " + ID + ")</h2>")
        .contains("Timeline <code>running, http(429, Retry-After=1000ms), running, succeeded</code>")
        .contains("poll 2: http(429, Retry-After=1000ms) \u2192 retried after")
        .contains("<strong>(early)</strong>")
        .as("the client that did not wait after the 429 is judged").contains("\u2717 waited-retry-after")
        .contains("<code>waited-retry-after</code>");
  }

  @Test
  void theTestsPageIsAttachedToTheTestWithPublishFile(@TempDir Path attachments) {
    List<Event> files = run(TwoTests.class, null, EngineTestKit.engine("junit-jupiter")
        .outputDirectoryProvider(new OutputDirectoryProvider() {
          @Override
          public Path getRootDirectory() {
            return attachments;
          }

          @Override
          public Path createOutputDirectory(TestDescriptor test) throws IOException {
            return Files.createDirectories(attachments.resolve(Integer.toHexString(test.getUniqueId().hashCode())));
          }
        })).allEvents().stream().filter(event -> event.getType() == EventType.FILE_ENTRY_PUBLISHED).toList();

    assertThat(files).hasSize(2);
    assertThat(files).allSatisfy(event -> assertThat(event.getPayload().orElseThrow().toString())
        .contains("opstub-trace.html"));
  }

  @Test
  void aLauncherThatTakesNoAttachmentsStillGetsThePagesAndPassingTestsPass() {
    // EngineTestKit without an output directory refuses publishFile, as a launcher may.
    run(TwoTests.class, null).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));

    assertThat(dir.resolve(TwoTests.class.getName()).resolve("pollsToTheEnd.html")).exists();
  }

  @Test
  void offWritesNoPage() throws IOException {
    run(TwoTests.class, "off").testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void failuresWritesThePagesOfFailedTestsOnly() {
    run(TwoTests.class, "failures");

    Path classDir = dir.resolve(TwoTests.class.getName());
    assertThat(classDir.resolve("failsAfterOnePoll.html")).exists();
    assertThat(classDir.resolve("pollsToTheEnd.html")).doesNotExist();
  }

  @Test
  void anUnknownModeFailsTheTestNamingTheAllowedOnes() {
    List<Event> failed = run(TwoTests.class, "sometimes").testEvents().failed().list();

    assertThat(failed).hasSize(2).anySatisfy(event -> assertThat(event.getPayload(
        org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
        .hasMessageContaining("opstub.reports=sometimes is not allowed: on (the default), off, or failures"));
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  @OperationStub(apiName = "face", name = "snapshot", id = ID,
      timeline = "running, http(429, Retry-After=1), running, succeeded")
  static class TwoTests {
    @Test
    void pollsToTheEnd(OpStubServer server) {
      String url = server.baseUrl() + "/face/v1.0-preview/operations/" + ID;
      for (int i = 0; i < 4; i++) {
        Http.get(url, KEY, "k"); // no wait at all: the 429's Retry-After is not honoured
      }
    }

    @Test
    void failsAfterOnePoll(OpStubServer server) {
      Http.get(server.baseUrl() + "/face/v1.0-preview/operations/" + ID, KEY, "k");
      throw new AssertionError("the client gave up after one poll");
    }
  }
}
