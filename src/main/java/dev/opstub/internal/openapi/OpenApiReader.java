package dev.opstub.internal.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads one spec into an {@link OpenApiSpec}: its host and paths (with {@code x-ms-paths}), and for
 * each long-running operation its declared responses, {@code final-state-via}, body, and (through
 * {@link MonitorFinder}) its status monitor, vocabulary and examples. Never throws: problems are
 * errors (the operation cannot be stubbed faithfully) or notes.
 */
final class OpenApiReader {
  private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete", "head", "options");
  /** {@code x-ms-long-running-operation-options.final-state-via}'s values (autorest). */
  static final List<String> FINAL_STATE_VIA = List.of("azure-async-operation", "location", "original-uri",
      "operation-location");

  private final Path file;
  private final SpecFiles files;
  private final List<SpecProblem> errors = new ArrayList<>();
  private final List<SpecProblem> notes = new ArrayList<>();
  private JsonNode root;
  private List<String> specConsumes = List.of();

  OpenApiReader(Path file) {
    this.file = file;
    this.files = new SpecFiles(file);
  }

  OpenApiSpec read() {
    String name = OpenApiSpec.nameOf(file);
    SpecFiles.Loaded loaded = files.load(file);
    if (loaded.root() == null) {
      return failed(name, "", loaded.problem());
    }
    root = loaded.root();
    if (!root.isObject()) {
      return failed(name, "", "is not a JSON object; expected an OpenAPI 2.0 spec");
    }
    if (root.has("openapi")) {
      return failed(name, "/openapi", "is OpenAPI " + root.get("openapi").asText() + "; the importer reads OpenAPI 2.0 "
          + "(\"swagger\": \"2.0\"), as azure-rest-api-specs publishes it");
    }
    if (!root.path("swagger").asText("").equals("2.0")) {
      return failed(name, "/swagger", root.has("swagger") ? "is \"" + root.get("swagger").asText() + "\"; expected \"2.0\""
          : "is missing; expected \"swagger\": \"2.0\" (an OpenAPI 2.0 spec)");
    }
    JsonNode paths = root.path("paths");
    JsonNode msPaths = root.path("x-ms-paths");
    if (!paths.isObject() && !msPaths.isObject()) {
      return failed(name, "/paths", "is missing or not an object; expected the spec's paths");
    }
    specConsumes = strings(root.path("consumes"));
    String prefix = prefix();
    List<SpecOperation> operations = new ArrayList<>();
    operations(paths, "/paths", prefix, operations);
    operations(msPaths, "/x-ms-paths", prefix, operations);
    boolean arm = isArm(operations);
    MonitorFinder monitors = new MonitorFinder(files, file, operations, notes);
    List<LongRunning> longRunning = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (SpecOperation operation : operations) {
      if (!isLongRunning(operation)) {
        continue;
      }
      if (operation.operationId() == null) {
        error(operation.pointer() + "/operationId", null, "a long-running operation without operationId; the importer "
            + "names its files and --timeline entries by it");
        continue;
      }
      if (!ids.add(operation.operationId())) {
        error(operation.pointer() + "/operationId", operation.operationId(), "is the operationId of an earlier "
            + "long-running operation too; operationIds must be unique");
        continue;
      }
      LongRunning lro = longRunning(operation, arm, monitors);
      if (lro != null) {
        longRunning.add(lro);
      }
    }
    return new OpenApiSpec(file, name, root.path("info").path("title").asText(""),
        root.path("info").path("version").asText(""), arm, operations, longRunning, errors, notes);
  }

  private OpenApiSpec failed(String name, String pointer, String problem) {
    errors.add(new SpecProblem(file.toString(), pointer, null, problem));
    return new OpenApiSpec(file, name, "", "", false, List.of(), List.of(), errors, notes);
  }

  /**
   * The path the host part adds: {@code x-ms-parameterized-host}'s {@code hostTemplate} after its
   * host ({@code {endpoint}/documentintelligence}: {@code /documentintelligence}), then {@code
   * basePath}.
   */
  private String prefix() {
    String prefix = "";
    JsonNode host = root.path("x-ms-parameterized-host");
    if (host.isObject()) {
      String template = host.path("hostTemplate").asText("");
      if (template.isEmpty()) {
        note("/x-ms-parameterized-host/hostTemplate", null, "is missing; paths are taken from the server root");
      }
      int scheme = template.indexOf("://");
      String rest = scheme >= 0 ? template.substring(scheme + 3) : template;
      int slash = rest.indexOf('/');
      prefix = slash < 0 ? "" : rest.substring(slash);
    }
    JsonNode basePath = root.path("basePath");
    if (basePath.isTextual()) {
      prefix += basePath.asText();
    }
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    if (!prefix.isEmpty() && !prefix.startsWith("/")) {
      prefix = "/" + prefix;
    }
    return prefix;
  }

  private void operations(JsonNode paths, String base, String prefix, List<SpecOperation> into) {
    if (!paths.isObject()) {
      return;
    }
    paths.fields().forEachRemaining(entry -> {
      String key = entry.getKey();
      String itemPointer = Pointers.child(base, key);
      SpecFiles.Target item = files.follow(file, itemPointer, entry.getValue());
      if (!item.found() || !item.node().isObject()) {
        note(itemPointer, null, item.found() ? "is not an object; skipped" : item.problem() + "; skipped");
        return;
      }
      int question = key.indexOf('?');
      String template = question < 0 ? key : key.substring(0, question);
      Map<String, String> query = question < 0 ? Map.of() : query(key.substring(question + 1));
      item.node().fields().forEachRemaining(method -> {
        if (!METHODS.contains(method.getKey()) || !method.getValue().isObject()) {
          return;
        }
        JsonNode op = method.getValue();
        String pointer = Pointers.child(itemPointer, method.getKey());
        JsonNode id = op.path("operationId");
        String operationId = id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
        List<String> placeholders = placeholders(template);
        if (placeholders == null) {
          if (isLongRunning(op)) {
            error(itemPointer, operationId, "the path has a '{' without its '}' (or an empty {}); expected "
                + "placeholders such as {modelId}");
          }
          return;
        }
        into.add(new SpecOperation(operationId, method.getKey().toUpperCase(Locale.ROOT), prefix + template, query,
            pointer, placeholders, wholeSegments(item.node(), op, pointer, operationId), op));
      });
    });
  }

  private static Map<String, String> query(String query) {
    Map<String, String> literal = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (!name.isEmpty() && !name.equals("_overload")) {
        literal.put(name, equals < 0 ? "" : pair.substring(equals + 1));
      }
    }
    return literal;
  }

  /** The {@code {name}}s of a path template, or {@code null} when a brace is unbalanced or empty. */
  static List<String> placeholders(String template) {
    List<String> names = new ArrayList<>();
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf('{', at);
      int close = template.indexOf('}', at);
      if (open < 0) {
        return close < 0 ? names : null;
      }
      if (close < open) {
        return null;
      }
      int next = template.indexOf('{', open + 1);
      if (next >= 0 && next < close || close == open + 1) {
        return null;
      }
      names.add(template.substring(open + 1, close));
      at = close + 1;
    }
    return names;
  }

  /** The path parameters (of the path item and the operation) declared {@code x-ms-skip-url-encoding}. */
  private Set<String> wholeSegments(JsonNode item, JsonNode op, String pointer, String operationId) {
    Set<String> whole = new LinkedHashSet<>();
    for (ParameterRead p : parameters(item, op, pointer, operationId, isLongRunning(op))) {
      if (p.node().path("in").asText("").equals("path") && p.node().path("x-ms-skip-url-encoding").asBoolean(false)) {
        whole.add(p.node().path("name").asText(""));
      }
    }
    return whole;
  }

  /** A parameter, its {@code $ref} followed. */
  record ParameterRead(SpecFiles.Target target) {
    JsonNode node() {
      return target.node();
    }
  }

  /** The path item's and the operation's parameters whose {@code $ref}s resolve (a note for each that does not). */
  List<ParameterRead> parameters(JsonNode item, JsonNode op, String pointer, String operationId, boolean tell) {
    List<ParameterRead> read = new ArrayList<>();
    String itemPointer = pointer.substring(0, pointer.lastIndexOf('/'));
    collect(item.path("parameters"), itemPointer + "/parameters", operationId, tell, read);
    collect(op.path("parameters"), pointer + "/parameters", operationId, tell, read);
    return read;
  }

  private void collect(JsonNode parameters, String pointer, String operationId, boolean tell, List<ParameterRead> into) {
    if (!parameters.isArray()) {
      return;
    }
    for (int i = 0; i < parameters.size(); i++) {
      String at = pointer + "/" + i;
      SpecFiles.Target target = files.follow(file, at, parameters.get(i));
      if (target.found() && target.node().isObject()) {
        into.add(new ParameterRead(target));
      } else if (tell) {
        note(at, operationId, (target.found() ? "is not an object" : target.problem()) + "; read without it");
      }
    }
  }

  private static boolean isLongRunning(SpecOperation operation) {
    return isLongRunning(operation.node());
  }

  private static boolean isLongRunning(JsonNode op) {
    JsonNode flag = op.path("x-ms-long-running-operation");
    return flag.asBoolean(false) || flag.isTextual() && flag.asText().equalsIgnoreCase("true");
  }

  /** ARM: the host is management.azure.com, or (without a parameterized host) a path is under /providers/. */
  private boolean isArm(List<SpecOperation> operations) {
    if (root.path("host").asText("").toLowerCase(Locale.ROOT).contains("management.azure.com")) {
      return true;
    }
    return !root.has("x-ms-parameterized-host")
        && operations.stream().anyMatch(o -> o.path().toLowerCase(Locale.ROOT).contains("/providers/"));
  }

  private LongRunning longRunning(SpecOperation operation, boolean arm, MonitorFinder monitors) {
    String id = operation.operationId();
    String pointer = operation.pointer();
    JsonNode op = operation.node();
    if (!op.path("x-ms-long-running-operation").isBoolean()) {
      note(pointer + "/x-ms-long-running-operation", id, "is the string \"true\"; read as the boolean true");
    }
    int before = errors.size();
    SortedMap<Integer, Set<String>> responses = responses(operation);
    String finalStateVia = finalStateVia(operation);
    if (errors.size() > before || responses == null) {
      return null;
    }
    LongRunning.Body body = body(operation);
    return monitors.complete(operation, arm, responses, finalStateVia, body);
  }

  /** The declared status codes with their header names; an error (and {@code null}) without a 2xx. */
  private SortedMap<Integer, Set<String>> responses(SpecOperation operation) {
    String pointer = operation.pointer() + "/responses";
    JsonNode responses = operation.node().path("responses");
    if (!responses.isObject()) {
      error(pointer, operation.operationId(), "is missing or not an object; a long-running operation declares "
          + "its start answer (200, 201 or 202)");
      return null;
    }
    SortedMap<Integer, Set<String>> declared = new TreeMap<>();
    responses.fields().forEachRemaining(entry -> {
      String code = entry.getKey();
      if (!code.matches("[1-5][0-9][0-9]")) {
        return; // default, 2XX: no status a stub can answer with
      }
      String at = Pointers.child(pointer, code);
      SpecFiles.Target response = files.follow(file, at, entry.getValue());
      if (!response.found()) {
        error(at, operation.operationId(), response.problem());
        return;
      }
      Set<String> headers = new LinkedHashSet<>();
      response.node().path("headers").fieldNames().forEachRemaining(headers::add);
      declared.put(Integer.parseInt(code), headers);
    });
    if (declared.keySet().stream().noneMatch(code -> code / 100 == 2)) {
      error(pointer, operation.operationId(), "declares no 2xx answer (" + (declared.isEmpty() ? "none"
          : declared.keySet()) + "); a long-running operation starts with 200, 201 or 202");
      return null;
    }
    return declared;
  }

  private String finalStateVia(SpecOperation operation) {
    String pointer = operation.pointer() + "/x-ms-long-running-operation-options";
    JsonNode options = operation.node().path("x-ms-long-running-operation-options");
    if (options.isMissingNode() || options.isNull()) {
      return null;
    }
    if (!options.isObject()) {
      error(pointer, operation.operationId(), "is not an object; expected {\"final-state-via\": ...}");
      return null;
    }
    JsonNode via = options.path("final-state-via");
    if (via.isMissingNode()) {
      return null;
    }
    if (!via.isTextual() || !FINAL_STATE_VIA.contains(via.asText())) {
      error(pointer + "/final-state-via", operation.operationId(), "is " + via + "; allowed: "
          + String.join(", ", FINAL_STATE_VIA));
      return null;
    }
    return via.asText();
  }

  private LongRunning.Body body(SpecOperation operation) {
    List<String> consumes = operation.node().has("consumes") ? strings(operation.node().path("consumes")) : specConsumes;
    long json = consumes.stream().filter(OpenApiReader::isJson).count();
    String key = null;
    String itemPointer = operation.pointer().substring(0, operation.pointer().lastIndexOf('/'));
    SpecFiles.Target item = files.follow(file, itemPointer, root.at(itemPointer));
    for (ParameterRead p : parameters(item.found() ? item.node() : com.fasterxml.jackson.databind.node.MissingNode.getInstance(), operation.node(),
        operation.pointer(), operation.operationId(), false)) {
      if (p.node().path("in").asText("").equals("body")) {
        key = MonitorFinder.firstRequiredString(files, p.target().file(), p.target().pointer() + "/schema",
            p.node().path("schema"));
      }
    }
    return new LongRunning.Body(consumes.isEmpty() || json == consumes.size(), !consumes.isEmpty() && json == 0, key);
  }

  private static boolean isJson(String mediaType) {
    String type = mediaType.toLowerCase(Locale.ROOT);
    return type.startsWith("application/json") || type.matches("application/[^;]*\\+json.*") || type.equals("text/json");
  }

  private static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(n -> {
        if (n.isTextual()) {
          strings.add(n.asText());
        }
      });
    }
    return strings;
  }

  private void error(String pointer, String operationId, String message) {
    errors.add(new SpecProblem(file.toString(), pointer, operationId, message));
  }

  private void note(String pointer, String operationId, String message) {
    notes.add(new SpecProblem(file.toString(), pointer, operationId, message));
  }
}
