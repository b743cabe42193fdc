package dev.opstub.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.azure.ai.documentintelligence.models.AnalyzeDocumentOptions;
import dev.opstub.testing.AzureClients;
import dev.opstub.testing.Browser;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The trace page of a real client's run (Document Intelligence's poller, answered a 429 with
 * Retry-After on the way), opened in headless Chromium: it renders, one mark per poll, no console
 * error, its links lead to the class's page and back, and it reads without colour. Skipped, saying
 * what to install, where no Chromium is installed.
 */
class TracePageBrowserTest {
  @TempDir
  static Path dir;
  private static Browser browser;

  @BeforeAll
  static void runARealClientAndOpenABrowser() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(DocumentIntelligenceRun.class))
        .configurationParameter(TraceReports.DIR, dir.toString()).execute()
        .testEvents().assertStatistics(stats -> stats.succeeded(1));
    if (Browser.installed()) {
      browser = Browser.open();
    }
  }

  @BeforeEach
  void needsABrowser() {
    Browser.assumeInstalled();
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private static Path page() {
    return dir.resolve(DocumentIntelligenceRun.class.getName()).resolve("analyzesADocument.html");
  }

  @Test
  void theTracePageOfARealClientsRunRendersOneMarkPerPollWithoutConsoleErrors() {
    browser.driver().get(page().toUri().toString());

    assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("analyzesADocument()");
    List<WebElement> marks = browser.driver().findElements(By.cssSelector("svg.trace g.poll"));
    assertThat(marks).hasSize(DocumentIntelligenceRun.POLLS.get()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(marks).allSatisfy(mark -> assertThat(mark.getRect().getWidth()).isPositive());
    assertThat(browser.driver().findElements(By.cssSelector("g.poll[data-shape=triangle]"))).hasSize(1);
    assertThat(browser.driver().findElement(By.cssSelector("g.fault-answer")).getAttribute("textContent"))
        .contains("http(429").contains("retried after");
    assertThat(browser.driver().findElement(By.cssSelector("table caption")).getText())
        .as("Document Intelligence's poller keeps every rule").contains(" 0 violated");
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  void itReadsWithoutColourAlone() {
    browser.driver().get(page().toUri().toString());

    // Every mark says what it is in words (its title) and by its shape; the key names the shapes.
    assertThat(browser.driver().findElements(By.cssSelector("g.poll > title")))
        .allSatisfy(title -> assertThat(title.getAttribute("textContent")).matches("poll \\d+ at \\+.*: GET /.* \u2192 HTTP \\d{3} .+"));
    assertThat(browser.driver().findElements(By.cssSelector("g.poll")).stream().map(g -> g.getAttribute("data-shape"))
        .distinct()).contains("circle", "square", "triangle");
    assertThat(browser.driver().findElement(By.cssSelector("svg.trace")).getAttribute("textContent"))
        .contains("status (circle)", "terminal (square)", "fault (triangle)", "Wait asked", "Wait taken", "Verdicts");
    assertThat(browser.driver().findElement(By.cssSelector("svg.trace")).getAttribute("aria-labelledby")).isNotBlank();
    assertThat(browser.driver().findElements(By.tagName("h2"))).isNotEmpty();
    assertThat(browser.driver().findElement(By.tagName("header")).getText()).contains("Outcome: \u2713 passed");
    assertThat(browser.driver().findElements(By.cssSelector("table th[scope=col]"))).isNotEmpty();
  }

  @Test
  void theLinksLeadToTheClassPageAndBackToTheTest() {
    browser.driver().get(page().toUri().toString());

    browser.driver().findElement(By.linkText("Every test of " + DocumentIntelligenceRun.class.getName())).click();
    assertThat(browser.driver().findElement(By.tagName("h1")).getText())
        .isEqualTo("OpStub traces of " + DocumentIntelligenceRun.class.getName());
    browser.driver().findElement(By.linkText("analyzesADocument()")).click();
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(page().toUri().toString());
    browser.driver().navigate().back();
    browser.driver().findElement(By.linkText("Every test class")).click();
    assertThat(browser.driver().findElement(By.linkText(DocumentIntelligenceRun.class.getName()))).isNotNull();
    assertThat(browser.errors()).isEmpty();
  }

  @OperationStub(apiName = "azure", name = "analyze", timeline = "NotStarted, Running, http(429, Retry-After=1), "
      + "Running, Succeeded", retryAfter = "10ms",
      with = {"method=POST", "path=/documentintelligence/documentModels/[^/:]+:analyze", "statusCase=camelCase",
          "resultProperty=analyzeResult", "result={\"content\": \"scripted\"}"})
  static class DocumentIntelligenceRun {
    static final AtomicInteger POLLS = new AtomicInteger();

    @Test
    void analyzesADocument(OpStubServer server) {
      AzureClients.documentIntelligence(server.baseUrl())
          .beginAnalyzeDocument("any-model", new AnalyzeDocumentOptions("https://example.com/a.pdf")).getFinalResult();
      POLLS.set(server.pollsOf("analyze").size());
    }
  }
}
