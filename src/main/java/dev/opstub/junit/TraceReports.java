package dev.opstub.junit;

import dev.opstub.internal.report.ReportPages;
import dev.opstub.internal.report.Trace;
import dev.opstub.internal.report.Traces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.MediaType;

/**
 * The trace pages written after each test: {@code <dir>/<test class>/<test>.html} (what the test
 * did to each operation, judged), {@code <dir>/<test class>/index.html} (its tests, failed first)
 * and {@code <dir>/index.html} (every class), {@code <dir>} being {@code target/opstub-reports} in
 * the test JVM's working directory. The test's page is attached to the test with JUnit's {@code
 * publishFile} (JUnit 5.12 and later), so build tools that show attachments show it.
 *
 * <p>On by default, so the page of a test that failed on CI is there without a second run; the
 * JUnit configuration parameter (or system property) {@code opstub.reports} turns it {@code off},
 * or to {@code failures} (pages of failed tests only); {@code opstub.reports.dir} moves it.
 */
final class TraceReports {
  /** The configuration parameter that turns the pages on, off or to failures only. */
  static final String MODE = "opstub.reports";
  /** The configuration parameter naming the folder (default {@value #DEFAULT_DIR}). */
  static final String DIR = "opstub.reports.dir";
  static final String DEFAULT_DIR = "target/opstub-reports";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TraceReports.class);
  private static final Object INDEX_LOCK = new Object();

  private TraceReports() {}

  /** A test class's page: the tests written so far in this JVM. */
  private static final class ClassPage {
    final Path dir;
    final List<ReportPages.TestEntry> tests = new ArrayList<>();

    ClassPage(Path dir) {
      this.dir = dir;
    }
  }

  /** Writes (and attaches) the page of the test that just ran on {@code server}, unless turned off. */
  static void afterTest(ExtensionContext context, StubServer server) {
    String mode = context.getConfigurationParameter(MODE).orElse("on").trim().toLowerCase(Locale.ROOT);
    Throwable failure = context.getExecutionException().orElse(null);
    switch (mode) {
      case "on", "true", "" -> { }
      case "off", "false" -> {
        return;
      }
      case "failures" -> {
        if (failure == null) {
          return;
        }
      }
      default -> throw new org.junit.jupiter.api.extension.ExtensionConfigurationException(MODE + "=" + mode
          + " is not allowed: on (the default), off, or failures (pages of failed tests only)");
    }
    Path root = Path.of(context.getConfigurationParameter(DIR).orElse(DEFAULT_DIR)).toAbsolutePath();
    Class<?> testClass = context.getRequiredTestClass();
    ClassPage classPage = classPage(context, root.resolve(fileName(testClass.getName())));
    List<StubSpec> specs = server.specs();
    List<Trace> traces = Traces.all(server.pack().state(), server.pack().apis(), server.waivers(),
        (api, id) -> heading(specs, api, id));
    String outcome = failure == null ? "passed"
        : failure.getClass().getName().equals("org.opentest4j.TestAbortedException") ? "aborted" : "failed";
    String file = testFileName(context);
    String page = ReportPages.testPage(new ReportPages.TestRun(testClass.getName(), testName(context), outcome,
        failure == null ? null : clip(failure.toString()), "index.html"), traces);
    Path written = classPage.dir.resolve(file);
    synchronized (classPage) {
      write(written, page);
      classPage.tests.removeIf(entry -> entry.file().equals(file));
      classPage.tests.add(new ReportPages.TestEntry(file, testName(context), outcome, traces.size(),
          traces.stream().mapToInt(t -> t.polls().size()).sum(), traces.stream().mapToLong(Trace::violations).sum()));
      write(classPage.dir.resolve("index.html"), ReportPages.classPage(testClass.getName(), "../index.html",
          classPage.tests));
    }
    context.publishReportEntry("opstub.trace", written.toUri().toString());
    attach(context, written);
  }

  /**
   * The test's page as a file attached to it; nothing on a JUnit older than 5.12, which cannot, or
   * with a launcher that takes no files (EngineTestKit's default): the page is on disk all the same,
   * and the report entry names it.
   */
  private static void attach(ExtensionContext context, Path page) {
    try {
      context.publishFile("opstub-trace.html", MediaType.create("text", "html", StandardCharsets.UTF_8),
          target -> Files.copy(page, target, StandardCopyOption.REPLACE_EXISTING));
    } catch (LinkageError | RuntimeException cannotAttach) {
      // see above
    }
  }

  /** The class's page, made (and its folder emptied of an earlier run's pages) on its first test. */
  private static ClassPage classPage(ExtensionContext context, Path dir) {
    ExtensionContext classContext = context;
    while (classContext.getElement().orElse(null) != context.getRequiredTestClass() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    // Keyed by the class: a look-up falls back to the enclosing class's store, whose page is another.
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(context.getRequiredTestClass(), k -> {
      try {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
          for (Path file : old.filter(f -> f.toString().endsWith(".html")).toList()) {
            Files.deleteIfExists(file);
          }
        }
        index(dir.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("OpStub cannot write its trace pages under " + dir
            + " (set " + DIR + "=<folder> or " + MODE + "=off)", e);
      }
      return new ClassPage(dir);
    }, ClassPage.class);
  }

  /** Rewrites {@code <dir>/index.html}: every class folder there. */
  private static void index(Path root) throws IOException {
    synchronized (INDEX_LOCK) {
      List<String> classes;
      try (Stream<Path> dirs = Files.list(root)) {
        classes = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
      }
      write(root.resolve("index.html"), ReportPages.indexPage(classes));
    }
  }

  /** How the page heads an operation: by the test's stub that scripts it, if any. */
  private static String heading(List<StubSpec> specs, String api, String id) {
    for (StubSpec spec : specs) {
      if (spec.api().name().equals(api) && spec.id() != null && spec.id().equalsIgnoreCase(id)) {
        return spec.name() == null || spec.name().isEmpty() ? "@OperationStub" : "@OperationStub \"" + spec.name() + "\"";
      }
    }
    for (StubSpec spec : specs) {
      if (spec.api().name().equals(api) && spec.id() == null) {
        return (spec.name() == null || spec.name().isEmpty() ? "@OperationStub" : "@OperationStub \"" + spec.name() + "\"")
            + ", started by the client";
      }
    }
    return null;
  }

  private static String testName(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    String display = context.getDisplayName();
    String plain = method.getName() + "(";
    return display.startsWith(plain) ? method.getName() + "()" : method.getName() + " \u2014 " + display;
  }

  /**
   * The test's file name, the same on every run: its method's name; with the parameter types when
   * the class has more than one method of that name; with the invocation's number for a repeated
   * or parameterized test.
   */
  static String testFileName(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    StringBuilder name = new StringBuilder(method.getName());
    boolean overloaded = Arrays.stream(method.getDeclaringClass().getDeclaredMethods())
        .filter(m -> m.getName().equals(method.getName())).count() > 1;
    if (overloaded) {
      name.append('(');
      Arrays.stream(method.getParameterTypes()).forEach(t -> name.append(t.getSimpleName()).append(','));
      name.append(')');
    }
    // The unique id's last segment, [method:...] or [test-template-invocation:#2] and the like.
    String id = context.getUniqueId();
    String last = id.substring(id.lastIndexOf("/[") + 2);
    if (!last.startsWith("method:")) {
      name.append('-').append(last, last.indexOf(':') + 1, last.length() - 1);
    }
    return fileName(name.toString()) + ".html";
  }

  /** A name as one file name on every file system: letters, digits, {@code . _ - $} and {@code _} for the rest. */
  static String fileName(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      out.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '-' || c == '$' ? c : '_');
    }
    return out.length() > 150 ? out.substring(0, 150) : out.toString();
  }

  private static String clip(String text) {
    return text.length() > 4_000 ? text.substring(0, 4_000) + "\u2026" : text;
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      // Whole or not at all: forked test JVMs rewrite the same index pages, and a reader may open one meanwhile.
      Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
      try {
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("OpStub cannot write its trace page " + file + " (set " + DIR
          + "=<folder> or " + MODE + "=off)", e);
    }
  }
}
