package dev.opstub.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code java -cp "target/standalone/*" <main> <args>} run to its end: the exit status and what
 * it printed (stdout and stderr apart), or {@code timedOut} when it was still running at the
 * deadline (it is then stopped).
 */
final class ChildJvm {
  record Result(int exitCode, boolean timedOut, String stdout, String stderr) {
    String output() {
      return stdout + stderr;
    }
  }

  private ChildJvm() {}

  static Result run(Path workingDir, Duration timeout, String mainClass, List<String> args) {
    return run(workingDir, timeout, StandaloneServer.classpath(), mainClass, args);
  }

  /** As {@link #run(Path, Duration, String, List)}, with a classpath of one's own. */
  static Result run(Path workingDir, Duration timeout, List<String> classpath, String mainClass, List<String> args) {
    return run(workingDir, timeout, List.of(), classpath, mainClass, args);
  }

  /** As {@link #run(Path, Duration, List, String, List)}, with JVM options ({@code -D...}) before {@code -cp}. */
  static Result run(Path workingDir, Duration timeout, List<String> jvmOptions, List<String> classpath, String mainClass,
      List<String> args) {
    return run(workingDir, timeout, jvmOptions, java.util.Map.of(), classpath, mainClass, args);
  }

  /** As {@link #run(Path, Duration, List, List, String, List)}, with environment variables of its own. */
  static Result run(Path workingDir, Duration timeout, List<String> jvmOptions, java.util.Map<String, String> environment,
      List<String> classpath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classpath), mainClass));
    command.addAll(args);
    try {
      Path out = Files.createTempFile("opstub-child", ".out");
      Path err = Files.createTempFile("opstub-child", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      return new Result(ended ? process.exitValue() : -1, !ended, Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
