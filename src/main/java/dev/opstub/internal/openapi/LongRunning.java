package dev.opstub.internal.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * A long-running operation ({@code x-ms-long-running-operation: true}) and what its spec declares
 * about it.
 *
 * @param operation the start call
 * @param responses the declared status codes, each with its header names as declared
 * @param finalStateVia {@code x-ms-long-running-operation-options.final-state-via}, or {@code null}
 *     when absent (autorest's defaults apply)
 * @param body how the start call's body is sent
 * @param monitor the status monitor GET the spec declares for it (data plane), or {@code null}
 * @param statuses the monitor's {@code status} enum, each spelling (case kept) with its phase
 *     ({@code notStarted}, {@code running}, {@code succeeded}, {@code failed}, {@code canceled});
 *     empty when the spec declares none
 * @param resultProperty the monitor property holding the result ({@code result}, {@code
 *     analyzeResult}), or {@code null}
 * @param result the result an example shows (the monitor's result property on the data plane, the
 *     final resource or answer on ARM), or {@code null}
 * @param failure the error a failing example shows, or {@code null}
 */
public record LongRunning(SpecOperation operation, SortedMap<Integer, Set<String>> responses, String finalStateVia,
    Body body, Monitor monitor, Map<String, String> statuses, String resultProperty, JsonNode result,
    Failure failure) {

  /**
   * The start call's body.
   *
   * @param json whether it is JSON (every media type it consumes is JSON, or none is declared)
   * @param other whether it is something else (every media type it consumes is not JSON)
   * @param key the first required string property of a JSON body (a well-known failing input can
   *     be a value of it when the path has no placeholder), or {@code null}
   */
  public record Body(boolean json, boolean other, String key) {}

  /**
   * The status monitor GET.
   *
   * @param operationId its operationId
   * @param path its path template from the server root
   * @param monitorPath the contract's {@code monitorPath}: {@code path} with its operation-id
   *     placeholder as {@code {id}} and the others named as the start path names them; {@code null}
   *     when its placeholders cannot be bound to the start path
   */
  public record Monitor(String operationId, String path, String monitorPath) {}

  /**
   * A failing example's error.
   *
   * @param code its {@code error.code}
   * @param message its {@code error.message}
   * @param extra the other properties of its {@code error} ({@code innererror}, {@code target},
   *     {@code details}), or {@code null}
   */
  public record Failure(String code, String message, ObjectNode extra) {}

  /** Whether a 2xx status code is declared. */
  public boolean declares(int status) {
    return responses.containsKey(status);
  }

  /** Whether a 2xx answer declares the header (case-insensitive). */
  public boolean declaresHeader(String name) {
    return responses.entrySet().stream().filter(e -> e.getKey() / 100 == 2)
        .anyMatch(e -> e.getValue().stream().anyMatch(name::equalsIgnoreCase));
  }
}
