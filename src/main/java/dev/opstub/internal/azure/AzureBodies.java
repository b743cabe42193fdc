package dev.opstub.internal.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.internal.http.JsonText;
import dev.opstub.internal.http.Timestamps;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import java.io.UncheckedIOException;

/**
 * The bodies an Azure operation is served in: the data-plane status monitor, ARM's operation
 * status, and the resource itself (ARM's {@code properties.provisioningState}).
 */
final class AzureBodies {
  private AzureBodies() {}

  /** The status as served: the timeline's spelling, camelCase when the operation asks for it, or a declared word. */
  static String statusName(Poll poll, AzureOperation op) {
    AzureServiceShape service = op.service();
    if (service != null && service.statuses() != null) {
      return service.served(poll); // exactly as the mapping declared it
    }
    String status = poll.step().status();
    return op.camelCase() && !status.isEmpty()
        ? Character.toLowerCase(status.charAt(0)) + status.substring(1) : status;
  }

  /**
   * The guidelines' status monitor: {@code id, status, createdDateTime, lastUpdatedDateTime},
   * {@code percentCompleted} (camelCase services, or as the operation says), {@code error} when
   * failed, the result property when an action succeeded, {@code resourceLocation} (absolute on
   * {@code baseUrl}, the base of the request being answered) when a PUT or PATCH succeeded.
   */
  static String monitor(Poll poll, AzureOperation op, String baseUrl) {
    // Written directly (no JSON tree): a monitor poll is the hot path, and the result is kept as
    // compact JSON text already.
    Phase phase = poll.step().phase();
    StringBuilder body = new StringBuilder(128 + (op.result() == null ? 0 : op.result().length()));
    body.append("{\"id\":").append(JsonText.json(poll.operationId()))
        .append(",\"status\":").append(JsonText.json(statusName(poll, op)))
        .append(",\"createdDateTime\":\"");
    Timestamps.appendIso(body, poll.createdTime()).append("\",\"lastUpdatedDateTime\":\"");
    Timestamps.appendIso(body, poll.lastActionTime()).append('"');
    Integer percent = op.percent(poll, op.camelCase());
    if (percent != null) {
      body.append(",\"percentCompleted\":").append(percent);
    }
    if (phase == Phase.FAILED) {
      body.append(",\"error\":").append(error(poll, op));
    } else if (phase == Phase.SUCCEEDED) {
      if (op.isPutOrPatch()) {
        body.append(",\"resourceLocation\":").append(JsonText.json(op.url(baseUrl, op.path())));
      } else if (op.isAction()) {
        body.append(',').append(JsonText.json(op.resultProperty())).append(':')
            .append(op.result() == null ? "{}" : op.result());
      }
    }
    return body.append('}').toString();
  }

  /** ARM's operation status: {@code id, name, status, startTime, endTime, percentComplete, error}. */
  static String asyncOperation(Poll poll, AzureOperation op) {
    Phase phase = poll.step().phase();
    ObjectNode body = AzureOperation.JSON.createObjectNode();
    body.put("id", op.monitorPath(poll.operationId()));
    body.put("name", poll.operationId());
    body.put("status", statusName(poll, op));
    body.put("startTime", poll.createdTime().toString());
    if (poll.isTerminal() && poll.finishedTime() != null) {
      body.put("endTime", poll.finishedTime().toString());
    }
    Integer percent = op.percent(poll, true);
    if (percent != null) {
      body.put("percentComplete", percent.doubleValue());
    }
    if (phase == Phase.FAILED || phase == Phase.CANCELED) {
      body.set("error", error(poll, op));
    }
    return body.toString();
  }

  /**
   * The resource as a GET (or the PUT) returns it, as the operation stands: the result, with
   * {@code properties.provisioningState} set to the status on ARM; on the data plane the result
   * once the operation succeeded, and until then the result with its {@code status} set to the
   * operation's (the finished resource is not served before it is finished).
   */
  static String resource(Poll poll, AzureOperation op) {
    JsonNode result = op.result() == null ? null : json(op.result());
    ObjectNode body = result instanceof ObjectNode object ? object.deepCopy() : AzureOperation.JSON.createObjectNode();
    if (!op.pattern().arm) {
      if (poll.step().phase() != Phase.SUCCEEDED) {
        body.put("status", statusName(poll, op));
      }
      return body.toString();
    }
    if (!body.has("id")) {
      body.put("id", op.path());
    }
    if (!body.has("name")) {
      body.put("name", op.path().substring(op.path().lastIndexOf('/') + 1));
    }
    JsonNode properties = body.get("properties");
    ObjectNode own = properties instanceof ObjectNode object ? object : body.putObject("properties");
    own.put("provisioningState", statusName(poll, op));
    if (poll.step().phase() == Phase.FAILED || poll.step().phase() == Phase.CANCELED) {
      body.set("error", error(poll, op));
    }
    return body.toString();
  }

  /** The {@code error} of a failed (or, on ARM, canceled) step: code and message, then the mapping's extras. */
  static ObjectNode error(Poll poll, AzureOperation op) {
    AzureFailure failure = poll.step().phase() == Phase.CANCELED
        ? new AzureFailure(AzureFailure.CANCELED_CODE, "The operation was canceled.")
        : AzureFailure.of(poll.step().detail());
    ObjectNode error = AzureOperation.JSON.createObjectNode();
    error.put("code", failure.code());
    error.put("message", failure.message());
    if (op.error() != null && json(op.error()) instanceof ObjectNode extra) {
      extra.fields().forEachRemaining(field -> {
        if (!error.has(field.getKey())) {
          error.set(field.getKey(), field.getValue());
        }
      });
    }
    return error;
  }

  /** {@code {"error": {...}}}, as ARM and the data plane answer a failed request. */
  static String errorResponse(ObjectNode error) {
    ObjectNode body = AzureOperation.JSON.createObjectNode();
    body.set("error", error);
    return body.toString();
  }

  static JsonNode json(String text) {
    try {
      return AzureOperation.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
