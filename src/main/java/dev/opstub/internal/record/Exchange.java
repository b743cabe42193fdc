package dev.opstub.internal.record;

import dev.opstub.spi.Request;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One request the recording server passed to the real service, with the answer it got back.
 *
 * @param time when the request arrived
 * @param request the request as the client sent it
 * @param status the real service's HTTP status
 * @param responseHeaders its headers (first value of each)
 * @param responseBody its body as text ({@code ""} when none)
 */
public record Exchange(Instant time, Request request, int status, Map<String, String> responseHeaders,
    String responseBody) {
  public Exchange {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(request, "request");
    responseHeaders = Map.copyOf(responseHeaders);
    responseBody = responseBody == null ? "" : responseBody;
  }
}
