package dev.opstub.junit;

import java.time.Duration;
import java.time.Instant;
import dev.opstub.internal.state.PollRecord;
import java.util.Map;

/**
 * One poll as the server saw it: when it came, what the client sent, what it was served. Only
 * reads that advance an operation are polls; a look at a resource it made is not recorded.
 *
 * @param api the API's name ({@code face}, {@code media}, ...)
 * @param operationId the polled id (normalised when well formed, else as sent)
 * @param time when the poll arrived, on the wall clock (not the operations' clock, which a test
 *     may freeze), so that waits between polls are real
 * @param headers the request headers (first value of each), names as sent
 * @param httpStatus the HTTP status served
 * @param status the operation status served in the API's spelling; for a fault step of the
 *     timeline, its notation ({@code http(429)}, {@code fault(connection-reset)}); {@code null} for
 *     any other error (not found, malformed id, missing key)
 * @param terminal whether that status ends the operation
 * @param retryAfter the {@code Retry-After} served with the answer, or {@code null}
 */
public record RecordedPoll(String api, String operationId, Instant time, Map<String, String> headers,
    int httpStatus, String status, boolean terminal, Duration retryAfter) {

  static RecordedPoll of(PollRecord poll) {
    return new RecordedPoll(poll.api(), poll.operationId(), poll.time(), poll.headers(), poll.httpStatus(),
        poll.status(), poll.terminal(), poll.retryAfter());
  }

  /** A header's value, names matched case-insensitively; {@code null} when absent. */
  public String header(String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  /** One line for failure messages: {@code 12:00:01.250 200 running retry-after=1s}. */
  public String describe(Instant since) {
    String at = since == null ? time.toString() : "+" + Duration.between(since, time).toMillis() + "ms";
    return at + " HTTP " + httpStatus + " " + (status == null ? "(error)" : status)
        + (retryAfter == null ? "" : " Retry-After=" + retryAfter.toMillis() + "ms");
  }
}
