package dev.opstub.internal.azure;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a client follows an operation, named as OpenAPI's {@code final-state-via} names the URL it
 * ends on.
 */
enum AzurePattern {
  /**
   * Data plane (Azure REST API guidelines): {@code Operation-Location} points at a status monitor
   * answering 200 with {@code id, status, error, result}.
   */
  OPERATION_LOCATION("operation-location", false),
  /**
   * ARM: {@code Azure-AsyncOperation} points at an operation status (200 with {@code status},
   * {@code error}, {@code startTime}, {@code endTime}, {@code percentComplete}); DELETE, PATCH and
   * POST also hand out a {@code Location} for the final result, PUT ends with a GET of the resource.
   */
  AZURE_ASYNC_OPERATION("azure-async-operation", true),
  /** ARM: {@code Location} answers 202 while running, then what the synchronous call would have. */
  LOCATION("location", true),
  /** ARM PUT/PATCH: the resource itself, polled until {@code properties.provisioningState} is terminal. */
  PROVISIONING_STATE("provisioning-state", true);

  final String notation;
  final boolean arm;

  AzurePattern(String notation, boolean arm) {
    this.notation = notation;
    this.arm = arm;
  }

  static Optional<AzurePattern> of(String notation) {
    String wanted = notation.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.notation.equals(wanted)).findFirst();
  }

  static String names() {
    return Arrays.stream(values()).map(p -> p.notation).collect(Collectors.joining(", "));
  }
}
