package dev.opstub.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * A transient failure a timeline step serves instead of a status: an HTTP error in the API's own
 * format, or a broken connection. The timeline goes on after it.
 *
 * @param kind what breaks
 * @param httpStatus for {@link Kind#HTTP}: the status, 400 to 599; otherwise 0
 * @param retryAfter for {@link Kind#HTTP}: the {@code Retry-After} served with it, or {@code null}
 *
 * <pre>{@code
 * new Fault(Fault.Kind.HTTP, 503, Duration.ofSeconds(2)).notation(); // "http(503, Retry-After=2000ms)"
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
public record Fault(Kind kind, int httpStatus, Duration retryAfter) {

  /** What a fault step serves. */
  public enum Kind {
    /** An HTTP error, {@code http(429)}, {@code http(503, Retry-After=2)}. */
    HTTP("http"),
    /** The connection is reset before any response, {@code fault(connection-reset)}. */
    CONNECTION_RESET("connection-reset"),
    /** The connection closes without a response, {@code fault(empty-response)}. */
    EMPTY_RESPONSE("empty-response");

    private final String notation;

    Kind(String notation) {
      this.notation = notation;
    }

    /** The name in {@code fault(...)}. */
    public String notation() {
      return notation;
    }
  }

  public Fault {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.HTTP && (httpStatus < 400 || httpStatus > 599)) {
      throw new IllegalArgumentException("an HTTP fault is a status from 400 to 599, was " + httpStatus);
    }
  }

  /** The fault in the compact notation. */
  public String notation() {
    if (kind != Kind.HTTP) {
      return "fault(" + kind.notation + ")";
    }
    return "http(" + httpStatus + (retryAfter == null ? "" : ", Retry-After=" + retryAfter.toMillis() + "ms") + ")";
  }
}
