package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.testing.Browser;
import dev.opstub.testing.Http;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * {@code /__admin/opstub/ui} on the real standalone jar, opened in headless Chromium while a client
 * polls: the page follows each poll by reloading itself, links the operation's trace, and stands
 * still once the operation has finished. Skipped, saying what to install, without a browser.
 */
class StandaloneUiIT {
  static final String ID = "0c0c0c0c-0000-4000-8000-0000000000b7";
  /** Long enough for a loaded machine: the wait ends as soon as the page shows the poll. */
  static final Duration RELOAD = Duration.ofSeconds(30);
  private static StandaloneServer server;
  private static Browser browser;

  @BeforeAll
  static void start() {
    server = StandaloneServer.startWithRepositoryMappings();
    if (Browser.installed()) {
      browser = Browser.open();
    }
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void needsABrowser() {
    Browser.assumeInstalled();
  }

  private static void poll() {
    Http.get(server.baseUrl() + "/face/v1.0-preview/operations/" + ID, "Ocp-Apim-Subscription-Key", "k");
  }

  private static String cell(String api) {
    return browser.driver().findElement(By.xpath("//section[h2[@id='api-" + api + "']]//tr[td/a[text()='" + ID + "']]"))
        .getText();
  }

  @Test
  void theUiFollowsAClientThatPollsAndLinksTheOperationsTrace() {
    assertThat(Http.send("POST", server.baseUrl() + "/__admin/opstub/operations", "{\"api\": \"face\", \"id\": \""
        + ID + "\", \"timeline\": \"running x2, http(429, Retry-After=1), succeeded\"}").statusCode()).isEqualTo(201);
    poll();
    browser.driver().get(server.baseUrl() + "/__admin/opstub/ui");
    assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("OpStub: live operations");
    assertThat(browser.driver().findElements(By.cssSelector("main section h2"))).extracting(e -> e.getAttribute("id"))
        .contains("api-face", "api-media", "api-azure");
    assertThat(cell("face")).isEqualTo(ID + " running running 1 running x2, http(429, Retry-After=1000ms), succeeded");

    poll(); // the client polls while the page is open: it reloads and shows the second poll
    browser.await("the second poll", RELOAD, d -> cell("face").contains(" 2 "));

    browser.driver().findElement(By.linkText(ID)).click();
    assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Face API operation " + ID);
    assertThat(browser.driver().findElements(By.cssSelector("svg.trace g.poll"))).hasSize(2);
    poll();
    poll();
    browser.await("the fourth poll", RELOAD, d -> d.findElements(By.cssSelector("svg.trace g.poll")).size() == 4);
    assertThat(browser.driver().findElements(By.cssSelector("g.poll[data-shape=triangle]"))).hasSize(1);
    assertThat(browser.driver().findElements(By.cssSelector("meta[http-equiv=refresh]")))
        .as("finished: the trace stands still").isEmpty();

    browser.driver().findElement(By.linkText("Every live operation")).click();
    assertThat(cell("face")).startsWith(ID + " finished succeeded 4 ");
    assertThat(browser.errors()).isEmpty();
  }
}
