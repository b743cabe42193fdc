package dev.opstub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.spi.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A built-in dialect is a package plus one registry line: the grep of issue 32's proof, for every
 * dialect the registry holds in a package of its own ({@code internal/<name>}, so a new one is
 * covered the day its line is added). Its name (as a word or in an identifier: {@code face},
 * {@code FaceApi}, {@code faceEndpoint}; not {@code interface} or {@code facet}) is in no code of
 * the pack outside its package but the registry's line (the JUnit support's included), and in no
 * line at all, comments included, of the layers every dialect stands on: {@code dev.opstub.spi},
 * the state and the HTTP helpers.
 *
 * <p>What the pack still names is listed below with why; each entry is a file that must keep
 * naming it until its change lands, so a cleaned file fails here until its entry goes.
 */
class DialectsStayInTheirPackagesTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final String PACK = "dev/opstub/";
  private static final Path REGISTRY = SOURCES.resolve(PACK + "internal/api/Apis.java");

  /**
   * The layers below the dialects: no line of them names one, comments included. The JUnit support
   * ({@code dev.opstub.junit}) is held to its code only: its Javadoc shows the shipped APIs in use.
   */
  private static final List<Path> BELOW = Stream.of("spi", "internal/state", "internal/http", "internal/junit")
      .map(p -> SOURCES.resolve(PACK + p)).toList();

  /** Other things that share a dialect's name: a client library, the HTTP media type. */
  private static final Pattern NOT_A_DIALECT = Pattern.compile("azure-core|(?i:media ?type)");

  /**
   * Code outside a dialect's package that belongs to it by nature: the OpenAPI importer reads
   * Azure's OpenAPI dialect ({@code x-ms-*}) and writes the Azure dialect's mappings, reaching it
   * only through mapping JSON and the registry.
   */
  private static final Map<String, List<String>> ITS_OWN_ELSEWHERE = Map.of(
      "azure", List.of("internal/openapi", "internal/importer"));

  /** Files that still name a dialect, and why: public members that wait for their deprecation to end. */
  private static final Map<String, String> STILL_NAMED = new TreeMap<>(Map.of(
      "junit/Api.java face, media", "deprecated public enum Api (FACE, MEDIA): goes with @OperationStub(api = ...)",
      "junit/OpStubServer.java face, media", "deprecated public faceEndpoint() and mediaApiRoot()"));

  @Test
  void everyBuiltInDialectLivesInThePackageOfItsName() {
    assertThat(builtIn()).isNotEmpty().allSatisfy((name, dir) -> assertThat(dir).isEqualTo(PACK + "internal/" + name));
    assertThat(builtIn()).containsKeys("face", "media", "azure");
  }

  @Test
  void noDialectIsNamedOutsideItsPackageButByItsRegistryLineOrBelowItAtAll() throws IOException {
    Map<String, TreeSet<String>> named = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String relative = SOURCES.resolve(PACK).relativize(file).toString().replace('\\', '/');
        boolean below = BELOW.stream().anyMatch(file::startsWith);
        List<String> text = read(file);
        builtIn().forEach((name, dir) -> {
          if (file.startsWith(SOURCES.resolve(dir)) || ITS_OWN_ELSEWHERE.getOrDefault(name, List.of()).stream()
              .anyMatch(own -> file.startsWith(SOURCES.resolve(PACK + own)))) {
            return;
          }
          Pattern word = word(name);
          for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            boolean comment = line.startsWith("*") || line.startsWith("//") || line.startsWith("/*");
            String code = NOT_A_DIALECT.matcher(line).replaceAll("");
            if (file.equals(REGISTRY)) { // its one line: the import and the entry
              Class<?> entry = Apis.builtIn().byName(name).orElseThrow().getClass();
              code = code.replace(entry.getName(), "").replace(entry.getSimpleName(), "");
            }
            if ((below || !comment) && word.matcher(code).find()) {
              named.computeIfAbsent(relative, f -> new TreeSet<>()).add(name);
              lines.add(relative + ":" + (i + 1) + ": " + line);
            }
          }
        });
      }
    }

    List<String> found = new ArrayList<>();
    named.forEach((file, names) -> found.add(file + " " + String.join(", ", names)));
    assertThat(found).as("files naming a dialect (a cleaned file: drop its STILL_NAMED entry):\n%s",
        String.join("\n", lines)).containsExactlyElementsOf(STILL_NAMED.keySet());
  }

  /** The built-in dialects, by name: the folder of each one's class. */
  private static Map<String, String> builtIn() {
    Map<String, String> dirs = new TreeMap<>();
    for (Dialect dialect : Apis.builtIn().all()) {
      String dir = dialect.getClass().getPackageName().replace('.', '/');
      if (dir.startsWith(PACK + "internal/")) {
        dirs.put(dialect.name(), dir);
      }
    }
    return dirs;
  }

  /**
   * {@code name} as a word or a part of an identifier: {@code face}, {@code FACE}, {@code FaceApi},
   * {@code myFaceClient}; not inside a word ({@code interface}, {@code facet}, {@code multimedia}).
   */
  static Pattern word(String name) {
    String capital = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    return Pattern.compile("(?:(?<![A-Za-z])(?i:" + Pattern.quote(name) + ")|(?<=[a-z])" + Pattern.quote(capital)
        + ")(?![a-z])");
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
