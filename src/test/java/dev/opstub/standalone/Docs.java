package dev.opstub.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the README and the pages of {@code docs/} tell a user to type, read the way the tests run it. */
final class Docs {
  /**
   * Pages whose curl lines need a server of their own, and the test that runs them there:
   * docs/extending.md's need the Demo API's jar on the class path.
   */
  static final java.util.Map<String, String> PAGES_WITH_THEIR_OWN_TOUR =
      java.util.Map.of("docs/extending.md", "ThirdApiStandaloneIT");

  /**
   * The pages whose curl lines run, in this order, against one server started with the README's
   * run command: the README's tour first (it polls the seed operation from its first step), these
   * pages in this order, then every other page with expected answers ({@code # ->} lines), by
   * name: a new API's page joins the tour without an edit here.
   */
  static final List<String> TOUR_PAGES = tourPages(List.of("README.md", "docs/face.md", "docs/media.md",
      "docs/admin-api.md", "docs/standalone.md", "docs/azure-lro.md"));

  private Docs() {}

  private static List<String> tourPages(List<String> first) {
    List<String> pages = new ArrayList<>(first);
    for (String page : allPages()) {
      if (!pages.contains(page) && !PAGES_WITH_THEIR_OWN_TOUR.containsKey(page)
          && !commandsWithExpectations(page(page)).isEmpty()) {
        pages.add(page);
      }
    }
    return List.copyOf(pages);
  }

  static List<String> readme() {
    return page("README.md");
  }

  static List<String> page(String relativePath) {
    try {
      return Files.readAllLines(StandaloneServer.repositoryRoot().resolve(relativePath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The README and every page under {@code docs/}, README first. */
  static List<String> allPages() {
    List<String> pages = new ArrayList<>(List.of("README.md"));
    try (Stream<Path> files = Files.walk(StandaloneServer.repositoryRoot().resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted()
          .forEach(f -> pages.add(StandaloneServer.repositoryRoot().relativize(f).toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** The contents of each fenced block of the page opened with {@code ```language}. */
  static List<String> fencedBlocks(List<String> lines, String language) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : lines) {
      if (block == null && line.strip().equals("```" + language)) {
        block = new StringBuilder();
      } else if (block != null && line.strip().equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  /** Each command line followed by a {@code # -> } line, with the text that line expects. */
  static List<String[]> commandsWithExpectations(List<String> lines) {
    List<String[]> steps = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i + 1).startsWith("# -> ")) {
        steps.add(new String[] {lines.get(i), lines.get(i + 1).substring("# -> ".length())});
      }
    }
    return steps;
  }

  /**
   * Every command line of the README and {@code docs/} that starts a server, continuation lines
   * joined, and every such command in a code span of a table row.
   */
  static List<String> serverCommands() {
    List<String> commands = new ArrayList<>();
    for (String page : allPages()) {
      StringBuilder current = new StringBuilder();
      for (String line : page(page)) {
        if (line.endsWith("\\")) {
          current.append(line, 0, line.length() - 1).append(' ');
          continue;
        }
        String command = current.append(line).toString();
        current.setLength(0);
        if (command.startsWith("|")) { // a table row: its cells' code spans are commands too (docs/shared-mode.md)
          java.util.regex.Matcher span = java.util.regex.Pattern.compile("`([^`]+)`").matcher(command);
          while (span.find()) {
            String cell = span.group(1);
            if (cell.startsWith("java ") && cell.contains("wiremock.Run")) {
              commands.add(cell.replaceAll("\\s+", " "));
            }
          }
          continue;
        }
        boolean startsJava = (command.startsWith("java ") || command.startsWith("mvn ")) && command.contains("wiremock.Run");
        if (startsJava || command.startsWith("docker run")) {
          commands.add(command.replaceAll("\\s+", " "));
        }
      }
    }
    return commands;
  }

  /** Runs one command line of a page in bash, as a user would paste it; returns what it printed. */
  static String run(String commandLine) {
    try {
      Process shell = new ProcessBuilder("bash", "-c", commandLine).redirectErrorStream(true).start();
      if (!shell.waitFor(60, TimeUnit.SECONDS)) {
        shell.destroyForcibly();
        throw new AssertionError("did not finish within 60 s: " + commandLine);
      }
      return new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
