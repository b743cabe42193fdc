package dev.opstub.internal.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.opstub.internal.conformance.Judged;
import dev.opstub.internal.conformance.RuleBook;
import dev.opstub.internal.http.UrlLiterals;
import dev.opstub.internal.timeline.Operation;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Handler;
import dev.opstub.spi.IdClaim;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Recording;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Route;
import dev.opstub.spi.StatusVocabulary;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The long-running operations of today's Azure clients, as the pack knows them ("Azure LRO"): the
 * data-plane status monitor of the Azure REST API guidelines ({@code Operation-Location}) and ARM's
 * {@code Azure-AsyncOperation}, {@code Location} and {@code provisioningState}. A start mapping
 * ({@link AzureStart}) matches whatever method and path the service uses and names the pattern,
 * the timeline and the result; the monitors ({@link AzureMonitor}, {@link AzureLocation}, {@link
 * AzureResource}) find the operation by the id in their path, whatever {@code api-version} the
 * client sends.
 *
 * <pre>{@code
 * AzureApi.INSTANCE.operationId("3f2c9a4e-0d1b-4c55-9a51-0f6d7e1c2b3a"); // Optional[3f2c9a4e-...]
 * }</pre>
 */
public final class AzureApi implements Dialect, Judged {
  public static final AzureApi INSTANCE = new AzureApi();

  /** The API's name: the namespace of its operations, {@code "api": "azure"} in the admin API. */
  public static final String NAME = "azure";
  static final String ID_FORMAT = "1 to 128 letters, digits, '-', '_' or '.' (a uuid, for instance)";
  /** What {@link #operationId} accepts, as a pattern; checked by hand on every poll. */
  static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

  /** The monitor paths a start call hands out unless its mapping says {@code monitorPath}. */
  static final String MONITOR_PATHS =
      "(/subscriptions/[^/]+)?/providers/Microsoft\\.Resources/operationStatuses/[^/]+|(/[^/]+)?/operations/[^/]+";
  /** ARM's {@code Location} paths a start call hands out. */
  static final String LOCATION_PATHS = "(/subscriptions/[^/]+)?/providers/Microsoft\\.Resources/operationResults/[^/]+";

  /** The stub parameter naming the start call's method. */
  static final String METHOD = "method";
  /** The stub parameter naming the start call's path, a regular expression. */
  static final String PATH = "path";

  private static final Pattern MONITOR = Pattern.compile(MONITOR_PATHS);
  private static final Pattern LOCATION = Pattern.compile(LOCATION_PATHS);

  private AzureApi() {}

  @Override
  public RuleBook conformance() {
    return AzureConformance.BOOK;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StatusVocabulary statuses() {
    return AzureStatuses.INSTANCE;
  }

  @Override
  public String idFormat() {
    return ID_FORMAT + ", e.g. 3f2c9a4e-0d1b-4c55-9a51-0f6d7e1c2b3a";
  }

  @Override
  public Optional<String> operationId(String written) {
    return written != null && isId(written) ? Optional.of(written) : Optional.empty();
  }

  /** {@link #ID_PATTERN}, by hand: every monitor poll asks, and the matcher was a visible part of its cost. */
  private static boolean isId(String text) {
    if (text.isEmpty() || text.length() > 128 || !isAsciiLetterOrDigit(text.charAt(0))) {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  /**
   * {@code result} (a JSON object, or its text), and how its polls spell statuses: {@code
   * statusCase} or {@code statuses}, read as a mapping's are.
   */
  @Override
  public List<Parameter<?>> fields() {
    return List.of(AzureParameters.RESULT, AzureParameters.CAMEL_CASE, AzureParameters.STATUSES);
  }

  /** With {@code statuses}, the timeline is written in the declared words. */
  @Override
  public StatusVocabulary statuses(Map<String, ?> fields) {
    Object declared = fields.get(AzureParameters.STATUSES.name());
    if (declared == null) {
      return statuses();
    }
    if (fields.get(AzureParameters.CAMEL_CASE.name()) != null) {
      throw new IllegalArgumentException("statuses and statusCase both say how statuses are spelled; allowed: one of "
          + "them (statuses serves each word exactly as declared)");
    }
    return AzureParameters.STATUSES.read(declared);
  }

  /** A plain status monitor serving the {@code result}, its statuses spelled as {@code statusCase} or {@code statuses} say. */
  @Override
  public OperationSpec operation(String id, Timeline timeline, Map<String, ?> fields, Duration expireAfter,
      Operations operations) {
    Object value = fields.get(AzureParameters.RESULT.name());
    String result = value == null ? null : AzureParameters.RESULT.read(value);
    Object statusCase = fields.get(AzureParameters.CAMEL_CASE.name());
    boolean camelCase = statusCase != null && AzureParameters.CAMEL_CASE.read(statusCase);
    AzureDeclaredStatuses declared = statuses(fields) instanceof AzureDeclaredStatuses own ? own : null;
    AzureProfile profile = new AzureProfile(AzureProfile.BARE.pattern(), null, result,
        AzureProfile.BARE.resultProperty(), camelCase, null, 0, AzureProfile.BARE.failureStatus(), null, null,
        AzureServiceShape.of(null, declared, timeline, null, null));
    String target = AzureOperation.target(profile, operations, false, AzureOperation.BARE.method(),
        AzureOperation.BARE.path(), null);
    return new OperationSpec(id, declared == null ? timeline : AzureServiceShape.canonical(timeline), target,
        expireAfter);
  }

  /** In the words its polls serve: the declared ones, when its statuses are declared. */
  @Override
  public String shownTimeline(String target, Timeline timeline, Operations operations) {
    AzureServiceShape service = AzureOperation.of(target, operations).service();
    return service == null || service.statuses() == null ? timeline.notation() : service.shown(timeline);
  }

  /** As its polls serve it: camelCase or a declared word, when its mapping says so. */
  @Override
  public String shownStatus(String target, Poll now, Operations operations) {
    return AzureBodies.statusName(now, AzureOperation.of(target, operations));
  }

  /** The operation's result as a JSON value ({@code null} without one). */
  @Override
  public Map<String, Object> shownFields(String target, Operations operations) {
    String result = AzureOperation.of(target, operations).result();
    Map<String, Object> shown = new java.util.LinkedHashMap<>();
    shown.put(AzureParameters.RESULT.name(), result == null ? null : AzureBodies.json(result));
    return shown;
  }

  @Override
  public List<Handler> handlers() {
    return List.of(AzureMonitor.INSTANCE, AzureStart.INSTANCE, AzureLocation.INSTANCE, AzureResource.INSTANCE);
  }

  @Override
  public Reply error(Request request, int status, String code, String message) {
    return AzureErrors.error(status, code, message);
  }

  /**
   * The monitor and Location paths, and every path under {@code /documentintelligence/} and {@code
   * /subscriptions/} (the shipped fallback answers the ones no call has). A start path a mapping
   * chooses elsewhere is the pack's too: the body limit also asks the stubs the pack serves.
   */
  @Override
  public boolean ownsPath(String path) {
    return path.startsWith("/documentintelligence/") || path.startsWith("/subscriptions/")
        || Dialect.super.ownsPath(path);
  }

  /** The id a literal monitor or Location path ends in ({@code /svc/operations/job-7}: {@code job-7}). */
  @Override
  public Optional<IdClaim> claimedId(String field, String url) {
    Optional<String> path = UrlLiterals.literalTail(field, url);
    if (path.isEmpty() || !(MONITOR.matcher(path.get()).matches() || LOCATION.matcher(path.get()).matches())) {
      return Optional.empty();
    }
    String written = path.get().substring(path.get().lastIndexOf('/') + 1);
    return Optional.of(new IdClaim(operationId(written).orElse(null), written));
  }

  @Override
  public Optional<Recording> recording() {
    return Optional.of(AzureRecording.INSTANCE);
  }

  /**
   * For every id: the start call the stub names ({@code method}, {@code path}: a regular
   * expression), a GET of that path for the resource a PUT, PATCH or DELETE works on, and the
   * monitor and Location URLs the start call hands out (on any method: their handlers answer a
   * method they do not take with 405 in Azure's shape, not WireMock's no-match page). For one id:
   * its monitor (whose stub's timeline makes the operation on its first poll) and its Location. A
   * stub with parameters but no {@code path} has no route: an Azure operation starts wherever the
   * service says.
   */
  @Override
  public List<Route> routes(String id, Map<String, Object> parameters) {
    List<String> monitorParameters = AzureParameters.MONITOR.stream().map(Parameter::name).toList();
    Object monitorPath = parameters.get(AzureParameters.MONITOR_PATH.name());
    List<Route> routes = new ArrayList<>();
    if (id != null) {
      String quoted = Pattern.quote(id);
      String monitors = monitorPath instanceof String template && AzureServiceShape.templated(template)
          ? AzurePathTemplate.parsed(template).pathRegex(quoted)
          : monitorPath instanceof String template && template.endsWith("{id}")
          ? Pattern.quote(template.substring(0, template.length() - 4)) + quoted
          : "((/subscriptions/[^/]+)?/providers/Microsoft\\.Resources/operationStatuses|(/[^/]+)?/operations)/" + quoted;
      routes.add(new Route(null, monitors + "(:cancel)?", AzureMonitor.INSTANCE, monitorParameters));
      routes.add(new Route(null, "(/subscriptions/[^/]+)?/providers/Microsoft\\.Resources/operationResults/" + quoted,
          AzureLocation.INSTANCE, List.of()));
      return routes;
    }
    Object path = parameters.get(PATH);
    if (path instanceof String startPath && !startPath.isBlank()) {
      Object method = parameters.get(METHOD);
      String verb = method instanceof String text && !text.isBlank() && !text.equalsIgnoreCase("ANY")
          ? text.trim().toUpperCase(Locale.ROOT) : null;
      routes.add(new Route(verb, startPath, AzureStart.INSTANCE,
          AzureParameters.START.stream().map(Parameter::name).toList()));
      if (verb == null || !verb.equals("POST")) {
        routes.add(new Route("GET", startPath, AzureResource.INSTANCE, List.of()));
      }
    } else if (!parameters.isEmpty()) {
      return List.of();
    }
    // A monitor whose {id} is not its last segment reads it where the template has it: the route carries it.
    boolean templated = monitorPath instanceof String template && AzureServiceShape.templated(template);
    String monitors = templated ? AzurePathTemplate.parsed((String) monitorPath).pathRegex("[^/]+")
        : monitorPath instanceof String template && template.endsWith("{id}")
        ? Pattern.quote(template.substring(0, template.length() - 4)) + "[^/]+" : "(" + MONITOR_PATHS + ")";
    routes.add(new Route(null, monitors + "(:cancel)?", AzureMonitor.INSTANCE,
        templated ? List.of(AzureParameters.MONITOR_PATH.name()) : List.of()));
    routes.add(new Route(null, LOCATION_PATHS, AzureLocation.INSTANCE, List.of()));
    return routes;
  }

  /** {@code path}: the start call's path, a regular expression; {@code method}: its method (any when absent). */
  @Override
  public List<String> routeParameters() {
    return List.of(METHOD, PATH);
  }

  /** The last segment of a path, when it is an operation id. */
  static Optional<String> lastSegment(String path) {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return INSTANCE.operationId(trimmed.substring(trimmed.lastIndexOf('/') + 1));
  }
}
