package dev.opstub.internal.azure;

import dev.opstub.internal.conformance.Expectations;
import dev.opstub.internal.conformance.RuleBook;
import dev.opstub.internal.conformance.StandardRules;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Phase;
import java.util.List;

/**
 * The rules Azure clients are judged against (docs/conformance.md), each with its source, and
 * what each pattern hands out and allows: the monitor or {@code Location} URL of the start call
 * with its {@code api-version}; one result fetch of an {@code Operation-Location} monitor, or one
 * final GET of an ARM {@code Location}, after it succeeded. ARM's final GET of {@code Location} or
 * of the resource once an {@code Azure-AsyncOperation} monitor ended only looks: it is no poll.
 */
final class AzureConformance {
  static final String GUIDELINES = "Azure REST API Guidelines, Long-Running Operations "
      + "(https://github.com/microsoft/api-guidelines/blob/vNext/azure/Guidelines.md)";
  static final String ARM = "ARM async API reference "
      + "(https://github.com/Azure/azure-resource-manager-rpc/blob/master/v1.0/async-api-reference.md)";
  static final List<String> CREDENTIALS = List.of("Authorization", "api-key", "Ocp-Apim-Subscription-Key");

  static final RuleBook BOOK = RuleBook.of(List.of(
      StandardRules.waitedRetryAfter(GUIDELINES + ": lro-status-monitor-retry-after, retry-after on a status "
          + "monitor that is not terminal; " + ARM + ": Retry-After, the seconds to wait before polling again"),
      StandardRules.stoppedOnceTerminal(GUIDELINES + ": lro-poll, a status monitor is polled until Succeeded, Failed "
          + "or Canceled; " + ARM + ": the final GET of Location or of the resource after the operation ends"),
      StandardRules.followedHandedUrl(GUIDELINES + ": lro-returns-operation-location (the absolute monitor URL) and "
          + "lro-operation-location-includes-api-version; " + ARM + ": Location and Azure-AsyncOperation are "
          + "absolute URLs to GET"),
      StandardRules.retriedFaults(GUIDELINES + ": 429 and 503 answers carry Retry-After and are retried; " + ARM
          + ": a 4xx/5xx on Azure-AsyncOperation means the status could not be read, not that the operation failed"),
      StandardRules.boundedPolls(GUIDELINES + ": lro-status-monitor-retry-after (a client polls no more often "
          + "than the service asks)"),
      StandardRules.sentCredential(GUIDELINES + ": the status monitor is a resource of the service, read with "
          + "the credential of the call that started it"),
      StandardRules.polledHandedIds(GUIDELINES + ": lro-returns-operation-location, the client polls the monitor "
          + "it was handed")),
      AzureConformance::expectations);

  private AzureConformance() {}

  static Expectations expectations(String id, OperationView operation, Operations operations) {
    if (operation == null) {
      return new Expectations("unknown (no longer live)", null, false, null, 0, "not known", CREDENTIALS, null, null);
    }
    if (operation.target() == null) {
      // Made by a test (a monitor stub's or @OperationStub's timeline, the admin API): nothing was handed out.
      return new Expectations("status monitor (declared by the test)", null, false, null, 0, "none", CREDENTIALS, null,
          operation.timeline());
    }
    AzureOperation op = AzureOperation.of(operation.target(), operations);
    AzurePattern pattern = op.pattern();
    Phase phase = operation.now().step().isFault() ? null : operation.now().step().phase();
    boolean succeeded = phase == Phase.SUCCEEDED;
    String path;
    int reads;
    String finalReads;
    switch (pattern) {
      case LOCATION -> {
        path = op.locationPath(id);
        reads = succeeded ? 1 : 0;
        finalReads = "one final GET of Location after it answered the result";
      }
      case PROVISIONING_STATE -> {
        path = op.path();
        reads = 0;
        finalReads = "none: the resource's last answer is the result";
      }
      case AZURE_ASYNC_OPERATION -> {
        path = op.monitorPath(id);
        reads = 0;
        finalReads = "a GET of Location or of the resource after Succeeded (a look, not a poll of the monitor)";
      }
      default -> {
        path = op.monitorPath(id);
        reads = succeeded ? 1 : 0;
        finalReads = "one result fetch of the monitor after succeeded; a GET of resourceLocation or Location (a look)";
      }
    }
    return new Expectations(pattern.notation, path, false, op.apiVersion(), reads, finalReads, CREDENTIALS, null,
        operation.timeline());
  }
}
