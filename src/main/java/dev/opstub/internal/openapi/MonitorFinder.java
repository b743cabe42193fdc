package dev.opstub.internal.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a long-running operation's spec says beyond its own declaration: the status monitor GET
 * (data plane), the monitor's {@code status} enum as the vocabulary, the property holding the
 * result, and the result and error its examples show.
 *
 * <p>OpenAPI 2.0 has no field linking a start call to its monitor. In order of trust: the monitor
 * URL an example of the start call hands out ({@code Operation-Location}), the schema the polling
 * header's description names ("The location of an instance of AnalyzeOperation"), and a GET whose
 * answer has a {@code status} enum and whose path shares the most with the start's.
 */
final class MonitorFinder {
  private static final Pattern INSTANCE_OF = Pattern.compile("(?i)instance of ([A-Za-z0-9_.]+)");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
  private static final Pattern CONTRACT_NAME = Pattern.compile("[A-Za-z0-9_-]+");
  /** A status word a declared vocabulary takes. */
  /** What a timeline can name as a status (the Azure dialect's {@code statuses} refuses the rest). */
  private static final Pattern CONTRACT_WORD = Pattern.compile("[A-Za-z]{1,64}");
  /** Words the timeline notation reads as faults, never as a status. */
  private static final Set<String> FAULT_WORDS = Set.of("http", "fault", "delay");
  private static final int MAX_DEPTH = 8;

  private final SpecFiles files;
  private final Path spec;
  private final List<SpecOperation> gets;
  private final List<SpecProblem> notes;

  MonitorFinder(SpecFiles files, Path spec, List<SpecOperation> operations, List<SpecProblem> notes) {
    this.files = files;
    this.spec = spec;
    this.gets = operations.stream().filter(o -> o.method().equals("GET")).toList();
    this.notes = notes;
  }

  LongRunning complete(SpecOperation start, boolean arm, SortedMap<Integer, Set<String>> responses,
      String finalStateVia, LongRunning.Body body) {
    List<SpecExamples.Example> examples = SpecExamples.of(files, spec, start, notes);
    if (arm) {
      return new LongRunning(start, responses, finalStateVia, body, null, Map.of(), null, armResult(start, examples), null);
    }
    SpecOperation get = monitor(start, examples);
    if (get == null) {
      note(start, start.pointer() + "/responses", "no status monitor GET found (no example Operation-Location, no "
          + "GET answering the schema its header names); the start hands out the pack's default monitor URL");
      return new LongRunning(start, responses, finalStateVia, body, null, Map.of(), null, null, null);
    }
    Map<String, SpecFiles.Target> properties = answerProperties(get);
    Map<String, String> statuses = statuses(start, get, properties);
    String resultProperty = resultProperty(properties);
    JsonNode result = null;
    LongRunning.Failure failure = null;
    for (SpecExamples.Example example : SpecExamples.of(files, spec, get, notes)) {
      JsonNode answer = example.response(200).path("body");
      String word = answer.path("status").asText("");
      String phase = String.valueOf(statuses.getOrDefault(word, Phases.of(word)));
      if (result == null && phase.equals("succeeded") && resultProperty != null && answer.path(resultProperty).isObject()) {
        result = answer.get(resultProperty);
      }
      if (failure == null && phase.equals("failed") && answer.path("error").isObject()) {
        failure = failure((ObjectNode) answer.get("error"));
      }
    }
    LongRunning.Monitor monitor = new LongRunning.Monitor(get.operationId(), get.path(), monitorPath(start, get));
    return new LongRunning(start, responses, finalStateVia, body, monitor, statuses, resultProperty, result, failure);
  }

  private static LongRunning.Failure failure(ObjectNode error) {
    ObjectNode extra = error.deepCopy();
    extra.remove(List.of("code", "message"));
    return new LongRunning.Failure(error.path("code").asText(""), error.path("message").asText(""),
        extra.isEmpty() ? null : extra);
  }

  /** ARM: the final resource (PUT, PATCH) or answer an example shows: its 200, else its 201, without id and name. */
  private static JsonNode armResult(SpecOperation start, List<SpecExamples.Example> examples) {
    for (SpecExamples.Example example : examples) {
      for (int status : start.method().equals("PUT") || start.method().equals("PATCH") ? new int[] {200, 201}
          : new int[] {200}) {
        JsonNode body = example.response(status).path("body");
        if (body.isObject() && !body.isEmpty()) {
          ObjectNode result = ((ObjectNode) body).deepCopy();
          result.remove(List.of("id", "name"));
          return result;
        }
      }
    }
    return null;
  }

  private SpecOperation monitor(SpecOperation start, List<SpecExamples.Example> examples) {
    List<String> urls = new ArrayList<>();
    for (SpecExamples.Example example : examples) {
      example.responses().fields().forEachRemaining(answer -> {
        if (answer.getKey().startsWith("2")) {
          answer.getValue().path("headers").fields().forEachRemaining(header -> {
            if (isPollingHeader(header.getKey()) && header.getValue().isTextual()) {
              urls.add(header.getValue().asText());
            }
          });
        }
      });
    }
    List<SpecOperation> byUrl = gets.stream().filter(get -> urls.stream().anyMatch(url -> serves(get, url))).toList();
    String described = describedSchema(start);
    List<SpecOperation> pool = byUrl.isEmpty() ? gets : byUrl;
    List<SpecOperation> bySchema = described == null ? List.of()
        : pool.stream().filter(get -> described.equals(answerSchemaName(get))).toList();
    List<SpecOperation> chosen = !bySchema.isEmpty() ? bySchema : !byUrl.isEmpty() ? byUrl
        : gets.stream().filter(get -> get.path().endsWith("}") && statusEnum(answerProperties(get)) != null
            && sharedPrefix(start.path(), get.path()) > prefixLength(start.path())).toList();
    return chosen.stream().max(Comparator.comparingInt((SpecOperation get) -> sharedPrefix(start.path(), get.path()))
        .thenComparing(get -> -chosen.indexOf(get))).orElse(null);
  }

  private static boolean isPollingHeader(String name) {
    return name.equalsIgnoreCase("Operation-Location") || name.equalsIgnoreCase("Azure-AsyncOperation");
  }

  /** Whether the GET's path template matches the URL's path. */
  private static boolean serves(SpecOperation get, String url) {
    String path;
    try {
      path = new URI(url).getRawPath();
    } catch (URISyntaxException e) {
      return false;
    }
    return path != null && Pattern.compile(regex(get)).matcher(path).matches();
  }

  private static String regex(SpecOperation operation) {
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(operation.path());
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(operation.path().substring(at, m.start())));
      regex.append(operation.wholeSegments().contains(m.group(1)) ? ".+" : "[^/]+");
      at = m.end();
    }
    return regex.append(Pattern.quote(operation.path().substring(at))).toString();
  }

  /** The schema the start's polling header describes: "The location of an instance of X". */
  private String describedSchema(SpecOperation start) {
    JsonNode responses = start.node().path("responses");
    List<String> names = new ArrayList<>();
    responses.fields().forEachRemaining(entry -> {
      SpecFiles.Target response = files.follow(spec, start.pointer(), entry.getValue());
      if (entry.getKey().startsWith("2") && response.found()) {
        response.node().path("headers").fields().forEachRemaining(header -> {
          Matcher m = INSTANCE_OF.matcher(header.getValue().path("description").asText(""));
          if (isPollingHeader(header.getKey()) && m.find()) {
            names.add(m.group(1));
          }
        });
      }
    });
    return names.isEmpty() ? null : names.get(0);
  }

  /** The definition name of the GET's 200 answer ({@code #/definitions/AnalyzeOperation}: AnalyzeOperation). */
  private String answerSchemaName(SpecOperation get) {
    SpecFiles.Target answer = files.follow(spec, get.pointer() + "/responses/200", get.node().path("responses").path("200"));
    String ref = answer.found() ? answer.node().path("schema").path("$ref").asText("") : "";
    return ref.isEmpty() ? null : ref.substring(ref.lastIndexOf('/') + 1);
  }

  private Map<String, SpecFiles.Target> answerProperties(SpecOperation get) {
    SpecFiles.Target answer = files.follow(spec, get.pointer() + "/responses/200", get.node().path("responses").path("200"));
    if (!answer.found()) {
      return Map.of();
    }
    return properties(answer.file(), answer.pointer() + "/schema", answer.node().path("schema"), 0);
  }

  /** A schema's properties, with those of its {@code allOf}s, each {@code $ref} followed. */
  Map<String, SpecFiles.Target> properties(Path file, String pointer, JsonNode schema, int depth) {
    Map<String, SpecFiles.Target> properties = new LinkedHashMap<>();
    SpecFiles.Target target = files.follow(file, pointer, schema);
    if (!target.found() || depth > MAX_DEPTH) {
      return properties;
    }
    JsonNode allOf = target.node().path("allOf");
    for (int i = 0; allOf.isArray() && i < allOf.size(); i++) {
      properties.putAll(properties(target.file(), target.pointer() + "/allOf/" + i, allOf.get(i), depth + 1));
    }
    target.node().path("properties").fields().forEachRemaining(entry -> properties.put(entry.getKey(),
        files.follow(target.file(), Pointers.child(target.pointer() + "/properties", entry.getKey()), entry.getValue())));
    return properties;
  }

  private static JsonNode statusEnum(Map<String, SpecFiles.Target> properties) {
    SpecFiles.Target status = properties.get("status");
    return status != null && status.found() && status.node().path("enum").isArray() ? status.node().get("enum") : null;
  }

  /** The monitor's status enum, each value with its phase (an unknown word is {@code running}, with a note). */
  private Map<String, String> statuses(SpecOperation start, SpecOperation get, Map<String, SpecFiles.Target> properties) {
    JsonNode values = statusEnum(properties);
    Map<String, String> statuses = new LinkedHashMap<>();
    if (values == null) {
      note(start, get.pointer() + "/responses/200", "the monitor's answer declares no status enum; the pack's "
          + "vocabulary (NotStarted, Running, Succeeded, Failed, Canceled) is served");
      return statuses;
    }
    Set<String> seen = new java.util.HashSet<>();
    for (JsonNode value : values) {
      String word = value.asText("");
      if (!value.isTextual() || word.isEmpty()) {
        continue;
      }
      if (!CONTRACT_WORD.matcher(word).matches() || FAULT_WORDS.contains(word.toLowerCase(Locale.ROOT))
          || !seen.add(word.toLowerCase(Locale.ROOT))) {
        note(start, get.pointer() + "/responses/200", "the status \"" + word + "\" is left out of statuses: a timeline "
            + "names a status in 1 to 64 ASCII letters, one spelling per word, other than http, fault and delay");
        continue;
      }
      String phase = Phases.of(word);
      if (phase == null) {
        note(start, get.pointer() + "/responses/200", "the status \"" + word + "\" has no phase the importer knows; "
            + "declared as running (what azure-core's default poller makes of an unknown status); edit statuses to change it");
        phase = "running";
      }
      statuses.putIfAbsent(word, phase);
    }
    if (!statuses.containsValue("succeeded")) {
      note(start, get.pointer() + "/responses/200", "the status enum has no succeeded status; the pack's vocabulary is served");
      statuses.clear();
      return statuses;
    }
    // The default timeline runs before it ends, and the failing input fails: words the enum may not have.
    for (String[] needed : new String[][] {{"running", "Running"}, {"failed", "Failed"}}) {
      if (!statuses.containsValue(needed[0]) && seen.add(needed[1].toLowerCase(Locale.ROOT))) {
        note(start, get.pointer() + "/responses/200", "the status enum has no " + needed[0] + " status; \""
            + needed[1] + "\" is declared for the generated timelines");
        statuses.put(needed[1], needed[0]);
      }
    }
    return statuses;
  }

  /** {@code result} if the monitor has it, else the first property named {@code ...Result}. */
  private static String resultProperty(Map<String, SpecFiles.Target> properties) {
    if (properties.containsKey("result")) {
      return "result";
    }
    return properties.keySet().stream().filter(name -> name.endsWith("Result") && name.matches("[A-Za-z_][A-Za-z0-9_]*"))
        .findFirst().orElse(null);
  }

  /**
   * The contract's {@code monitorPath}: the monitor's path with its last placeholder as {@code {id}}
   * and every other one named as the start path names it (by name, or by the same text before it).
   */
  private String monitorPath(SpecOperation start, SpecOperation get) {
    List<String> names = get.placeholders();
    if (names.isEmpty()) {
      note(start, get.pointer(), "the monitor " + get.path() + " has no placeholder for the operation id; "
          + "the start hands out the pack's default monitor URL");
      return null;
    }
    String id = names.get(names.size() - 1);
    StringBuilder path = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(get.path());
    int at = 0;
    int last = get.path().lastIndexOf("{" + id + "}");
    while (m.find()) {
      path.append(get.path(), at, m.start());
      at = m.end();
      if (m.start() == last) {
        path.append("{id}");
        continue;
      }
      String bound = boundName(start, get.path().substring(0, m.start()), m.group(1));
      if (bound == null) {
        note(start, get.pointer(), "the monitor " + get.path() + " has {" + m.group(1) + "}, which the start path "
            + start.path() + " does not give; the start hands out the pack's default monitor URL");
        return null;
      }
      path.append('{').append(bound).append('}');
    }
    path.append(get.path().substring(at));
    if (get.wholeSegments().contains(id)) {
      note(start, get.pointer(), "the monitor's id {" + id + "} may hold '/'; the start hands out the pack's default monitor URL");
      return null;
    }
    return path.toString();
  }

  /** The start's placeholder matching the monitor's {@code name} (after {@code before}), or {@code null}. */
  private static String boundName(SpecOperation start, String before, String name) {
    String chosen = start.placeholders().contains(name) ? name : null;
    if (chosen == null) {
      String shape = before.replaceAll("\\{[^{}]+}", "{}");
      Matcher m = PLACEHOLDER.matcher(start.path());
      while (m.find() && chosen == null) {
        if (start.path().substring(0, m.start()).replaceAll("\\{[^{}]+}", "{}").equals(shape)) {
          chosen = m.group(1);
        }
      }
    }
    return chosen != null && CONTRACT_NAME.matcher(chosen).matches() && !start.wholeSegments().contains(chosen)
        ? chosen : null;
  }

  /** The length of the literal text two paths start with. */
  private static int sharedPrefix(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n) && a.charAt(n) != '{') {
      n++;
    }
    return n;
  }

  /** The length of a path's first segment (the host's prefix and at most one more must be shared). */
  private static int prefixLength(String path) {
    int second = path.indexOf('/', 1);
    return second < 0 ? 0 : second;
  }

  /** The first required string property of a body schema, or {@code null}. */
  static String firstRequiredString(SpecFiles files, Path file, String pointer, JsonNode schema) {
    SpecFiles.Target target = files.follow(file, pointer, schema);
    if (!target.found()) {
      return null;
    }
    for (JsonNode required : target.node().path("required")) {
      JsonNode property = target.node().path("properties").path(required.asText(""));
      SpecFiles.Target type = files.follow(target.file(), target.pointer(), property);
      if (type.found() && type.node().path("type").asText("").equals("string") && !type.node().has("enum")
          && required.asText("").matches("[A-Za-z_][A-Za-z0-9_]*")) {
        return required.asText();
      }
    }
    return null;
  }

  /** A note, once: operations sharing a monitor would each repeat what is said of it. */
  private void note(SpecOperation start, String pointer, String message) {
    if (notes.stream().noneMatch(n -> n.pointer().equals(pointer) && n.message().equals(message))) {
      notes.add(new SpecProblem(spec.toString(), pointer, start.operationId(), message));
    }
  }

  /** The phases of common status words. */
  static final class Phases {
    private static final Map<String, String> KNOWN = Map.ofEntries(
        Map.entry("notstarted", "notStarted"), Map.entry("queued", "notStarted"),
        Map.entry("running", "running"), Map.entry("inprogress", "running"), Map.entry("accepted", "running"),
        Map.entry("creating", "running"), Map.entry("updating", "running"), Map.entry("deleting", "running"),
        Map.entry("provisioning", "running"), Map.entry("started", "running"),
        Map.entry("succeeded", "succeeded"), Map.entry("completed", "succeeded"), Map.entry("complete", "succeeded"),
        Map.entry("failed", "failed"), Map.entry("canceled", "canceled"), Map.entry("cancelled", "canceled"));

    private Phases() {}

    /** The phase of a status word (case-insensitive), or {@code null} for one the importer does not know. */
    static String of(String word) {
      return KNOWN.get(word.toLowerCase(Locale.ROOT));
    }
  }
}
