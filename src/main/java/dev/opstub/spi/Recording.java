package dev.opstub.spi;

import dev.opstub.spi.Handler;
import dev.opstub.spi.Request;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a recording reads one API's traffic: what a poll answer showed, which requests start an
 * operation and which operation they started. The recorder ({@code dev.opstub.internal.record})
 * asks the API for this and names no API itself.
 *
 * <pre>{@code
 * Recording demo = dialect.recording().orElseThrow();
 * demo.observed(Map.of("Content-Type", "application/json"), "{\"status\":\"working\"}");
 * // Optional[Observed[status=working, detail=null, target=null, note=null]]
 * }</pre>
 */
public interface Recording {

  /**
   * What a successful (200) poll answer says, or empty when the body is not this API's operation.
   *
   * @param headers the answer's headers, names in any case
   */
  Optional<Observed> observed(Map<String, String> headers, String body);

  /**
   * What a poll answer of any status says, or empty when it is not this API's operation status
   * (an ARM {@code Location} URL answers 202 while running): by default, only a 200 answer is.
   *
   * @param status the answer's HTTP status
   * @param headers the answer's headers, names in any case
   */
  default Optional<Observed> observed(int status, Map<String, String> headers, String body) {
    return status == 200 ? observed(headers, body) : Optional.empty();
  }

  /** The request a starter mapping matches to stand for {@code request}; empty when it starts nothing. */
  Optional<StartCall> startCall(Request request);

  /** The id of the operation a start call's answer hands out (normalised), if it names one. */
  Optional<String> startedId(Map<String, String> responseHeaders);

  /**
   * The id of the operation a start call's answer hands out (normalised), if it names one, read from
   * its headers or its body. The recorder calls this one: some APIs name the operation only in the
   * body (a start that answers the operation itself, {@code {"name": "...", "done": false}}).
   * By default, {@link #startedId(Map) the headers alone}, as before this method existed.
   *
   * @param responseHeaders the answer's headers, names in any case
   * @param responseBody the answer's body ({@code ""} when none)
   */
  default Optional<String> startedId(Map<String, String> responseHeaders, String responseBody) {
    return startedId(responseHeaders);
  }

  /**
   * What else the answers of one operation showed, that its mappings must say for a replay to
   * answer as they did (how statuses are spelled, the result and its property, the wait and
   * its header, how the client follows the operation): {@code transformerParameters} for its
   * operation mapping and for the starter mapping of the call that started it (each keeps the keys
   * its handler takes). None by default.
   *
   * @param start the answer to the call that started the operation, or {@code null} when none was recorded
   * @param steps the answers that made each step of the recorded timeline, in order
   * @param notes where to say what the mappings could not keep
   */
  default Map<String, Object> shown(Answer start, List<List<Answer>> steps, List<String> notes) {
    return Map.of();
  }

  /**
   * The priority of a recorded operation mapping: the shipped well-known operations' of this API,
   * by default {@link StubPriority#ONE_OPERATION}.
   */
  default int operationPriority() {
    return StubPriority.ONE_OPERATION;
  }

  /**
   * One poll's status.
   *
   * @param status the status as the API spells it
   * @param detail the detail of a failed step in the timeline notation ({@code why}, {@code Code: why}), or {@code null}
   * @param target what the operation works on ({@code resourceLocation}, {@code TargetEntityId}): the value
   *     of the dialect's first {@link Dialect#fields() field}, or {@code null} (always, for a dialect without fields)
   * @param note what the recording could not keep as it was, for the user, or {@code null}
   * @param facet what else of the answer a step keeps (such as a {@code percentCompleted}), or {@code null}:
   *     equal answers in a row are one step when this is equal too
   */
  record Observed(String status, String detail, String target, String note, Object facet) {
    public Observed(String status, String detail, String target, String note) {
      this(status, detail, target, note, null);
    }
  }

  /**
   * One answer the recording kept.
   *
   * @param status its HTTP status
   * @param headers its headers, names in any case
   * @param body its body ({@code ""} when none)
   */
  record Answer(int status, Map<String, String> headers, String body) {}

  /**
   * The request part of a starter mapping.
   *
   * @param label a short name for files and messages, e.g. {@code take-my-group}
   * @param method the HTTP method
   * @param urlPathPattern the path, as a regular expression that also matches other spellings of the same call
   * @param bodyJsonPath a JSON path the body must match ({@code matchesJsonPath}), or {@code null}
   * @param handler the handler (transformer) that serves the call and starts the operation
   */
  record StartCall(String label, String method, String urlPathPattern, String bodyJsonPath, Handler handler) {}
}
