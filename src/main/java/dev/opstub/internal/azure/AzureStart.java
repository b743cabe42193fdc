package dev.opstub.internal.azure;

import dev.opstub.internal.conformance.Credentials;
import dev.opstub.internal.timeline.Operation;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Finding;
import dev.opstub.spi.Handler;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Starts an Azure long-running operation, whatever method and path the mapping matches, and
 * answers as the operation's {@link AzurePattern} starts: 201/202 with an absolute {@code
 * Operation-Location} (data plane), {@code Azure-AsyncOperation} and/or {@code Location} (ARM), or
 * the resource with a non-terminal {@code properties.provisioningState}. URLs handed out are built
 * on the base URL of the request being answered and keep the start call's {@code api-version}.
 *
 * <p>The operation id is the request's {@code operation-id} header (POST) or a new uuid; for PUT,
 * PATCH and DELETE it is derived from the resource path, so that a GET of the resource finds the
 * operation working on it.
 *
 * <p>{@code transformerParameters}: see {@link AzureParameters}; only {@code timeline} matters
 * for a plain data-plane action.
 *
 * <pre>{@code
 * StubParameters p = StubParameters.read(AzureStart.INSTANCE, Map.of("timeline", "Running, Succeeded"));
 * Reply started = AzureStart.INSTANCE.handle(post, p, state); // 202, Operation-Location: http://.../operations/<id>
 * }</pre>
 */
public final class AzureStart implements Handler {
  /** The transformer's name. */
  public static final String NAME = "opstub-azure-start";
  /** The timeline of an operation when the stub gives none. */
  public static final Timeline DEFAULT_TIMELINE = TimelineParser.parse("Running, Succeeded", AzureStatuses.INSTANCE);
  /** {@code Retry-After} when the stub gives none: ARM's client would otherwise wait 30 s between polls. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  public static final AzureStart INSTANCE = new AzureStart();

  private AzureStart() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Role role() {
    return Role.START;
  }

  @Override
  public List<Parameter<?>> parameters() {
    return AzureParameters.START;
  }

  /** With {@code statuses}, the timeline is written in the declared words. */
  @Override
  public List<Parameter<?>> parameters(Map<?, ?> raw) {
    return AzureParameters.declaring(parameters(), raw);
  }

  /** ARM honours only {@code Retry-After} in whole seconds: anything else makes its client wait 30 s. */
  @Override
  public List<Finding> check(StubParameters parameters) {
    return AzureParameters.checkStart(parameters);
  }

  @Override
  public Reply handle(Request request, StubParameters parameters, Operations operations) {
    AzurePattern pattern = orDefault(parameters.get(AzureParameters.PATTERN), AzurePattern.OPERATION_LOCATION);
    String method = request.method().toUpperCase(Locale.ROOT);
    String idName = parameters.get(AzureParameters.OPERATION_ID);
    String startPath = parameters.get(AzureParameters.START_PATH);
    String id;
    if (startPath != null) {
      Map<String, String> bound = AzurePathTemplate.parsed(AzureParameters.START_PATH.name(), startPath)
          .bind(request.path());
      if (bound == null) {
        // The mapping's request matched a path its startPath does not: no name to copy, no id to take.
        return AzureErrors.error(400, "InvalidRequestPath", "The path '" + request.path() + "' is not one of the "
            + "mapping's startPath '" + startPath + "'.");
      }
      id = idName == null ? operationId(request, method) : AzureApi.INSTANCE.operationId(bound.get(idName)).orElse(null);
      if (id == null && idName != null) {
        return AzureErrors.error(400, "InvalidOperationId", "The operation id, the {" + idName + "} part of the path, "
            + "must be " + AzureApi.ID_FORMAT + "; was '" + bound.get(idName) + "'.");
      }
    } else {
      id = operationId(request, method);
    }
    if (id == null) {
      return AzureErrors.error(400, "InvalidOperationId", "The operation-id header must be " + AzureApi.ID_FORMAT
          + "; was '" + request.header("operation-id") + "'.");
    }
    OperationSpec spec = spec(request, parameters, pattern, method, id, parameters.get(AzureParameters.MONITOR_PATH),
        operations, false).withStartCredential(Credentials.carried(request, AzureConformance.CREDENTIALS));
    if ("POST".equals(method) && idName == null && request.header("operation-id") != null) {
      // The guidelines: a retry (same call, same Operation-Id) sees the operation it started; another call
      // with that Operation-Id is a conflict. One atomic start decides which of concurrent calls is first.
      // A digest of method and path: short enough for a compact Redis hash (a value over 64 bytes is not).
      String caller = AzureProfile.digestOf(method + " " + request.path());
      Operations.Started started = operations.start(AzureApi.NAME, spec.withCaller(caller));
      if (!started.created() && !caller.equals(started.caller())) {
        return AzureErrors.error(409, "OperationIdConflict", "The Operation-Id '" + id
            + "' is in use by another request; give each call its own Operation-Id.");
      }
      return answer(started.operation().now(), AzureOperation.of(started.operation().target(), operations),
          request.baseUrl());
    }
    OperationView started = operations.put(AzureApi.NAME, spec);
    return answer(started.now(), AzureOperation.of(started.target(), operations), request.baseUrl());
  }

  /**
   * What an operation started by {@code request} with the stub's {@code parameters} is made of
   * (its profile stored in {@code state}).
   *
   * @param monitorTemplate the monitor's path with {@code {id}} for the id, or {@code null} for the pattern's own
   * @param lately see {@link AzureProfile#store}
   */
  static OperationSpec spec(Request request, StubParameters parameters, AzurePattern pattern, String method,
      String id, String monitorTemplate, Operations operations, boolean lately) {
    Duration retryAfter = orDefault(parameters.get(Parameter.RETRY_AFTER), DEFAULT_RETRY_AFTER);
    Timeline timeline = orDefault(parameters.get(AzureParameters.TIMELINE), DEFAULT_TIMELINE);
    AzureDeclaredStatuses declared = parameters.get(AzureParameters.STATUSES);
    AzureProfile profile = new AzureProfile(pattern, monitorTemplate, parameters.get(AzureParameters.RESULT),
        orDefault(parameters.get(AzureParameters.RESULT_PROPERTY), "result"),
        orDefault(parameters.get(AzureParameters.CAMEL_CASE), false), parameters.get(AzureParameters.ERROR),
        retryAfter.toMillis(), orDefault(parameters.get(AzureParameters.FAILURE_STATUS), 400),
        pattern.arm ? null : orDefault(parameters.get(AzureParameters.RETRY_AFTER_HEADER), "retry-after-ms"),
        parameters.get(AzureParameters.PERCENT_COMPLETED), AzureServiceShape.of(parameters.get(AzureParameters.START_PATH),
            declared, timeline, parameters.get(AzureParameters.FINAL_STATUS), parameters.get(AzureParameters.START_STATUS)));
    String target = AzureOperation.target(profile, operations, lately, method, request.path(), apiVersion(request.query()));
    // The operation keeps the guidelines' words (a shared store reads its timeline back with them); the
    // profile serves the declared ones.
    return new OperationSpec(id, declared == null ? timeline : AzureServiceShape.canonical(timeline), target,
        parameters.get(Parameter.EXPIRE_AFTER));
  }

  /**
   * The start call's answer; every URL in it is absolute on {@code baseUrl}, the base of the
   * request being answered (never the one that started the operation: a retry may come from
   * another client).
   */
  private static Reply answer(Poll now, AzureOperation op, String baseUrl) {
    Map<String, String> headers = new LinkedHashMap<>();
    boolean put = "PUT".equals(op.method());
    String id = now.operationId();
    int status;
    String body = null;
    switch (op.pattern()) {
      case OPERATION_LOCATION -> {
        headers.put("Operation-Location", op.url(baseUrl, op.monitorPath(id)));
        headers.put("operation-id", id);
        status = op.isPutOrPatch() ? 201 : 202;
        if (op.isPutOrPatch()) {
          body = op.result() != null ? AzureBodies.resource(now, op) : AzureBodies.monitor(now, op, baseUrl);
        } else if (op.isAction()) {
          body = AzureBodies.monitor(now, op, baseUrl);
        }
      }
      case AZURE_ASYNC_OPERATION -> {
        headers.put("Azure-AsyncOperation", op.url(baseUrl, op.monitorPath(id)));
        if (put) {
          status = 201;
          body = AzureBodies.resource(now, op);
        } else {
          status = 202;
          headers.put("Location", op.url(baseUrl, op.locationPath(id)));
        }
      }
      case LOCATION -> {
        status = 202;
        headers.put("Location", op.url(baseUrl, op.locationPath(id)));
      }
      case PROVISIONING_STATE -> {
        status = put ? 201 : 200;
        body = AzureBodies.resource(now, op);
      }
      default -> throw new IllegalStateException("unknown pattern " + op.pattern());
    }
    if (!now.isTerminal()) {
      retryAfter(headers, op);
    }
    if (op.service() != null && op.service().startStatus() != 0) {
      status = op.service().startStatus(); // the service's own (a mapping's startStatus)
    }
    if (body == null) {
      return Reply.text(status, headers, "");
    }
    headers.put("Content-Type", AzureErrors.CONTENT_TYPE);
    return Reply.text(status, headers, body);
  }

  /**
   * {@code Retry-After} in whole seconds (rounded up); on the data plane also the wait in
   * milliseconds, in the header the mapping names ({@code retry-after-ms} by default).
   */
  static void retryAfter(Map<String, String> headers, AzureOperation op) {
    if (op.retryAfterMillis() <= 0) {
      return;
    }
    headers.put("Retry-After", Long.toString((op.retryAfterMillis() + 999) / 1000));
    String millisHeader = op.millisHeader();
    if (millisHeader != null && !millisHeader.equalsIgnoreCase("Retry-After")) {
      headers.put(millisHeader, Long.toString(op.retryAfterMillis()));
    }
  }

  /**
   * The id of the operation the request starts: for a resource (PUT, PATCH, DELETE) derived from
   * its path, case-insensitively as ARM paths are; for an action the {@code operation-id} header
   * or a new uuid; {@code null} for a malformed header.
   */
  static String operationId(Request request, String method) {
    if (!"POST".equals(method)) {
      return resourceOperationId(request.path());
    }
    String given = request.header("operation-id");
    if (given == null || given.isBlank()) {
      return UUID.randomUUID().toString();
    }
    return AzureApi.INSTANCE.operationId(given.trim()).orElse(null);
  }

  /** The id of the operation working on the resource at {@code path}. */
  static String resourceOperationId(String path) {
    String key = path.toLowerCase(Locale.ROOT);
    while (key.length() > 1 && key.endsWith("/")) {
      key = key.substring(0, key.length() - 1);
    }
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** {@code /subscriptions/<id>} when the path is under one, else {@code ""}. */
  static String armPrefix(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("/subscriptions/")) {
      return "";
    }
    int end = path.indexOf('/', "/subscriptions/".length());
    return end < 0 ? path : path.substring(0, end);
  }

  /** The first path segment, up to a {@code :action}: {@code documentintelligence}. */
  static String firstSegment(String path) {
    String rest = path.startsWith("/") ? path.substring(1) : path;
    int end = rest.length();
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '/' || c == ':') {
        end = i;
        break;
      }
    }
    return rest.substring(0, end);
  }

  /** The {@code api-version} query parameter, still encoded, or {@code null}. */
  static String apiVersion(String query) {
    for (String pair : query.split("&")) {
      if (pair.startsWith("api-version=")) {
        return pair.substring("api-version=".length());
      }
    }
    return null;
  }

  static <T> T orDefault(T value, T otherwise) {
    return value == null ? otherwise : value;
  }
}
