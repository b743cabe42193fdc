package dev.opstub.internal.azure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code error} of a failed step: {@code Failed(Code: message)} gives both, {@code
 * Failed(Code)} a code with a message of OpStub's, {@code Failed} alone {@link #DEFAULT_CODE}.
 *
 * @param code {@code error.code}
 * @param message {@code error.message}
 */
record AzureFailure(String code, String message) {
  static final String DEFAULT_CODE = "OperationFailed";
  static final String CANCELED_CODE = "OperationCanceled";
  private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
  private static final Pattern CODE_AND_MESSAGE = Pattern.compile("([A-Za-z][A-Za-z0-9_.]*):\\s*(.+)", Pattern.DOTALL);

  /** The error a failed step with {@code detail} (or {@code null}) serves. */
  static AzureFailure of(String detail) {
    if (detail == null || detail.isBlank()) {
      return new AzureFailure(DEFAULT_CODE, "The operation failed.");
    }
    Matcher both = CODE_AND_MESSAGE.matcher(detail.trim());
    if (both.matches()) {
      return new AzureFailure(both.group(1), both.group(2).trim());
    }
    return new AzureFailure(detail.trim(), "The operation failed with " + detail.trim() + ".");
  }

  /** What is wrong with a detail, or {@code null}. */
  static String problem(String detail) {
    String trimmed = detail.trim();
    if (CODE.matcher(trimmed).matches() || CODE_AND_MESSAGE.matcher(trimmed).matches()) {
      return null;
    }
    return "a failed step's detail is an error code, optionally with a message: Failed(InvalidRequest) or "
        + "Failed(InvalidRequest: Invalid request.); was '" + detail + "'";
  }
}
