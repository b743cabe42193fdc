package dev.opstub.internal.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One poll as the server saw it: when it came, what the client sent, what it was served.
 *
 * @param api the store namespace ({@code face}, {@code media})
 * @param operationId the polled id (normalised when well formed, else as sent)
 * @param time when the poll arrived, on the wall clock (not the operations' clock, which a test
 *     may freeze), so that waits between polls are real
 * @param headers the request headers (first value of each), names as sent
 * @param httpStatus the HTTP status served
 * @param status the operation status served in the API's spelling, or {@code null} for an error
 * @param terminal whether that status ends the operation
 * @param retryAfter the {@code Retry-After} served with the answer, or {@code null}
 */
public record PollRecord(String api, String operationId, Instant time, Map<String, String> headers,
    int httpStatus, String status, boolean terminal, Duration retryAfter) {
}
