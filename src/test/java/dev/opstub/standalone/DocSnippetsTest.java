package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.demo.DemoApi;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.validate.MappingRules;
import dev.opstub.spi.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every page of the README and {@code docs/} tells a user to type agrees with the build and the
 * repository, so a snippet runs as written: the version of OpStub a project depends on, the files a
 * page names, the build step a page says to run first. (The commands themselves run in ReadmeIT,
 * DocumentedLimitsIT, ConsumerProjectIT, TwoMappingSetsIT, StandaloneRecordingIT.)
 */
class DocSnippetsTest {
  private static final Pattern DEPENDENCY = Pattern.compile("<artifactId>opstub</artifactId>\\s*<version>([^<]+)</version>");
  private static final Pattern COORDINATES = Pattern.compile("dev\\.opstub:opstub:(\\d[^:\\s`]*)");
  private static final Pattern JAR = Pattern.compile("opstub-(\\d[^\\s/*\"`]*?)-(?:standalone|mappings)\\.jar");
  private static final Pattern FILE = Pattern.compile("`([\\w./-]+/[\\w.-]+\\.(?:ya?ml|conf|java))`");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BUILD_FIRST = Pattern.compile("after `(mvn [^`]*)`");

  private static String version() throws IOException {
    Matcher project = Pattern.compile("<artifactId>opstub</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(StandaloneServer.repositoryRoot().resolve("pom.xml")));
    assertThat(project.find()).isTrue();
    return project.group(1);
  }

  private static String text(String page) {
    return String.join("\n", Docs.page(page));
  }

  @Test
  void everyDependencyOnOpStubNamesTheVersionThisBuildMakes() throws IOException {
    String version = version();
    List<String> named = new ArrayList<>();
    for (String page : Docs.allPages()) {
      for (Pattern pattern : List.of(DEPENDENCY, COORDINATES, JAR)) {
        Matcher found = pattern.matcher(text(page));
        while (found.find()) {
          named.add(page + ": " + found.group(1));
        }
      }
    }

    assertThat(named).as("README's pom lines, its mvn copy lines, sharing.md").hasSizeGreaterThanOrEqualTo(5)
        .allSatisfy(line -> assertThat(line).endsWith(": " + version));
  }

  @Test
  void everyFileOfTheRepositoryAPageNamesIsWhereItSays() {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (String page : Docs.allPages()) {
      Matcher found = FILE.matcher(text(page));
      while (found.find()) {
        String path = found.group(1);
        if (path.endsWith(".java") && !path.startsWith("src/test/java/dev/opstub/")) {
          continue; // a file of the user's own project (the README's src/test/java/SnapshotPollingTest.java)
        }
        checked++;
        if (!Files.isRegularFile(StandaloneServer.repositoryRoot().resolve(path))) {
          missing.add(page + ": " + path + " (paths are read from the repository's root, where the commands run)");
        }
      }
    }

    assertThat(checked).isGreaterThanOrEqualTo(5);
    assertThat(missing).isEmpty();
  }

  @Test
  void theBuildStepAPageSaysToRunFirstIsTheReadmes() {
    String packageStep = Docs.readme().stream().filter(l -> l.startsWith("mvn ") && l.contains(" package "))
        .map(l -> l.substring(0, l.indexOf(" && "))).findFirst().orElseThrow();
    List<String> steps = new ArrayList<>();
    for (String page : Docs.allPages()) {
      Matcher found = BUILD_FIRST.matcher(text(page));
      while (found.find()) {
        steps.add(page + ": " + found.group(1));
      }
    }

    // The README's package step (no tests: the user wants a server), or a whole verify where a page needs it.
    assertThat(steps).isNotEmpty().allSatisfy(step -> assertThat(step.endsWith(": " + packageStep)
        || step.endsWith(": mvn -B verify")).as("the build step of %s", step).isTrue());
  }

  /**
   * Every JSON block of the pages that is a stub mapping (or a {@code "timeline": ...} fragment of
   * one) is one the validator passes: a user copies them into {@code mappings/}.
   */
  @Test
  void everyMappingAPageShowsIsOneTheValidatorPasses() throws IOException {
    // With the Demo API's jar on the class path, as docs/extending.md runs the validator.
    MappingRules rules = new MappingRules(Apis.builtIn().with(new DemoApi()));
    List<String> checked = new ArrayList<>();
    for (String page : Docs.allPages()) {
      for (String block : Docs.fencedBlocks(Docs.page(page), "json")) {
        String text = block.strip();
        Map<?, ?> mapping;
        if (text.startsWith("\"timeline\"")) {
          Map<?, ?> fragment = JSON.readValue("{" + text + "}", Map.class);
          // A fragment of the page's mapping: try it on each API's operation transformer.
          List<List<Finding>> tries = Apis.builtIn().handlers().keySet().stream().filter(n -> n.endsWith("-operation"))
              .map(n -> rules.check(Map.of("response", Map.of("transformers", List.of(n), "transformerParameters", fragment))))
              .toList();
          assertThat(tries).as("%s: %s", page, text).anyMatch(List::isEmpty);
          checked.add(page);
          continue;
        }
        if (!text.startsWith("{") || !((mapping = JSON.readValue(text, Map.class)).containsKey("response"))) {
          continue; // an answer's body, not a mapping
        }
        assertThat(rules.check(mapping)).as("%s: %s", page, text).isEmpty();
        checked.add(page);
      }
    }

    assertThat(checked).as("docs/mappings.md's mapping and timeline").hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void everyServerCommandOfTheDocsIsFound() {
    assertThat(Docs.serverCommands()).anySatisfy(command -> assertThat(command).startsWith("java -Dopstub.store="));
  }
}
