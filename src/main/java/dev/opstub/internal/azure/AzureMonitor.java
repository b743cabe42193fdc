package dev.opstub.internal.azure;

import dev.opstub.internal.timeline.Operation;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Finding;
import dev.opstub.spi.Handler;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.Step;
import dev.opstub.spi.StubParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status monitor an {@code Operation-Location} or {@code Azure-AsyncOperation} points at:
 * {@code GET <monitor>} serves one poll of the operation whose id is the path's last segment (any
 * {@code api-version}: azure-core rewrites it), as the data-plane status monitor or ARM's
 * operation status, whichever the start call's pattern hands out; {@code POST <monitor>:cancel}
 * cancels an operation that has not finished (200 with the monitor, as the guidelines' cancel).
 * Any other method is 405 with {@code Allow}: it takes no step and is not a poll.
 *
 * <pre>{@code
 * Reply poll = AzureMonitor.INSTANCE.handle(get("/documentintelligence/operations/" + id), StubParameters.NONE, state);
 * }</pre>
 */
public final class AzureMonitor implements Handler {
  /** The transformer's name. */
  public static final String NAME = "opstub-azure-monitor";
  public static final AzureMonitor INSTANCE = new AzureMonitor();
  static final String CANCEL = ":cancel";
  private static final Step CANCELED = TimelineParser.parse("Canceled", AzureStatuses.INSTANCE).step(0);

  private AzureMonitor() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Role role() {
    return Role.POLL;
  }

  @Override
  public List<Parameter<?>> parameters() {
    return AzureParameters.MONITOR;
  }

  /** With {@code statuses}, the timeline is written in the declared words. */
  @Override
  public List<Parameter<?>> parameters(Map<?, ?> raw) {
    return AzureParameters.declaring(parameters(), raw);
  }

  @Override
  public List<Finding> check(StubParameters parameters) {
    return AzureParameters.check(parameters);
  }

  @Override
  public Reply handle(Request request, StubParameters parameters, Operations operations) {
    String path = request.path();
    boolean cancel = path.endsWith(CANCEL);
    String template = parameters.get(AzureParameters.MONITOR_PATH); // a service-shaped monitor's: {id} anywhere
    Optional<String> id = template != null ? idAt(template, request, cancel)
        : AzureApi.lastSegment(cancel ? path.substring(0, path.length() - CANCEL.length()) : path);
    if (id.isEmpty()) {
      return AzureErrors.invalidIdInPath();
    }
    if (cancel) {
      return "POST".equals(request.method()) ? cancel(id.get(), operations, request.baseUrl())
          : AzureErrors.methodNotAllowed("POST", "Cancel an operation with POST <monitor>:cancel.");
    }
    if (!"GET".equals(request.method())) {
      // Only a GET polls: a HEAD or a CORS preflight must not take a step of the client's timeline.
      return AzureErrors.methodNotAllowed("GET", "Poll an operation with GET <monitor>; cancel it with POST "
          + "<monitor>:cancel.");
    }
    // A monitor stub with a timeline (a fixed id in a test) makes the operation on its first poll.
    OperationSpec script = parameters.has(AzureParameters.TIMELINE)
        ? AzureStart.spec(request, parameters, AzureStart.orDefault(parameters.get(AzureParameters.PATTERN),
            AzurePattern.OPERATION_LOCATION), "POST", id.get(), monitorTemplate(path, id.get(), template), operations, true)
        : null;
    return operations.serve(request, parameters, AzureApi.NAME, id.get(), script,
        new AzureAnswers(operations, () -> AzureErrors.operationNotFound(id.get()),
            poll -> monitorReply(poll, AzureOperation.of(poll.target(), operations), request.baseUrl())));
  }

  /** The id where the mapping's {@code monitorPath} has {@code {id}} (a path part or a query value), when it is one. */
  private static Optional<String> idAt(String template, Request request, boolean cancel) {
    String path = request.path();
    String written = AzurePathTemplate.parsed(template)
        .idOf(cancel ? path.substring(0, path.length() - CANCEL.length()) : path, request.query());
    return written == null ? Optional.empty() : AzureApi.INSTANCE.operationId(written);
  }

  /** The monitor a stub's script serves is where it was polled: its path, the id made {@code {id}}. */
  private static String monitorTemplate(String path, String id, String template) {
    if (template != null) {
      return AzurePathTemplate.parsed(template).polledTemplate(path);
    }
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.substring(0, trimmed.length() - id.length()) + "{id}";
  }

  /**
   * 200 with the monitor in the operation's own shape, {@code Retry-After} while not terminal; a
   * URL in it is absolute on {@code baseUrl}, the base of the request being answered.
   */
  static Reply monitorReply(Poll poll, AzureOperation op, String baseUrl) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", AzureErrors.CONTENT_TYPE);
    if (!poll.isTerminal()) {
      AzureStart.retryAfter(headers, op);
    }
    String body = op.pattern() == AzurePattern.OPERATION_LOCATION ? AzureBodies.monitor(poll, op, baseUrl)
        : AzureBodies.asyncOperation(poll, op);
    return Reply.text(200, headers, body);
  }

  /**
   * An operation not yet finished is canceled from now on, keeping its creation time, polls and
   * history; a finished one stays as the client saw it. One atomic step of the state, so a poll
   * on another server sees it either before or after, never between.
   */
  private static Reply cancel(String id, Operations operations, String baseUrl) {
    Reply refused = uncancelable(id, operations);
    if (refused != null) {
      return refused;
    }
    return operations.cancel(AzureApi.NAME, id, CANCELED)
        .map(view -> monitorReply(view.now(), AzureOperation.of(view.target(), operations), baseUrl))
        .orElseGet(() -> AzureErrors.operationNotFound(id));
  }

  /**
   * 409 when the operation's declared statuses have no canceled one (its service cannot show a
   * canceled operation), else {@code null}.
   */
  private static Reply uncancelable(String id, Operations operations) {
    AzureServiceShape service = operations.find(AzureApi.NAME, id)
        .map(view -> AzureOperation.of(view.target(), operations).service()).orElse(null);
    if (service == null || service.statuses() == null
        || service.statuses().spelling(dev.opstub.spi.Phase.CANCELED) != null) {
      return null;
    }
    return AzureErrors.error(409, "OperationNotCancelable", "Operation '" + id + "' cannot be canceled: the statuses "
        + "its mapping declares (" + String.join(", ", service.statuses().names()) + ") have no canceled one.");
  }
}
