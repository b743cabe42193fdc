package dev.opstub.standalone;

import dev.opstub.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stock {@code wiremock-standalone} jar started in its own JVM with the classpath that
 * {@code mvn package} leaves in {@code target/standalone/}, as the README's run command does.
 */
final class StandaloneServer implements AutoCloseable {
  private final Process process;
  private final Path log;
  final int port;

  private StandaloneServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  private static final Duration STARTUP = Duration.ofMinutes(3);

  static Path repositoryRoot() {
    return Path.of(System.getProperty("opstub.root.dir", ".")).toAbsolutePath().normalize();
  }

  static Path standaloneDir() {
    Path dir = Path.of(System.getProperty("opstub.standalone.dir", "target/standalone")).toAbsolutePath();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(dir + " is missing: run `mvn package` (or `mvn verify`) first");
    }
    return dir;
  }

  /** {@code target/opstub-<version>-standalone.jar}, the shaded jar the build attaches. */
  static Path standaloneJar() {
    Path jar = Path.of(System.getProperty("opstub.standalone.jar", "target/opstub-standalone.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run `mvn package` (or `mvn verify`) first");
    }
    return jar;
  }

  /** The stock {@code wiremock-standalone} jar the README's classpath holds. */
  static Path wireMockJar() {
    return standaloneDir().resolve("wiremock-standalone-" + wireMockVersion() + ".jar");
  }

  static String wireMockVersion() {
    return System.getProperty("opstub.wiremock.version");
  }

  /** The README's classpath, {@code target/standalone/*}: the stock jar and the OpStub jar. */
  static List<String> classpath() {
    return List.of(standaloneDir().resolve("*").toString());
  }

  /** The oldest WireMock 3.x the README claims the OpStub jar runs on. */
  static String oldestWireMockVersion() {
    return System.getProperty("opstub.wiremock.oldest.version");
  }

  /** The stock jar of {@link #oldestWireMockVersion()}, in a folder of its own. */
  static Path oldestWireMockJar() {
    Path jar = Path.of(System.getProperty("opstub.standalone.oldest.dir", "target/standalone-oldest"))
        .resolve("wiremock-standalone-" + oldestWireMockVersion() + ".jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run `mvn package` (or `mvn verify`) first");
    }
    return jar;
  }

  /** The README's classpath with the oldest stock jar in place of the newest: the same OpStub jar. */
  static List<String> oldestClasspath() {
    return List.of(oldestWireMockJar().toString(), standaloneJar().toString());
  }

  /** Starts {@code java -cp "target/standalone/*" wiremock.Run <args>} and waits until it serves. */
  static StandaloneServer start(Path workingDir, List<String> wireMockArgs) {
    return start(workingDir, List.of(), Map.of(), wireMockArgs);
  }

  /** The same, with JVM options ({@code -D...}) and environment variables of its own. */
  static StandaloneServer start(Path workingDir, List<String> jvmOptions, Map<String, String> environment,
      List<String> wireMockArgs) {
    return start(workingDir, classpath(), jvmOptions, environment, wireMockArgs);
  }

  /** As {@link #start(Path, List)}, with a classpath of one's own (entries may end in {@code *}). */
  static StandaloneServer start(Path workingDir, List<String> classpath, List<String> wireMockArgs) {
    return start(workingDir, classpath, List.of(), Map.of(), wireMockArgs);
  }

  private static StandaloneServer start(Path workingDir, List<String> classpath, List<String> jvmOptions,
      Map<String, String> environment, List<String> wireMockArgs) {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classpath), "wiremock.Run"));
    for (String arg : wireMockArgs) {
      command.add(arg.replace("{port}", Integer.toString(port)));
    }
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
    builder.environment().putAll(environment);
    return launch(builder, port);
  }

  /** Kills the server's JVM at once, as {@code kill -9} does. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The repository's own mappings/ and __files/, as the README's run command serves them. */
  static StandaloneServer startWithRepositoryMappings() {
    return start(repositoryRoot(), List.of("--root-dir", ".", "--port", "{port}", "--bind-address", "127.0.0.1",
        "--max-request-journal-entries", "1000", "--async-response-enabled", "true", "--disable-request-logging"));
  }

  /** Runs a shell command line (the README's) whose {@code 8080} is replaced by a free port. */
  static StandaloneServer startShell(Path workingDir, String commandLine) {
    int port = freePort();
    String line = commandLine.replace("8080", Integer.toString(port));
    return launch(new ProcessBuilder("bash", "-c", "exec " + line).directory(workingDir.toFile()), port);
  }

  private static StandaloneServer launch(ProcessBuilder builder, int port) {
    try {
      Path log = Files.createTempFile("opstub-standalone", ".log");
      Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      StandaloneServer server = new StandaloneServer(process, log, port);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void awaitReady() {
    // A wait for start, not a timing claim: three JVMs starting at once on a loaded 2-core machine
    // took over 60 s; a server that cannot start still fails at once through its exit.
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the standalone server exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        int status = Http.get(baseUrl() + "/__admin/health").statusCode();
        // 401: the admin API wants credentials (--admin-api-basic-auth); the server is up.
        if (status == 200 || status == 401) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      sleep(100);
    }
    close();
    throw new IllegalStateException("the standalone server did not answer within " + STARTUP + ":\n" + log());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
