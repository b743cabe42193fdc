package dev.opstub.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of deliberately broken mapping sets: each folder of {@code
 * src/test/resources/broken-mappings/} is one case, a root folder (or, for clashes between sets,
 * several root folders side by side), with {@code expected.txt} listing every line the validator
 * must print for it, and no other.
 */
class BrokenMappingsTest {
  static final Path CORPUS = Path.of("src/test/resources/broken-mappings");

  /** One expected problem: {@code file | pointer | part of the message}. */
  record Expected(String file, String pointer, String fragment) {
    boolean matches(Problem problem) {
      return problem.file().equals(file) && problem.pointer().equals(pointer) && problem.message().contains(fragment);
    }
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  /** The case's roots: the folder itself, or its sub-folders that hold mappings/ (in name order). */
  static List<Path> roots(Path caseDir) throws IOException {
    if (Files.isDirectory(caseDir.resolve("mappings"))) {
      return List.of(caseDir);
    }
    try (Stream<Path> dirs = Files.list(caseDir)) {
      List<Path> roots = dirs.filter(p -> Files.isDirectory(p.resolve("mappings"))).sorted().toList();
      return roots.isEmpty() ? List.of(caseDir) : roots;
    }
  }

  static List<Expected> expected(Path caseDir) throws IOException {
    List<Expected> lines = new ArrayList<>();
    for (String line : Files.readAllLines(caseDir.resolve("expected.txt"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" \\| ", 3);
      lines.add(new Expected(caseDir.resolve(parts[0]).toString(), parts[1].trim(),
          parts[2].replace("{case}", caseDir.toString())));
    }
    return lines;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theValidatorPrintsExactlyTheExpectedLinesForEachBrokenSet(String name) throws IOException {
    Path caseDir = CORPUS.resolve(name);
    List<Expected> expected = expected(caseDir);

    List<Problem> problems = MappingValidator.validate(roots(caseDir));

    String printed = problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    assertThat(expected).as("expected.txt of %s", name).isNotEmpty();
    for (Expected line : expected) {
      assertThat(problems).as("a line for %s, printed:%n%s", line, printed).anyMatch(line::matches);
    }
    for (Problem problem : problems) {
      assertThat(expected).as("no line in expected.txt for %s", problem).anyMatch(line -> line.matches(problem));
    }
    assertThat(problems).as(printed).hasSameSizeAs(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyLineReadsFileThenPointerThenWhatIsWrong(String name) throws IOException {
    for (Problem problem : MappingValidator.validate(roots(CORPUS.resolve(name)))) {
      assertThat(problem.toString()).startsWith(problem.file() + ": ")
          .matches(".*: (/\\S*|\\(whole (file|folder)\\)): .+");
    }
  }
}
