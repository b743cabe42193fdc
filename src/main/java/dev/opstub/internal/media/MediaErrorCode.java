package dev.opstub.internal.media;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The 14 values of {@code ErrorCode} in a failed Media Services Operation entity, in the order of
 * the Operation reference page, each with the {@code ErrorMessage} OpStub serves when a timeline
 * gives none.
 *
 * <p>The messages are OpStub's own English wording of the meaning the reference page gives each
 * code; the real service's exact sentences are not published.
 *
 * <pre>{@code
 * MediaErrorCode code = MediaErrorCode.of("insufficientcapacity").orElseThrow();
 * code.code();           // "InsufficientCapacity"
 * code.defaultMessage(); // "The data center does not have enough capacity ..."
 * }</pre>
 */
public enum MediaErrorCode {
  BadRequest("The request could not be processed. No more specific error code applies or the exact "
      + "error is unknown."),
  InsufficientCapacity("The data center does not have enough capacity to complete the operation. "
      + "Try again later."),
  InternalError("The service encountered an unexpected internal error while processing the operation."),
  InvalidIdentifierFormat("The format of the entity identifier is invalid."),
  InvalidOperation("The operation is not valid in the current state of the entity."),
  InvalidResourceName("The specified Origin name is invalid."),
  OperationInProgress("Another operation is already in progress on the entity. Wait until it completes "
      + "and try again."),
  OperationNotFound("No operation record exists for the specified operation id. The record may have "
      + "been removed after it completed, or the id is incorrect."),
  ResourceNameTaken("An Origin with the specified name already exists. Choose a different name."),
  ResourceNotFound("The specified resource was not found."),
  ExceededResourceQuota("The request exceeds a resource quota of the account."),
  Timeout("The asynchronous operation did not complete within the allotted time."),
  DeleteNotAllowedOnDefaultOrigin("The default Origin cannot be deleted."),
  SettingsUpdateInProgress("An update of the settings is already in progress. Wait until it completes "
      + "and try again.");

  private static final List<MediaErrorCode> ALL = List.of(values());

  private final String defaultMessage;

  MediaErrorCode(String defaultMessage) {
    this.defaultMessage = defaultMessage;
  }

  /** The code as the service spells it, e.g. {@code InsufficientCapacity}. */
  public String code() {
    return name();
  }

  /** The {@code ErrorMessage} served when the timeline gives no message of its own. */
  public String defaultMessage() {
    return defaultMessage;
  }

  /** The code spelled {@code code} ignoring case, or empty (also for {@code null}). */
  public static Optional<MediaErrorCode> of(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String wanted = code.trim();
    return ALL.stream().filter(c -> c.name().equalsIgnoreCase(wanted)).findFirst();
  }

  /** The 14 codes in their documented order. */
  public static List<MediaErrorCode> all() {
    return ALL;
  }

  /** The 14 codes as one comma-separated list, for error messages. */
  public static String list() {
    return Arrays.stream(values()).map(MediaErrorCode::code).collect(Collectors.joining(", "));
  }

  /** The code at position {@code n} of the documented table, counting from 1. */
  public static MediaErrorCode byNumber(int n) {
    if (n < 1 || n > ALL.size()) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "error code number must be 1..%d, was %d", ALL.size(), n));
    }
    return ALL.get(n - 1);
  }
}
