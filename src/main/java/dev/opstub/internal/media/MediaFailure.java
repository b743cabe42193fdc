package dev.opstub.internal.media;

import java.util.Objects;

/**
 * The {@code ErrorCode} and {@code ErrorMessage} of a failed Media Services operation, read from
 * the detail of a {@code Failed} step.
 *
 * <p>The detail is {@code Code} or {@code Code: message}; the code is one of the 14 of {@link
 * MediaErrorCode}, matched ignoring case. Without a message the code's default message is used;
 * {@code Failed} without any detail is {@code BadRequest} with its default message.
 *
 * <pre>{@code
 * MediaFailure.parse("timeout: gave up after 30 minutes");
 * // MediaFailure[code=Timeout, message=gave up after 30 minutes]
 * MediaFailure.parse(null); // BadRequest with its default message
 * }</pre>
 *
 * @param code the error code
 * @param message the error message, never {@code null}
 */
public record MediaFailure(MediaErrorCode code, String message) {

  public MediaFailure {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** The failure a {@code Failed} step without detail stands for. */
  public static MediaFailure unspecified() {
    return new MediaFailure(MediaErrorCode.BadRequest, MediaErrorCode.BadRequest.defaultMessage());
  }

  /**
   * Reads a step's detail; {@code null} or blank means {@link #unspecified()}.
   *
   * @throws IllegalArgumentException with {@link #problem(String)} when the code is not one of the 14
   */
  public static MediaFailure parse(String detail) {
    String bad = problem(detail);
    if (bad != null) {
      throw new IllegalArgumentException(bad);
    }
    if (detail == null || detail.isBlank()) {
      return unspecified();
    }
    int colon = detail.indexOf(':');
    String code = colon < 0 ? detail : detail.substring(0, colon);
    MediaErrorCode known = MediaErrorCode.of(code).orElseThrow();
    String message = colon < 0 ? "" : detail.substring(colon + 1).trim();
    return new MediaFailure(known, message.isEmpty() ? known.defaultMessage() : message);
  }

  /**
   * Like {@link #parse(String)}, but a detail whose code is not one of the 14 (a timeline not
   * checked against {@link MediaStatuses}) becomes {@code BadRequest} with the whole detail as its
   * message instead of an exception.
   */
  public static MediaFailure lenient(String detail) {
    return problem(detail) == null ? parse(detail) : new MediaFailure(MediaErrorCode.BadRequest, detail.trim());
  }

  /**
   * What is wrong with a detail, or {@code null} when {@link #parse(String)} accepts it.
   */
  public static String problem(String detail) {
    if (detail == null || detail.isBlank()) {
      return null;
    }
    int colon = detail.indexOf(':');
    String code = (colon < 0 ? detail : detail.substring(0, colon)).trim();
    if (MediaErrorCode.of(code).isPresent()) {
      return null;
    }
    return "unknown Media Services error code '" + code + "'; write Failed(Code) or Failed(Code: message) "
        + "where Code is one of " + MediaErrorCode.list();
  }

  /** The detail in the compact notation, {@code Code: message}. */
  public String detail() {
    return code.code() + ": " + message;
  }
}
