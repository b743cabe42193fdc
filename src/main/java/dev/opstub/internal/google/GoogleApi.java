package dev.opstub.internal.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.internal.http.UrlLiterals;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Handler;
import dev.opstub.spi.IdClaim;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Recording;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Route;
import dev.opstub.spi.StatusVocabulary;
import dev.opstub.spi.Timeline;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Google's long-running operations (AIP-151, {@code google.longrunning.Operations}) over HTTP/JSON,
 * written against {@code dev.opstub.spi} only: a method that starts one ({@link GoogleStart};
 * {@code POST /v1/speech:longrunningrecognize} by default) answers the {@code Operation}; its URL
 * ({@link GoogleOperation}) polls, cancels and deletes it; {@link GoogleOperationList} lists them.
 * Errors come in the transcoding's shape {@code {"error":{"code","message","status"}}}.
 *
 * <p>An operation's id is its name: a bare id as Speech hands out ({@code 7612202767953098924}) or
 * {@code projects/<p>/locations/<l>/operations/<id>}; a leading {@code operations/} is dropped
 * ({@code operations/abc} is {@code abc}), as the speech client polls {@code /v1/operations/<name>}.
 *
 * <pre>{@code
 * GoogleApi.INSTANCE.operationId("operations/7612202767953098924"); // Optional[7612202767953098924]
 * }</pre>
 */
public final class GoogleApi implements Dialect {
  public static final GoogleApi INSTANCE = new GoogleApi();

  /** The API's name: the namespace of its operations, {@code "api": "google"} in the admin API. */
  public static final String NAME = "google";
  static final String OPERATIONS = "/v1/operations";
  /** The shipped start: Cloud Speech-to-Text v1's. */
  static final String SPEECH_START = "/v1/speech:longrunningrecognize";
  static final String METHOD = "method";
  static final String PATH = "path";
  private static final String SEGMENT = "[A-Za-z0-9][A-Za-z0-9._~-]{0,127}";
  private static final Pattern BARE = Pattern.compile(SEGMENT);
  private static final Pattern NESTED = Pattern.compile("projects/" + SEGMENT + "/locations/" + SEGMENT
      + "/operations/" + SEGMENT);
  /** The operation URLs, for every id: {@code /v1/operations/<name>} and the nested form, each with {@code :cancel}. */
  private static final String OPERATION_PATHS =
      "/v1/(operations/[^:]+|projects/[^/]+/locations/[^/]+/operations/[^/:]+)(:cancel)?";
  private static final String LIST_PATHS = "/v1/(operations|projects/[^/]+/locations/[^/]+/operations)";

  private GoogleApi() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StatusVocabulary statuses() {
    return GoogleStatuses.INSTANCE;
  }

  @Override
  public String idFormat() {
    return "an operation name: letters, digits, '.', '_', '~' or '-' (up to 128, e.g. 7612202767953098924), "
        + "or projects/<project>/locations/<location>/operations/<id>; a leading operations/ is dropped";
  }

  @Override
  public Optional<String> operationId(String written) {
    if (written == null) {
      return Optional.empty();
    }
    String name = written.startsWith("operations/") ? written.substring("operations/".length()) : written;
    return BARE.matcher(name).matches() || NESTED.matcher(name).matches() ? Optional.of(name) : Optional.empty();
  }

  /** The name an operation URL names ({@code /v1/operations/<name>}, {@code /v1/projects/...}), decoded; {@code null} for another path. */
  static String nameInPath(String path) {
    String name;
    if (path.startsWith(OPERATIONS + "/")) {
      name = path.substring(OPERATIONS.length() + 1);
    } else if (path.startsWith("/v1/projects/")) {
      name = path.substring("/v1/".length());
    } else {
      return null;
    }
    try {
      return URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return name;
    }
  }

  /**
   * {@code response} (what a {@code Done} answers; {@code addOperation}'s target) and {@code
   * metadata}: each a JSON object with {@code @type}, or its text.
   */
  @Override
  public List<Parameter<?>> fields() {
    return List.of(GoogleKept.RESPONSE_PARAMETER, GoogleKept.METADATA_PARAMETER);
  }

  @Override
  public OperationSpec operation(String id, Timeline timeline, Map<String, ?> fields, Duration expireAfter,
      Operations operations) {
    return new OperationSpec(id, timeline, GoogleKept.encode(field(fields, GoogleKept.METADATA_PARAMETER),
        field(fields, GoogleKept.RESPONSE_PARAMETER), timeline), expireAfter);
  }

  private static ObjectNode field(Map<String, ?> fields, Parameter<ObjectNode> parameter) {
    Object value = fields.get(parameter.name());
    return value == null ? null : parameter.read(value);
  }

  /** The response a {@code Done} answers, and the metadata its polls carry. */
  @Override
  public Map<String, Object> shownFields(String target, Operations operations) {
    GoogleKept kept = GoogleKept.decode(target);
    Map<String, Object> shown = new java.util.LinkedHashMap<>();
    // Copies: the kept nodes are shared by every operation that keeps the same text.
    shown.put(GoogleKept.RESPONSE_PARAMETER.name(), kept.response() == null ? null : kept.response().deepCopy());
    shown.put(GoogleKept.METADATA_PARAMETER.name(), kept.metadata() == null ? null : kept.metadata().deepCopy());
    return shown;
  }

  /** Speech's start, its polls and their answers ({@link GoogleRecording}). */
  @Override
  public Optional<Recording> recording() {
    return Optional.of(GoogleRecording.INSTANCE);
  }

  @Override
  public List<Handler> handlers() {
    return List.of(GoogleOperation.INSTANCE, GoogleStart.INSTANCE, GoogleOperationList.INSTANCE);
  }

  @Override
  public Reply error(Request request, int status, String code, String message) {
    return GoogleErrors.forHttp(status, message);
  }

  /** The id a literal operation URL names ({@code /v1/operations/42}: {@code 42}). */
  @Override
  public Optional<IdClaim> claimedId(String field, String url) {
    Optional<String> path = UrlLiterals.literalTail(field, url);
    if (path.isEmpty() || !Pattern.matches(OPERATION_PATHS, path.get())) {
      return Optional.empty();
    }
    String literal = path.get().endsWith(GoogleOperation.CANCEL)
        ? path.get().substring(0, path.get().length() - GoogleOperation.CANCEL.length()) : path.get();
    String written = nameInPath(literal);
    return Optional.of(new IdClaim(operationId(written).orElse(null), written));
  }

  /**
   * For one id: its operation URLs (any method: GET polls, POST :cancel, DELETE), carrying the
   * stub's script. For every id: the start the stub names ({@code method}, POST by default, and
   * {@code path}, a regular expression, {@value #SPEECH_START} by default), the operation URLs
   * (only live operations answer) and the list.
   */
  @Override
  public List<Route> routes(String id, Map<String, Object> parameters) {
    List<String> script = GoogleOperation.PARAMETERS.stream().map(Parameter::name).toList();
    List<Route> routes = new ArrayList<>();
    if (id != null) {
      String quoted = Pattern.quote(id);
      String paths = id.contains("/") ? "/v1/(operations/)?" + quoted : "/v1/operations/(operations/)?" + quoted;
      routes.add(new Route(null, paths + "(:cancel)?", GoogleOperation.INSTANCE, script));
      return routes;
    }
    Object path = parameters.get(PATH);
    Object method = parameters.get(METHOD);
    String verb = method instanceof String text && !text.isBlank() ? text.trim().toUpperCase(Locale.ROOT) : "POST";
    routes.add(new Route(verb.equals("ANY") ? null : verb,
        path instanceof String startPath && !startPath.isBlank() ? startPath : Pattern.quote(SPEECH_START),
        GoogleStart.INSTANCE, GoogleStart.PARAMETERS.stream().map(Parameter::name).toList()));
    routes.add(new Route(null, OPERATION_PATHS, GoogleOperation.INSTANCE, List.of()));
    routes.add(new Route("GET", LIST_PATHS, GoogleOperationList.INSTANCE, List.of()));
    return routes;
  }

  /** {@code path}: the start call's path, a regular expression; {@code method}: its method (POST when absent). */
  @Override
  public List<String> routeParameters() {
    return List.of(METHOD, PATH);
  }
}
