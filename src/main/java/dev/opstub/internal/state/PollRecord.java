package dev.opstub.internal.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One poll as the server saw it: when it came, what the client sent, what it was served.
 *
 * @param api the store namespace: the API's name
 * @param operationId the polled id (normalised when well formed, else as sent)
 * @param time when the poll arrived, on the wall clock (not the operations' clock, which a test
 *     may freeze), so that waits between polls are real
 * @param headers the request headers (first value of each), names as sent
 * @param httpStatus the HTTP status served
 * @param status the operation status served in the API's spelling, or {@code null} for an error
 * @param terminal whether that status ends the operation
 * @param retryAfter the {@code Retry-After} served with the answer, or {@code null}
 * @param method the request's HTTP method, or {@code null} when not known (a record made before
 *     it was kept, or by hand)
 * @param path the request path as the client sent it (still percent-encoded), or {@code null}
 * @param query the raw query string as sent, without {@code ?} ({@code ""}: none), or {@code null}
 */
public record PollRecord(String api, String operationId, Instant time, Map<String, String> headers,
    int httpStatus, String status, boolean terminal, Duration retryAfter, String method, String path,
    String query) {

  /** A poll whose request line is not known. */
  public PollRecord(String api, String operationId, Instant time, Map<String, String> headers, int httpStatus,
      String status, boolean terminal, Duration retryAfter) {
    this(api, operationId, time, headers, httpStatus, status, terminal, retryAfter, null, null, null);
  }

  /**
   * The URL as requested, path and query ({@code /operations/a63a?api-version=2024-11-30}), or
   * {@code null} when not known. Joined only when asked: a poll keeps the request's own strings.
   */
  public String url() {
    if (path == null) {
      return null;
    }
    return query == null || query.isEmpty() ? path : path + "?" + query;
  }

  /** This record answered otherwise: the same request, another answer (see {@code State#amend}). */
  public PollRecord servedAs(int httpStatus, String status, boolean terminal, Duration retryAfter) {
    return new PollRecord(api, operationId, time, headers, httpStatus, status, terminal, retryAfter, method, path,
        query);
  }
}
