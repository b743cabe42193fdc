package dev.opstub.internal.google;

import dev.opstub.spi.Answers;
import dev.opstub.spi.Handler;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.Step;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One operation's URL, {@code /v1/operations/{name}} or {@code
 * /v1/projects/*}{@code /locations/*}{@code /operations/*}: {@code GET} polls it (GetOperation, and
 * the speech client's poll), {@code POST ...:cancel} cancels it (200 {@code {}}; it ends with {@code
 * error.code} 1), {@code DELETE} forgets it (200 {@code {}}; later reads are 404). Any other method
 * is 404, as Google answers a method it has no binding for.
 *
 * <p>A stub for one id that gives a {@code timeline} makes the operation on its first poll (and not
 * again once a client deleted it); without one, only live operations answer.
 */
final class GoogleOperation implements Handler {
  static final String NAME = "opstub-google-operation";
  static final GoogleOperation INSTANCE = new GoogleOperation();
  static final Parameter<Timeline> TIMELINE = Parameter.timeline(GoogleStatuses.INSTANCE);
  static final List<Parameter<?>> PARAMETERS = List.of(TIMELINE, GoogleKept.METADATA_PARAMETER,
      GoogleKept.RESPONSE_PARAMETER, Parameter.EXPIRE_AFTER);
  static final String CANCEL = ":cancel";
  /** The step a cancelled operation stands on from then on. */
  static final Step CANCELLED = Step.polls(Phase.CANCELED, GoogleStatuses.CANCELLED, 1, null);
  /** The resource kind that marks an id a client deleted, so that its stub does not make it again. */
  private static final String DELETED = "deleted";
  private static final String EMPTY = "{}";

  private GoogleOperation() {}

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
    return PARAMETERS;
  }

  @Override
  public Reply handle(Request request, StubParameters parameters, Operations operations) {
    boolean cancel = request.path().endsWith(CANCEL);
    String path = cancel ? request.path().substring(0, request.path().length() - CANCEL.length()) : request.path();
    String written = GoogleApi.nameInPath(path);
    if (written == null) {
      return noMethod(request);
    }
    Optional<String> id = GoogleApi.INSTANCE.operationId(written);
    if (id.isEmpty()) {
      return GoogleErrors.invalid("Invalid operation name \"" + written + "\": " + GoogleApi.INSTANCE.idFormat() + ".");
    }
    String name = id.get();
    if (cancel) {
      return "POST".equals(request.method()) ? cancel(parameters, operations, name) : noMethod(request);
    }
    return switch (request.method()) {
      case "GET" -> poll(request, parameters, operations, name);
      case "DELETE" -> delete(parameters, operations, name);
      default -> noMethod(request);
    };
  }

  private static Reply poll(Request request, StubParameters parameters, Operations operations, String name) {
    return operations.serve(request, parameters, GoogleApi.NAME, name, script(parameters, operations, name),
        answers(name));
  }

  /** What a stub's timeline makes of {@code name} when it is not live, or {@code null} (no timeline, or deleted). */
  private static OperationSpec script(StubParameters parameters, Operations operations, String name) {
    Timeline timeline = parameters.get(TIMELINE);
    return timeline == null || operations.resource(GoogleApi.NAME, DELETED, name).isPresent() ? null
        : new OperationSpec(name, timeline, GoogleKept.encode(parameters.get(GoogleKept.METADATA_PARAMETER),
            parameters.get(GoogleKept.RESPONSE_PARAMETER), timeline), parameters.get(Parameter.EXPIRE_AFTER));
  }

  /** How a poll or a look of {@code name} answers. */
  static Answers answers(String name) {
    return new Answers() {
      @Override
      public Reply notFound() {
        return GoogleErrors.notFound(name);
      }

      @Override
      public int notFoundStatus() {
        return 404;
      }

      @Override
      public Reply httpError(int status) {
        return GoogleErrors.fault(status);
      }

      @Override
      public Reply status(Poll poll) {
        return GoogleBodies.reply(name, poll);
      }

      @Override
      public String statusName(Phase phase) {
        return GoogleStatuses.INSTANCE.nameOf(phase); // the guess a shared store records before the poll
      }
    };
  }

  /**
   * An operation not yet done ends cancelled; a done one stays as it is. Either way 200 {@code {}}.
   * A name a stub scripts is made first when it is not live, as a poll would make it: a client may
   * cancel before it polls.
   */
  private static Reply cancel(StubParameters parameters, Operations operations, String name) {
    OperationSpec script = script(parameters, operations, name);
    if (script != null) {
      operations.start(GoogleApi.NAME, script); // made unless live: never replaces
    }
    return operations.cancel(GoogleApi.NAME, name, CANCELLED).isPresent()
        ? Reply.text(200, GoogleErrors.JSON, EMPTY) : GoogleErrors.notFound(name);
  }

  private static Reply delete(StubParameters parameters, Operations operations, String name) {
    if (!operations.remove(GoogleApi.NAME, name)) {
      return GoogleErrors.notFound(name);
    }
    if (parameters.has(TIMELINE)) {
      Duration keep = parameters.has(Parameter.EXPIRE_AFTER) ? parameters.get(Parameter.EXPIRE_AFTER) : Duration.ofDays(1);
      operations.putResource(GoogleApi.NAME, DELETED, name, EMPTY, keep);
    }
    return Reply.text(200, GoogleErrors.JSON, EMPTY);
  }

  static Reply noMethod(Request request) {
    return GoogleErrors.of(GoogleCode.NOT_FOUND, "No method " + request.method() + " " + request.path()
        + ": an operation is read with GET, cancelled with POST <name>:cancel and deleted with DELETE.");
  }
}
