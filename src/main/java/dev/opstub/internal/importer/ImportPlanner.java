package dev.opstub.internal.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.internal.openapi.LongRunning;
import dev.opstub.internal.openapi.OpenApiSpec;
import dev.opstub.internal.openapi.SpecOperation;
import dev.opstub.internal.openapi.SpecProblem;
import dev.opstub.spi.StubPriority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides, for each long-running operation of a spec, the Azure pattern, the start and final
 * statuses, the vocabulary, the default timeline and the well-known failing input, and builds the
 * mappings that serve it (see {@link SpecPlan}).
 *
 * <p>The pattern: {@code final-state-via} when the spec gives it ({@code original-uri}: ARM's PUT
 * and PATCH end with a GET of the resource, the {@code azure-async-operation} pattern); otherwise
 * the polling header the start answer declares, otherwise autorest's defaults (ARM PUT and PATCH:
 * {@code azure-async-operation}, other ARM calls: {@code location}; data plane: {@code
 * operation-location}).
 */
public final class ImportPlanner {
  /** The transformer of the start mappings the importer writes: what names their API in the registry. */
  public static final String START_TRANSFORMER = "opstub-azure-start";
  /** A monitor for every operation where no stub for one operation is (StubPriority's allowed move). */
  static final int MONITOR_PRIORITY = StubPriority.ONE_OPERATION;
  static final int FAILING_PRIORITY = StubPriority.ONE_INPUT;
  static final int START_PRIORITY = StubPriority.EVERY_OPERATION;
  /** A start whose path is a whole resource id ({@code /{resourceId}}) matches any path: it stands behind the others. */
  static final int CATCH_ALL_START_PRIORITY = StubPriority.ADDED_EVERY_OPERATION;
  static final String DEFAULT_FAILURE_CODE = "OperationFailed";
  /**
   * The folder under {@code mappings/} of the mappings every ARM spec needs alike (ARM's monitor and
   * Location URLs): one copy, whichever specs an import reads, so that they never clash.
   */
  public static final String SHARED = "opstub-arm";

  private final OpenApiSpec spec;
  private final Map<String, String> timelines;
  private final List<SpecProblem> errors = new ArrayList<>();
  private final List<SpecProblem> notes = new ArrayList<>();
  private final Map<String, ObjectNode> files = new TreeMap<>();
  private final List<OperationPlan> operations = new ArrayList<>();

  private ImportPlanner(OpenApiSpec spec, Map<String, String> timelines) {
    this.spec = spec;
    this.timelines = timelines;
  }

  /**
   * Plans a spec's mappings.
   *
   * @param timelines timelines by operationId, instead of the default ones
   */
  public static SpecPlan plan(OpenApiSpec spec, Map<String, String> timelines) {
    return new ImportPlanner(spec, timelines).plan();
  }

  private SpecPlan plan() {
    errors.addAll(spec.errors());
    notes.addAll(spec.notes());
    Map<String, List<LongRunning>> byCall = new LinkedHashMap<>();
    spec.longRunning().forEach(l -> byCall.computeIfAbsent(l.operation().call(), k -> new ArrayList<>()).add(l));
    for (List<LongRunning> sharing : byCall.values()) {
      boolean json = false;
      boolean other = false;
      for (LongRunning lro : sharing) {
        String contentType = null;
        if (sharing.size() > 1) {
          if (lro.body().json() && !json) {
            contentType = "json";
            json = true;
          } else if (lro.body().other() && !other) {
            contentType = "other";
            other = true;
          } else {
            note(lro, lro.operation().pointer(), "shares " + lro.operation().call() + " with an operation sending "
                + "the same kind of body; only the first is stubbed");
            continue;
          }
        }
        operation(lro, contentType);
      }
    }
    Map<String, String> texts = new TreeMap<>();
    files.forEach((name, node) -> texts.put(name.contains("/") ? name : spec.name() + "/" + name, MappingJson.text(node)));
    return new SpecPlan(spec, operations, texts, errors, notes);
  }

  /** One operation: its start, its failing input, its monitor, its Location and its resource GET. */
  private void operation(LongRunning lro, String contentType) {
    SpecOperation op = lro.operation();
    String id = op.operationId();
    String pattern = pattern(lro);
    Integer startStatus = startStatus(lro, pattern);
    if (startStatus == null) {
      errors.add(new SpecProblem(spec.file().toString(), op.pointer() + "/responses", id, "declares "
          + lro.responses().keySet() + "; a long-running operation starts with 200, 201 or 202"));
      return;
    }
    Integer finalStatus = finalStatus(lro, pattern);
    Words words = Words.of(lro, spec.arm());
    String timeline = timelines.getOrDefault(id, words.timeline(op.method()));
    ObjectNode parameters = MappingJson.object();
    parameters.put("pattern", pattern);
    parameters.put("startStatus", startStatus);
    if (finalStatus != null) {
      parameters.put("finalStatus", finalStatus);
    }
    if (!lro.statuses().isEmpty()) {
      ObjectNode statuses = parameters.putObject("statuses");
      lro.statuses().forEach(statuses::put);
    }
    String monitor = monitor(lro, pattern, parameters);
    if (lro.resultProperty() != null) {
      parameters.put("resultProperty", lro.resultProperty());
    }
    if (lro.result() != null) {
      parameters.set("result", lro.result());
    }
    parameters.put("retryAfter", spec.arm() || !pattern.equals("operation-location") ? "1s" : "200ms");
    boolean catchAll = op.placeholders().stream().anyMatch(op.wholeSegments()::contains)
        && op.path().replaceAll("\\{[^{}]+}", "").replace("/", "").isEmpty();
    int priority = catchAll ? CATCH_ALL_START_PRIORITY : START_PRIORITY;
    String urlPathPattern = PathPatterns.of(op, spec.arm(), null);
    ObjectNode start = MappingJson.object();
    start.put("timeline", timeline);
    start.setAll(parameters);
    String summary = startStatus + " + " + (pattern.equals("operation-location") ? "Operation-Location"
        : pattern.equals("location") ? "Location" : "Azure-AsyncOperation") + ", then " + timeline;
    String base = PathPatterns.kebab(id);
    files.put(base + ".json", MappingJson.mapping(name(lro, summary), priority, request(op, urlPathPattern, contentType, null),
        startStatus, START_TRANSFORMER, start, marker(lro)));
    OperationPlan.FailingInput failingInput = failing(lro, contentType, words, parameters, base);
    resourceGet(lro, pattern, urlPathPattern, base);
    operations.add(new OperationPlan(id, op.call(), op.method(), urlPathPattern, priority, pattern, startStatus,
        finalStatus, monitor, timeline, failingInput, contentType, parameters));
  }

  private String name(LongRunning lro, String what) {
    return "Imported from " + fileName() + ": " + lro.operation().operationId() + ", " + lro.operation().call() + ": " + what;
  }

  private String fileName() {
    return spec.file().getFileName() == null ? spec.file().toString() : spec.file().getFileName().toString();
  }

  private ObjectNode marker(LongRunning lro) {
    ObjectNode marker = MappingJson.object();
    marker.put("spec", fileName());
    if (lro != null) {
      marker.put("operationId", lro.operation().operationId());
      marker.put("from", lro.operation().pointer());
    }
    return marker;
  }

  private static ObjectNode request(SpecOperation op, String urlPathPattern, String contentType, ObjectNode body) {
    ObjectNode request = MappingJson.request(op.method(), urlPathPattern);
    if (!op.query().isEmpty()) {
      ObjectNode query = request.putObject("queryParameters");
      new TreeMap<>(op.query()).forEach((name, value) -> query.putObject(name).put("equalTo", value));
    }
    if (contentType != null) {
      request.putObject("headers").putObject("Content-Type")
          .put(contentType.equals("json") ? "matches" : "doesNotMatch", "(?i)application/([^;]*\\+)?json.*");
    }
    if (body != null) {
      request.putArray("bodyPatterns").add(body);
    }
    return request;
  }

  static String pattern(LongRunning lro) {
    String method = lro.operation().method();
    boolean resource = method.equals("PUT") || method.equals("PATCH");
    String via = lro.finalStateVia();
    boolean arm = lro.monitor() == null && lro.statuses().isEmpty() && isArmShaped(lro);
    if (via != null) {
      return via.equals("original-uri") ? (arm || resource ? "azure-async-operation" : "operation-location") : via;
    }
    if (arm) {
      return lro.declaresHeader("Azure-AsyncOperation") ? "azure-async-operation"
          : lro.declaresHeader("Location") ? "location" : resource ? "azure-async-operation" : "location";
    }
    return lro.declaresHeader("Operation-Location") ? "operation-location"
        : lro.declaresHeader("Azure-AsyncOperation") ? "azure-async-operation"
        : lro.declaresHeader("Location") ? "location" : "operation-location";
  }

  /** ARM: what the spec said of itself, carried by the operation's path (ARM paths live under /subscriptions or /providers). */
  private static boolean isArmShaped(LongRunning lro) {
    String path = lro.operation().path().toLowerCase(java.util.Locale.ROOT);
    return path.startsWith("/subscriptions/") || path.contains("/providers/") || lro.operation().wholeSegments()
        .stream().anyMatch(w -> path.startsWith("/{" + w.toLowerCase(java.util.Locale.ROOT) + "}"));
  }

  /** The pack's start status for the pattern when the spec declares it, else the declared one of 202, 201, 200. */
  private static Integer startStatus(LongRunning lro, String pattern) {
    String method = lro.operation().method();
    boolean resource = method.equals("PUT") || method.equals("PATCH");
    int preferred = pattern.equals("location") ? 202 : resource ? (method.equals("PUT") ? 201 : 202) : 202;
    if (pattern.equals("operation-location") && resource) {
      preferred = 201;
    }
    if (lro.declares(preferred)) {
      return preferred;
    }
    for (int status : new int[] {202, 201, 200}) {
      if (lro.declares(status)) {
        return status;
      }
    }
    return null;
  }

  /**
   * The final success answer of a pattern that has one (ARM's {@code Location} after success): the
   * pack's (200 with a result, 204 without) when declared, else the declared other.
   */
  private static Integer finalStatus(LongRunning lro, String pattern) {
    String method = lro.operation().method();
    boolean viaLocation = pattern.equals("location")
        || pattern.equals("azure-async-operation") && !method.equals("PUT") && !method.equals("PATCH");
    if (!viaLocation) {
      return null;
    }
    int preferred = lro.result() != null ? 200 : 204;
    int other = preferred == 200 ? 204 : 200;
    return lro.declares(preferred) ? Integer.valueOf(preferred) : lro.declares(other) ? Integer.valueOf(other) : null;
  }

  /** Sets monitorPath (and startPath) when the spec declares a monitor; adds the monitor and Location mappings. */
  private String monitor(LongRunning lro, String pattern, ObjectNode parameters) {
    SpecOperation op = lro.operation();
    LongRunning.Monitor declared = lro.monitor();
    if (pattern.equals("operation-location") && declared != null && declared.monitorPath() != null) {
      String monitorPath = declared.monitorPath();
      parameters.put("monitorPath", monitorPath);
      if (monitorPath.replace("{id}", "").contains("{")) {
        parameters.put("startPath", op.path());
      }
      ObjectNode monitorParameters = MappingJson.object();
      monitorParameters.put("monitorPath", monitorPath);
      String regex = PathPatterns.monitor(monitorPath);
      boolean served = files.values().stream().anyMatch(m -> m.path("request").path("urlPathPattern").asText().equals(regex));
      if (!served) {
        String monitorName = declared.operationId() != null ? declared.operationId() : declared.path();
        files.putIfAbsent("monitor-" + PathPatterns.kebab(monitorName) + ".json", MappingJson.mapping(
          "Imported from " + fileName() + ": the status monitor " + monitorName + ", GET " + declared.path()
              + " (POST <monitor>:cancel cancels)", MONITOR_PRIORITY,
            MappingJson.request("ANY", regex), 200, "opstub-azure-monitor", monitorParameters,
            monitorMarker(declared.operationId())));
      }
      return monitorPath;
    }
    if (pattern.equals("operation-location")) {
      String first = op.path().length() > 1 && op.path().indexOf('/', 1) > 0 ? op.path().substring(0, op.path().indexOf('/', 1)) : "";
      String template = first + "/operations/{id}";
      files.putIfAbsent("monitor-default" + (first.isEmpty() ? "" : "-" + PathPatterns.kebab(first)) + ".json",
          MappingJson.mapping("Imported from " + fileName() + ": the pack's default status monitor, GET " + template,
              MONITOR_PRIORITY, MappingJson.request("ANY", PathPatterns.monitor(template)), 200, "opstub-azure-monitor",
              null, monitorMarker(null)));
      return template;
    }
    String armPrefix = "(?i)(/subscriptions/[^/]+)?/providers/Microsoft\\.Resources/";
    String shown = op.path().toLowerCase(java.util.Locale.ROOT).startsWith("/subscriptions/") ? "/subscriptions/{subscriptionId}" : "";
    if (pattern.equals("azure-async-operation")) {
      files.putIfAbsent(SHARED + "/operation-statuses.json", MappingJson.mapping("Imported for ARM specs: ARM's "
              + "Azure-AsyncOperation status monitors (POST <monitor>:cancel cancels)", MONITOR_PRIORITY,
          MappingJson.request("ANY", armPrefix + "operationStatuses/[^/]+(:cancel)?"), 200, "opstub-azure-monitor", null,
          sharedMarker()));
    }
    boolean location = pattern.equals("location") || !op.method().equals("PUT") && !op.method().equals("PATCH");
    if (location) {
      files.putIfAbsent(SHARED + "/operation-results.json", MappingJson.mapping("Imported for ARM specs: ARM's "
              + "Location URLs (202 while running, then the final answer)", START_PRIORITY,
          MappingJson.request("ANY", armPrefix + "operationResults/[^/]+"), 202, "opstub-azure-location", null,
          sharedMarker()));
    }
    return pattern.equals("location") ? shown + "/providers/Microsoft.Resources/operationResults/{id}"
        : shown + "/providers/Microsoft.Resources/operationStatuses/{id}";
  }

  /** The mark of a mapping every ARM spec's import writes alike. */
  private static ObjectNode sharedMarker() {
    ObjectNode marker = MappingJson.object();
    marker.put("spec", "(every ARM spec)");
    return marker;
  }

  private ObjectNode monitorMarker(String operationId) {
    ObjectNode marker = MappingJson.object();
    marker.put("spec", fileName());
    if (operationId != null) {
      marker.put("operationId", operationId);
    }
    return marker;
  }

  /**
   * The well-known failing input: the last placeholder of the path (else the first required string
   * of a JSON body) set to {@code opstub-<error code>} (from a failing example) or {@code opstub-fails}.
   */
  private OperationPlan.FailingInput failing(LongRunning lro, String contentType, Words words, ObjectNode parameters,
      String base) {
    SpecOperation op = lro.operation();
    LongRunning.Failure failure = lro.failure();
    String code = failure != null && failure.code().matches("[A-Za-z0-9_.-]{1,64}") ? failure.code() : DEFAULT_FAILURE_CODE;
    String inner = failure == null || failure.extra() == null ? null
        : failure.extra().path("innererror").path("code").asText(null);
    String literal = "opstub-" + PathPatterns.kebab(inner != null && inner.matches("[A-Za-z0-9_.-]{1,64}") ? inner
        : failure != null ? code : "fails");
    if (literal.equals("opstub-operation-failed")) {
      literal = "opstub-fails";
    }
    // A path that is a whole resource id (/{resourceId}) ends in any resource's name: its input must not be another's.
    boolean byId = !op.placeholders().isEmpty() && op.wholeSegments().contains(op.placeholders().get(op.placeholders().size() - 1));
    if (byId && failure == null) {
      literal = "opstub-by-id-fails";
    }
    String message = failure != null && !failure.message().isBlank() ? failure.message()
        : "The operation failed, as OpStub's well-known failing input " + literal + " does.";
    message = message.replaceAll("[()\\r\\n]", " ").replaceAll("\\s+", " ").trim();
    if (message.length() > 200) {
      message = message.substring(0, 200);
    }
    ObjectNode request;
    OperationPlan.FailingInput input;
    if (!op.placeholders().isEmpty()) {
      String last = op.placeholders().get(op.placeholders().size() - 1);
      request = request(op, PathPatterns.of(op, spec.arm(), literal), contentType, null);
      input = new OperationPlan.FailingInput(last, null, literal);
    } else if (lro.body().key() != null && lro.body().json()) {
      ObjectNode match = MappingJson.object();
      ObjectNode jsonPath = match.putObject("matchesJsonPath");
      jsonPath.put("expression", "$." + lro.body().key());
      jsonPath.put("equalTo", literal);
      request = request(op, PathPatterns.of(op, spec.arm(), null), contentType, match);
      input = new OperationPlan.FailingInput(null, lro.body().key(), literal);
    } else {
      note(lro, op.pointer(), "no path placeholder and no required string in a JSON body to give a well-known "
          + "failing input; none is written");
      return null;
    }
    ObjectNode failingParameters = MappingJson.object();
    String timeline = words.failing(code + ": " + message);
    failingParameters.put("timeline", timeline);
    failingParameters.setAll(parameters);
    failingParameters.remove("result"); // it fails: no result is ever served
    if (failure != null && failure.extra() != null) {
      failingParameters.set("error", failure.extra());
    }
    files.put(base + "-" + (literal.endsWith("-fails") ? literal : literal + "-fails") + ".json", MappingJson.mapping(
        name(lro, "the well-known failing input " + input + ": " + timeline), FAILING_PRIORITY, request,
        parameters.path("startStatus").asInt(), START_TRANSFORMER, failingParameters, marker(lro)));
    return input;
  }

  /** PUT and PATCH end with (or are read by) a GET of the resource: it is served as the operation stands. */
  private void resourceGet(LongRunning lro, String pattern, String urlPathPattern, String base) {
    String method = lro.operation().method();
    if ((method.equals("PUT") || method.equals("PATCH")) && !pattern.equals("location")) {
      boolean served = files.values().stream().anyMatch(m -> m.path("request").path("method").asText().equals("GET")
          && m.path("request").path("urlPathPattern").asText().equals(urlPathPattern));
      if (!served) {
        files.put(base + "-get.json", MappingJson.mapping(name(lro, "GET of the resource, as its operation stands"),
            START_PRIORITY, MappingJson.request("GET", urlPathPattern), 200, "opstub-azure-resource", null, marker(lro)));
      }
    }
  }

  private void note(LongRunning lro, String pointer, String message) {
    notes.add(new SpecProblem(spec.file().toString(), pointer, lro.operation().operationId(), message));
  }

  /** The words of a timeline: the declared vocabulary's, or the pack's. */
  record Words(String notStarted, String running, String succeeded, String failed) {
    static Words of(LongRunning lro, boolean arm) {
      Map<String, String> statuses = lro.statuses();
      if (statuses.isEmpty()) {
        boolean delete = lro.operation().method().equals("DELETE");
        return new Words(null, arm && delete ? "Deleting" : "Running", "Succeeded", "Failed");
      }
      return new Words(first(statuses, "notStarted"), first(statuses, "running"), first(statuses, "succeeded"),
          first(statuses, "failed"));
    }

    private static String first(Map<String, String> statuses, String phase) {
      return statuses.entrySet().stream().filter(e -> e.getValue().equals(phase)).map(Map.Entry::getKey).findFirst()
          .orElse(null);
    }

    String timeline(String method) {
      String running = this.running != null ? this.running : "Running";
      return (notStarted != null ? notStarted + ", " : "") + running + ", " + succeeded;
    }

    String failing(String detail) {
      String running = this.running != null ? this.running : "Running";
      return running + ", " + (failed != null ? failed : "Failed") + "(" + detail + ")";
    }
  }
}
