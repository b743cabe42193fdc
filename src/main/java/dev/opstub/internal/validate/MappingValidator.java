package dev.opstub.internal.validate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.opstub.internal.api.Apis;
import dev.opstub.spi.Parameter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks mapping sets before a server loads them: every {@code mappings/**}{@code /*.json} of each
 * source, the {@code __files} they name, and the clashes between them.
 *
 * <p>Per mapping: JSON that does not parse; an unknown {@code opstub-*} transformer; a {@code
 * transformerParameters} key the transformer does not read; a bad timeline (checked against the
 * transformer's API: Face statuses for {@code opstub-face-*}, Media Services statuses for {@code
 * opstub-media-*}); a bad {@code retryAfter}, {@code expireAfter} or {@code refuse}; an operation
 * id in the wrong format for its API; a {@code bodyFileName} missing under the source's {@code
 * __files}. Across all mappings of all sources: two mappings claiming the same operation id
 * (written literally in the request URL; catch-all patterns claim nothing), or the same request
 * (every matcher alike, in the same scenario state). A clash is reported on the later file and
 * names the earlier one.
 *
 * <pre>{@code
 * List<Problem> problems = MappingValidator.validate(List.of(Path.of("."), Path.of("../team-b")));
 * problems.forEach(System.out::println);
 * // ../team-b/mappings/slow.json: /request/urlPathPattern: operation id a63a3bdd-... (face) is also
 * //   claimed by ./mappings/face/operation-a63a3bdd-succeeds.json (/request/urlPathPattern); allowed: ...
 * }</pre>
 *
 * <p>From a shell: {@code java -cp "target/standalone/*" dev.opstub.Validate <root-dir>...}
 * (see {@link #run}).
 */
public final class MappingValidator {
  /** The usage text {@code --help} prints. */
  public static final String USAGE = """
      Usage: java -cp "target/standalone/*" dev.opstub.Validate [--help] <mapping-source>...

      Checks WireMock mapping sets that use the OpStub transformers before a server loads them:
      every mappings/**/*.json of each source and the __files they name.

      A <mapping-source> is one of
        <folder>                  a root folder holding mappings/ and __files/ (what --root-dir takes)
        <file.jar>                every folder holding mappings/ inside that jar
        <file.jar>!/<prefix>      the folder <prefix> inside that jar, e.g. opstub-0.1.0-mappings.jar!/opstub
        classpath:<prefix>        the first classpath entry holding <prefix>/mappings
                                  (what --load-resources-from-classpath takes)

      Prints one line per problem,
        <file>: <JSON pointer>: <what is wrong>; allowed: <what is allowed>
      With several sources, two mappings claiming one operation id or one request are reported
      naming both files.

      Exit status: 0 no problems (one summary line), 1 problems found, 2 wrong arguments.
      """;

  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Pattern SOURCE = Pattern.compile(" ?\\[Source: [^\\]]*; line: (\\d+), column: (\\d+)\\]");
  private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private MappingValidator() {}

  /** Checks the root folders (each holding {@code mappings/} and {@code __files/}), in order. */
  public static List<Problem> validate(List<Path> roots) {
    return validateSources(roots.stream().map(MappingSource::folder).toList());
  }

  /** Checks mapping sources (folders, jars, classpath prefixes), in order. */
  public static List<Problem> validateSources(List<MappingSource> sources) {
    return validateSources(sources, Apis.builtIn());
  }

  /** Checks mapping sources against the mappings of {@code apis}. */
  public static List<Problem> validateSources(List<MappingSource> sources, Apis apis) {
    return new Run(apis, false).check(sources).problems;
  }

  /**
   * Only what would make a server refuse a stub when it loads it (the OpStub part of each mapping),
   * for a server about to start: no clash or body-file checks, and files that are not JSON are left
   * to WireMock, which reports them itself.
   */
  public static List<Problem> stubProblems(MappingSource source, Apis apis) {
    return stubProblems(source, apis, () -> OtherTransformers.NONE);
  }

  /** As {@link #stubProblems(MappingSource, Apis)}, on a server with {@code others} besides the pack. */
  public static List<Problem> stubProblems(MappingSource source, Apis apis, Supplier<OtherTransformers> others) {
    return new Run(new MappingRules(apis, others), true).check(List.of(source)).problems;
  }

  /** {@code java dev.opstub.internal.validate.MappingValidator <mapping-source>...}; exits with {@link #run}'s status. */
  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  /**
   * The command line: checks the sources named by {@code args}, prints one line per problem to
   * {@code out} and returns the exit status: 0 when clean (with a summary line on {@code out}), 1
   * when there are problems (the count on {@code err}), 2 for wrong arguments (the usage on
   * {@code err}; {@code --help} prints it on {@code out} and returns 0).
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    if (args.isEmpty()) {
      err.println("dev.opstub.Validate: name at least one mapping source");
      err.print(USAGE);
      return 2;
    }
    List<MappingSource> sources = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("-")) {
        err.println("dev.opstub.Validate: unknown option " + arg);
        err.print(USAGE);
        return 2;
      }
      try {
        sources.addAll(MappingSource.parse(arg));
      } catch (IllegalArgumentException e) {
        err.println("dev.opstub.Validate: " + e.getMessage());
        err.print(USAGE);
        return 2;
      }
    }
    Run run = new Run(Apis.builtIn(), false).check(sources);
    run.problems.forEach(out::println);
    String counted = run.mappings + (run.mappings == 1 ? " mapping" : " mappings") + " in " + run.files
        + (run.files == 1 ? " file" : " files") + " of " + sources.size() + (sources.size() == 1 ? " source" : " sources");
    if (run.problems.isEmpty()) {
      out.println("OK: " + counted + ", no problems");
      return 0;
    }
    err.println(run.problems.size() + (run.problems.size() == 1 ? " problem" : " problems") + " in " + counted);
    return 1;
  }

  /** Where a claim was first made, for the clash message. */
  private record Owner(String file, String pointer) {}

  /** One validation: the problems, the counts, and the claims seen so far. */
  private static final class Run {
    final MappingRules rules;
    final boolean perStubOnly;
    final List<Problem> problems = new ArrayList<>();
    final Map<String, Owner> operations = new HashMap<>();
    final Map<String, Owner> requests = new HashMap<>();
    int files;
    int mappings;

    Run(Apis apis, boolean perStubOnly) {
      this(new MappingRules(apis), perStubOnly);
    }

    Run(MappingRules rules, boolean perStubOnly) {
      this.rules = rules;
      this.perStubOnly = perStubOnly;
    }

    Run check(List<MappingSource> sources) {
      for (MappingSource source : sources) {
        try (MappingSource.Opened opened = source.open()) {
          checkSource(opened);
        }
      }
      return this;
    }

    private void checkSource(MappingSource.Opened source) {
      Path mappingsDir = source.root.resolve("mappings");
      if (perStubOnly && !Files.isDirectory(mappingsDir)) {
        return; // a server may well start without mappings
      }
      if (!Files.isDirectory(mappingsDir)) {
        problems.add(new Problem(source.name(mappingsDir), "", "no mappings/ folder; allowed: a root folder "
            + "holding mappings/ (and __files/), as WireMock's --root-dir takes"));
        return;
      }
      List<Path> found;
      try (Stream<Path> walk = Files.walk(mappingsDir)) {
        found = walk.filter(Files::isRegularFile)
            .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (found.isEmpty() && !perStubOnly) {
        problems.add(new Problem(source.name(mappingsDir), "", "no *.json mapping files; allowed: "
            + "WireMock stub mappings under mappings/, in any sub-folder"));
      }
      for (Path file : found) {
        files++;
        checkFile(source, file);
      }
    }

    private void checkFile(MappingSource.Opened source, Path path) {
      String file = source.name(path);
      Object document;
      try {
        document = JSON.readValue(Files.readAllBytes(path), Object.class);
      } catch (JsonProcessingException e) {
        if (perStubOnly) {
          return;
        }
        JsonLocation at = e.getLocation();
        problems.add(new Problem(file, "", "not valid JSON"
            + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
            + readable(e.getOriginalMessage())
            + "; allowed: a WireMock stub mapping (a JSON object) or {\"mappings\": [...]}"));
        return;
      } catch (IOException e) {
        problems.add(new Problem(file, "", "cannot be read: " + e.getMessage()));
        return;
      }
      if (!(document instanceof Map<?, ?> object)) {
        problems.add(new Problem(file, "", "is " + Parameter.describe(document)
            + "; allowed: a WireMock stub mapping (a JSON object) or {\"mappings\": [...]}"));
        return;
      }
      if (object.containsKey("mappings")) {
        if (!(object.get("mappings") instanceof List<?> list)) {
          problems.add(new Problem(file, "/mappings", "\"mappings\" must be an array of stub mappings; was "
              + Parameter.describe(object.get("mappings"))));
          return;
        }
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i) instanceof Map<?, ?> mapping) {
            checkMapping(source, file, mapping, "/mappings/" + i);
          } else {
            problems.add(new Problem(file, "/mappings/" + i, "is " + Parameter.describe(list.get(i))
                + "; allowed: a stub mapping (a JSON object)"));
          }
        }
      } else {
        checkMapping(source, file, object, "");
      }
    }

    private void checkMapping(MappingSource.Opened source, String file, Map<?, ?> mapping, String prefix) {
      mappings++;
      MappingRules.Inspection inspection = rules.inspect(mapping, prefix);
      inspection.findings().forEach(f -> problems.add(new Problem(file, f.pointer(), f.message())));
      if (perStubOnly) {
        return;
      }
      checkBodyFile(source, file, mapping, prefix);

      String scenario = scenario(mapping);
      Owner clashed = null;
      if (inspection.claimedId() != null) {
        String key = inspection.api() + " " + inspection.claimedId() + scenario;
        Owner first = operations.putIfAbsent(key, new Owner(file, inspection.claimPointer()));
        if (first != null) {
          clashed = first;
          problems.add(new Problem(file, inspection.claimPointer(), "operation id " + inspection.claimedId() + " ("
              + inspection.api() + ") is also claimed by " + first.file() + " (" + pointerOrFile(first.pointer())
              + "); allowed: one mapping per operation id across all mapping sets (remove one, or change its id)"));
        }
      }
      if (mapping.get("request") instanceof Map<?, ?> request) {
        String key;
        try {
          key = CANONICAL.writeValueAsString(request) + scenario;
        } catch (JsonProcessingException e) {
          return;
        }
        Owner first = requests.putIfAbsent(key, new Owner(file, prefix + "/request"));
        if (first != null && (clashed == null || !clashed.file().equals(first.file()))) {
          problems.add(new Problem(file, prefix + "/request", "the same request as " + first.file() + " ("
              + first.pointer() + "), so only one of them can ever answer; allowed: requests that differ in "
              + "method, URL, headers or body patterns (or in scenario state)"));
        }
      }
    }

    private void checkBodyFile(MappingSource.Opened source, String file, Map<?, ?> mapping, String prefix) {
      if (!(mapping.get("response") instanceof Map<?, ?> response)
          || !(response.get("bodyFileName") instanceof String name) || name.contains("{{")) {
        return; // no file, or a templated name only known per request
      }
      String pointer = prefix + "/response/bodyFileName";
      String normal = name.replace('\\', '/');
      if (normal.startsWith("/") || normal.matches("^[A-Za-z]:.*") || Arrays.asList(normal.split("/")).contains("..")) {
        problems.add(new Problem(file, pointer, "bodyFileName \"" + name + "\" leaves __files; allowed: a path "
            + "relative to __files, without '..'"));
        return;
      }
      Path files = source.root.resolve("__files");
      if (!Files.isRegularFile(files.resolve(normal))) {
        problems.add(new Problem(file, pointer, "bodyFileName \"" + name + "\" is not in " + source.name(files)
            + "; allowed: a path relative to __files of a file that exists (or no bodyFileName, for the pack's "
            + "default body)"));
      }
    }

    /** Jackson's first line, with its "[Source: REDACTED ...]" locations turned into line and column. */
    private static String readable(String message) {
      String first = message.lines().findFirst().orElse("");
      return SOURCE.matcher(first).replaceAll(" at line $1, column $2");
    }

    private static String scenario(Map<?, ?> mapping) {
      Object name = mapping.get("scenarioName");
      Object state = mapping.get("requiredScenarioState");
      return name == null && state == null ? "" : " in scenario " + name + " state " + state;
    }

    private static String pointerOrFile(String pointer) {
      return pointer.isEmpty() ? "(whole file)" : pointer;
    }
  }
}
