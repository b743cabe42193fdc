package dev.opstub.internal.google;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code google.rpc.Code} values, each with the HTTP status Google's HTTP/JSON transcoding
 * answers it with (the Java client decides by that status alone).
 *
 * <pre>{@code
 * GoogleCode.read("3").orElseThrow().httpStatus();                // 400
 * GoogleCode.read("invalid_argument").orElseThrow().number();     // 3
 * GoogleCode.forHttp(503);                                        // UNAVAILABLE
 * }</pre>
 */
enum GoogleCode {
  OK(0, 200),
  CANCELLED(1, 499),
  UNKNOWN(2, 500),
  INVALID_ARGUMENT(3, 400),
  DEADLINE_EXCEEDED(4, 504),
  NOT_FOUND(5, 404),
  ALREADY_EXISTS(6, 409),
  PERMISSION_DENIED(7, 403),
  RESOURCE_EXHAUSTED(8, 429),
  FAILED_PRECONDITION(9, 400),
  ABORTED(10, 409),
  OUT_OF_RANGE(11, 400),
  UNIMPLEMENTED(12, 501),
  INTERNAL(13, 500),
  UNAVAILABLE(14, 503),
  DATA_LOSS(15, 500),
  UNAUTHENTICATED(16, 401);

  private final int number;
  private final int httpStatus;

  GoogleCode(int number, int httpStatus) {
    this.number = number;
    this.httpStatus = httpStatus;
  }

  int number() {
    return number;
  }

  int httpStatus() {
    return httpStatus;
  }

  /** A code written as its number ({@code 3}) or its name in any case ({@code INVALID_ARGUMENT}). */
  static Optional<GoogleCode> read(String written) {
    String text = written.trim();
    for (GoogleCode code : values()) {
      if (text.equals(Integer.toString(code.number)) || text.toUpperCase(Locale.ROOT).equals(code.name())) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }

  /** The code an HTTP error status stands for, as Google's transcoding maps them back. */
  static GoogleCode forHttp(int status) {
    return switch (status) {
      case 400 -> INVALID_ARGUMENT;
      case 401 -> UNAUTHENTICATED;
      case 403 -> PERMISSION_DENIED;
      case 404 -> NOT_FOUND;
      case 409 -> ABORTED;
      case 413 -> INVALID_ARGUMENT; // Google refuses a payload past its limit as a bad argument
      case 429 -> RESOURCE_EXHAUSTED;
      case 499 -> CANCELLED;
      case 501 -> UNIMPLEMENTED;
      case 503 -> UNAVAILABLE;
      case 504 -> DEADLINE_EXCEEDED;
      default -> status >= 500 ? INTERNAL : FAILED_PRECONDITION;
    };
  }
}
