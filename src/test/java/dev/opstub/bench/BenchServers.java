package dev.opstub.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.ExtensionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/** The one server configuration every benchmark uses, the stubs, and the request plans. */
final class BenchServers {
  static final String TIMELINE = "running x2, succeeded";
  static final String RESOURCE_LOCATION = "/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc";
  static final String PATH_PREFIX = "/face/v1.0-preview/operations/";
  static final String PATH_REGEX = "/face/v1\\.0-preview/operations/[^/]+";
  static final String TEMPLATE = "opstub/face/operation-status.json";
  static final String KEY_HEADER = "Ocp-Apim-Subscription-Key: bench-key";

  private BenchServers() {}

  /**
   * A root directory laid out like the repository for the standalone jar: an empty {@code
   * mappings/} and {@code __files/opstub/face/operation-status.json} (the shipped template, read
   * from the classpath copy the build bundles).
   */
  static Path rootWithTemplate() throws IOException {
    Path root = Files.createTempDirectory("opstub-bench");
    Files.createDirectories(root.resolve("mappings"));
    Path template = root.resolve("__files").resolve(TEMPLATE);
    Files.createDirectories(template.getParent());
    try (InputStream in = BenchServers.class.getClassLoader().getResourceAsStream("dev/opstub/pack/__files/" + TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("run test-compile first: the bundled template is missing");
      }
      Files.copy(in, template);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
    return root;
  }

  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a temporary directory left behind
    }
  }

  /**
   * The configuration of every server here: in-process, loopback, a free port, the pack, no
   * request journal (WireMock's journal keeps every request unbounded by default; under load it
   * grows the heap by the run's length, the same for every case, so it is off for all of them).
   */
  static WireMockServer start(Path root, ExtensionFactory pack) {
    WireMockServer server = new WireMockServer(options()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .disableRequestJournal()
        .usingFilesUnderDirectory(root.toString())
        .extensions(pack));
    server.start();
    return server;
  }

  /** Case A: the pack's Face poll, as the shipped mappings write it (template from __files). */
  static MappingBuilder opStubPoll() {
    return get(urlPathMatching(PATH_REGEX)).willReturn(aResponse().withStatus(200)
        .withBodyFile(TEMPLATE)
        .withTransformers("opstub-face-operation")
        .withTransformerParameters(Map.of("timeline", TIMELINE, "resourceLocation", RESOURCE_LOCATION)));
  }

  /** The Face operation id number {@code n}: a lower-case uuid. */
  static String faceId(long n) {
    String hex = Long.toHexString(n);
    return "b0000000-0000-4000-8000-" + "000000000000".substring(hex.length()) + hex;
  }

  /** Every thread takes a fresh id and polls it three times (running, running, succeeded). */
  static IntFunction<LoadGenerator.Paths> threePollsPerFreshId(AtomicLong ids) {
    return thread -> new LoadGenerator.Paths() {
      private String path;
      private int left;

      @Override
      public String next() {
        if (left == 0) {
          path = PATH_PREFIX + faceId(ids.getAndIncrement());
          left = 3;
        }
        left--;
        return path;
      }
    };
  }

  /** A new temporary root holding a copy of the project's shipped {@code mappings/} and {@code __files/}. */
  static Path shippedCopy(Path project, String prefix) throws IOException {
    Path root = Files.createTempDirectory(prefix);
    copyTree(project.resolve("mappings"), root.resolve("mappings"));
    copyTree(project.resolve("__files"), root.resolve("__files"));
    return root;
  }

  /** Copies a folder tree. */
  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
