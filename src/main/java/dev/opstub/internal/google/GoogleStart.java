package dev.opstub.internal.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opstub.spi.Finding;
import dev.opstub.spi.Handler;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.Step;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A method that starts an operation ({@code POST /v1/speech:longrunningrecognize}, or whatever
 * method and path its stub names): 200 with the new {@code Operation} as it stands, named by a
 * bare number as Speech names its operations (or by the stub's {@code operationName}, e.g. {@code
 * projects/p1/locations/global/operations/{id}}). A body that is not a JSON object is 400
 * INVALID_ARGUMENT; an empty body is taken as {@code {}}.
 */
final class GoogleStart implements Handler {
  static final String NAME = "opstub-google-start";
  static final GoogleStart INSTANCE = new GoogleStart();
  /** What a start stub without {@code timeline} serves. */
  static final Timeline DEFAULT_TIMELINE = new Timeline(List.of(
      Step.polls(Phase.RUNNING, GoogleStatuses.RUNNING, 2, null),
      Step.polls(Phase.SUCCEEDED, GoogleStatuses.DONE, 1, null)));
  static final Parameter<String> OPERATION_NAME = Parameter.string("operationName",
      "a name with {id} where the number goes, e.g. \"projects/p1/locations/global/operations/{id}\"");
  static final List<Parameter<?>> PARAMETERS = List.of(GoogleOperation.TIMELINE, GoogleKept.METADATA_PARAMETER,
      GoogleKept.RESPONSE_PARAMETER, Parameter.EXPIRE_AFTER, OPERATION_NAME);

  private GoogleStart() {}

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
    return PARAMETERS;
  }

  /**
   * An {@code operationName} must make names the operations' URLs take, with the longest number a
   * start puts for {@code {id}}, and as the answers write them (no leading {@code operations/},
   * which the URLs add).
   */
  @Override
  public List<Finding> check(StubParameters parameters) {
    String template = parameters.get(OPERATION_NAME);
    if (template != null && (!template.contains("{id}") || template.startsWith("operations/")
        || GoogleApi.INSTANCE.operationId(template.replace("{id}", Long.toString(Long.MAX_VALUE))).isEmpty())) {
      return List.of(new Finding("/" + OPERATION_NAME.name(), "operationName must hold {id} and make an operation name: "
          + GoogleApi.INSTANCE.idFormat() + "; was \"" + template + "\""));
    }
    return List.of();
  }

  @Override
  public Reply handle(Request request, StubParameters parameters, Operations operations) {
    if (!request.body().isBlank()) {
      try {
        JsonNode body = GoogleKept.JSON.readTree(request.body());
        if (body == null || !body.isObject()) {
          return GoogleErrors.invalid("Invalid JSON payload received. The request body must be a JSON object.");
        }
      } catch (JsonProcessingException e) {
        return GoogleErrors.invalid("Invalid JSON payload received. " + e.getOriginalMessage());
      }
    }
    Timeline timeline = parameters.has(GoogleOperation.TIMELINE) ? parameters.get(GoogleOperation.TIMELINE)
        : DEFAULT_TIMELINE;
    String kept = GoogleKept.encode(parameters.get(GoogleKept.METADATA_PARAMETER),
        parameters.get(GoogleKept.RESPONSE_PARAMETER), timeline);
    String template = parameters.get(OPERATION_NAME);
    while (true) { // a clash of two random 19-digit numbers: draw again
      String number = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE));
      String name = GoogleApi.INSTANCE.operationId(template == null ? number : template.replace("{id}", number))
          .orElseThrow();
      Operations.Started started = operations.start(GoogleApi.NAME,
          new OperationSpec(name, timeline, kept, parameters.get(Parameter.EXPIRE_AFTER)));
      if (started.created()) {
        return GoogleBodies.reply(name, started.operation().now());
      }
    }
  }
}
