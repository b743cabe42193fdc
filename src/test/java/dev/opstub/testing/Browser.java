package dev.opstub.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Test-only: headless Chromium driven by Selenium, from the system's {@code chromium} and {@code
 * chromedriver} (Debian's packages; {@code .ci/run} installs them). Selenium Manager is never asked
 * to download a driver or a browser: both are given. Where they are missing, {@link #open()}
 * skips the test, saying what to install.
 *
 * <pre>{@code
 * try (Browser browser = Browser.open()) {
 *   browser.driver().get(url);
 *   assertThat(browser.errors()).isEmpty();
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {
  private static final String INSTALL = "install Debian's chromium and chromium-driver (apt-get install -y chromium "
      + "chromium-driver), or point -Dopstub.chromium and -Dopstub.chromedriver at a Chromium and its driver";
  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Whether a Chromium and its driver are installed. */
  public static boolean installed() {
    return chromium() != null && chromedriver() != null;
  }

  /**
   * Skips the running test, saying what to install, when no Chromium or driver is installed. Call
   * it in each test (a {@code @BeforeEach}): a skip in {@code @BeforeAll} is not reported per test.
   */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(installed(), () -> "No browser for this test (" + (chromium() == null ? "no chromium"
        : "no chromedriver") + " found): " + INSTALL);
  }

  private static Path chromium() {
    return executable("opstub.chromium", "chromium", "chromium-browser");
  }

  private static Path chromedriver() {
    return executable("opstub.chromedriver", "chromedriver");
  }

  /** A fresh headless browser; the test is skipped when no Chromium or driver is installed. */
  public static Browser open() {
    assumeInstalled();
    Path chromium = chromium();
    Path chromedriver = chromedriver();
    try {
      Path profile = Files.createTempDirectory("opstub-chromium");
      ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile());
      // The networking flags: without them its background connections are refused on a closed network.
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--window-size=1200,1000", "--user-data-dir=" + profile);
      options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
          .usingAnyFreePort().build();
      return new Browser(new ChromeDriver(service, options), profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  /**
   * Waits until {@code condition} holds for the page (a page that reloads itself may be caught
   * half-loaded: such a look is tried again); fails naming {@code what} after {@code patience}.
   */
  public void await(String what, Duration patience, java.util.function.Predicate<ChromeDriver> condition) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        if (condition.test(driver)) {
          return;
        }
      } catch (org.openqa.selenium.WebDriverException reloading) {
        // the page went away under the look: look again
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page did not show " + what + " within " + patience + ":\n" + driver.getPageSource());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  /** The browser console's errors (and failed loads) since the last call. */
  public List<LogEntry> errors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
  }

  /** A system property's file, else the first of {@code names} on the PATH (or in /usr/bin); {@code null} if none. */
  private static Path executable(String property, String... names) {
    String given = System.getProperty(property);
    if (given != null) {
      return Files.isExecutable(Path.of(given)) ? Path.of(given) : null;
    }
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String name : names) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException | UncheckedIOException ignored) {
        // a temp folder left behind is harmless
      }
    }
  }
}
