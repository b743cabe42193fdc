package dev.opstub.internal.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.openapi.OpenApiSpec;
import dev.opstub.internal.validate.MappingRules;
import dev.opstub.spi.Finding;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The importer's command line: reads the specs, plans their mappings, checks them with the
 * validator, writes them and prints what it generated. Nothing is written unless every spec can be.
 */
public final class ImportCommand {
  /** The usage text {@code --help} prints. */
  public static final String USAGE = """
      Usage: java -cp "target/standalone/*" dev.opstub.Import [--help] --out <root>
                  [--timeline <OperationId>=<timeline>]... <spec.json>...

      Reads OpenAPI 2.0 specs as Azure/azure-rest-api-specs writes them (JSON, with x-ms-paths,
      x-ms-parameterized-host, x-ms-long-running-operation, x-ms-examples beside the spec) and
      writes, for every long-running operation, the WireMock mappings that script it with OpStub:
      a start mapping with a default timeline, a well-known failing input, and the monitor,
      Location and resource GET mappings it needs, in <root>/mappings/<spec name>/, ready for
      `wiremock.Run --root-dir <root>`. Prints a table of what it generated.

        --out <root>                          the root folder to write into (created if missing)
        --timeline <OperationId>=<timeline>   that operation's start timeline instead of the
                                              default, e.g. 'ResourceGroups_Delete=Deleting x3, Succeeded'
                                              (repeatable)

      A rerun replaces the files an earlier import wrote (marked "opstub-import" in their
      metadata) and keeps every other file. The same spec gives the same bytes.

      Exit status: 0 written, 1 a spec has errors or its mappings do not validate (nothing is
      written), 2 wrong arguments.
      """;

  private ImportCommand() {}

  /** {@code java dev.opstub.internal.importer.ImportCommand ...}; exits with {@link #run}'s status. */
  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs the command; returns the exit status. Never throws. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    try {
      return runChecked(args, out, err);
    } catch (RuntimeException | IOException e) {
      err.println("dev.opstub.Import: " + e.getClass().getSimpleName() + ": " + e.getMessage()
          + " (nothing more was written; this is a bug of the importer's, please report it with the spec)");
      return 1;
    }
  }

  private static int runChecked(List<String> args, PrintStream out, PrintStream err) throws IOException {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    Path root = null;
    Map<String, String> timelines = new LinkedHashMap<>();
    List<Path> specs = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--out") || arg.equals("--timeline")) {
        if (i + 1 == args.size()) {
          return usage(err, arg + " needs a value");
        }
        String value = args.get(++i);
        if (arg.equals("--out")) {
          if (root != null) {
            return usage(err, "--out is given twice");
          }
          root = Path.of(value);
        } else {
          int equals = value.indexOf('=');
          if (equals <= 0 || value.substring(equals + 1).isBlank()) {
            return usage(err, "--timeline takes <OperationId>=<timeline>, e.g. 'ResourceGroups_Delete=Deleting x3, "
                + "Succeeded'; was \"" + value + "\"");
          }
          if (timelines.put(value.substring(0, equals).trim(), value.substring(equals + 1).trim()) != null) {
            return usage(err, "--timeline names " + value.substring(0, equals).trim() + " twice");
          }
        }
      } else if (arg.startsWith("-")) {
        return usage(err, "unknown option " + arg);
      } else {
        specs.add(Path.of(arg));
      }
    }
    if (root == null) {
      return usage(err, "--out <root> is missing");
    }
    if (specs.isEmpty()) {
      return usage(err, "name at least one spec");
    }
    List<SpecPlan> plans = new ArrayList<>();
    for (Path spec : specs) {
      plans.add(ImportPlanner.plan(OpenApiSpec.read(spec), timelines));
    }
    TreeSet<String> known = new TreeSet<>();
    plans.forEach(p -> p.spec().longRunning().forEach(l -> known.add(l.operation().operationId())));
    for (String named : timelines.keySet()) {
      if (!known.contains(named) && plans.stream().allMatch(p -> p.errors().isEmpty())) {
        return usage(err, "--timeline names " + named + ", which is no long-running operation of the specs; they have: "
            + String.join(", ", known));
      }
    }
    List<String> problems = new ArrayList<>();
    Map<String, Path> names = new LinkedHashMap<>();
    for (SpecPlan plan : plans) {
      plan.errors().forEach(e -> problems.add(e.toString()));
      Path other = names.putIfAbsent(plan.spec().name(), plan.spec().file());
      if (other != null) {
        problems.add(plan.spec().file() + ": is named " + plan.spec().name() + " like " + other + "; both would be written "
            + "to mappings/" + plan.spec().name() + "/; import them into different roots");
      }
    }
    if (problems.isEmpty()) {
      problems.addAll(validate(plans));
    }
    if (!problems.isEmpty()) {
      problems.forEach(err::println);
      err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + "; nothing was written");
      return 1;
    }
    for (SpecPlan plan : plans) {
      MappingWriter.Written written = MappingWriter.write(root, plan);
      ImportTable.print(plan, written, out);
    }
    return 0;
  }

  /**
   * The validator's rules on every generated mapping, in memory (the checks a server makes when it
   * loads them), and no two generated mappings with the same request.
   */
  private static List<String> validate(List<SpecPlan> plans) throws IOException {
    MappingRules rules = new MappingRules(Apis.builtIn());
    List<String> problems = new ArrayList<>();
    Map<String, String> requests = new HashMap<>();
    for (SpecPlan plan : plans) {
      for (Map.Entry<String, String> file : plan.files().entrySet()) {
        JsonNode mapping = MappingJson.JSON.readTree(file.getValue());
        for (Finding finding : rules.check(MappingJson.JSON.convertValue(mapping, Map.class))) {
          problems.add("generated mappings/" + file.getKey() + ": " + finding);
        }
        String request = MappingJson.JSON.writeValueAsString(mapping.path("request")) + mapping.path("priority");
        String other = requests.putIfAbsent(request, file.getKey());
        if (other != null && !other.equals(file.getKey())) {
          problems.add("generated mappings/" + file.getKey() + ": /request: the same request as mappings/" + other);
        }
      }
    }
    return problems;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("dev.opstub.Import: " + problem);
    err.print(USAGE);
    return 2;
  }
}
