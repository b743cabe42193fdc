package dev.opstub.internal.face;

import dev.opstub.internal.conformance.Expectations;
import dev.opstub.internal.conformance.RuleBook;
import dev.opstub.internal.conformance.StandardRules;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import java.util.List;

/**
 * The rules Face clients are judged against (docs/conformance.md), from the Face seed: a take or
 * apply hands out {@code Operation-Location: /operations/{id}}, relative, which the client polls on
 * its endpoint until {@code succeeded} or {@code failed}, its key on every request; then it reads
 * {@code resourceLocation}, another URL (no poll of the operation).
 */
final class FaceConformance {
  static final String SEED = "Face v1.0-preview Snapshot - Get Operation Status (docs/face.md; the Face seed)";
  static final List<String> CREDENTIALS = List.of(FaceOperations.KEY_HEADER, "Authorization");

  static final RuleBook BOOK = RuleBook.of(List.of(
      StandardRules.waitedRetryAfter(SEED + ": a Retry-After served with a status is the wait before the next poll "
          + "(as azure-core's poller, which Face clients use, honours it)"),
      StandardRules.stoppedOnceTerminal(SEED + ": poll until the status is succeeded or failed, then read "
          + "resourceLocation"),
      StandardRules.followedHandedUrl(SEED + ": Operation-Location: /operations/{operationId}, polled as "
          + "GET {Endpoint}/face/v1.0-preview/operations/{operationId}"),
      StandardRules.retriedFaults(SEED + ": 429 and 5xx answers (Face error codes) are transient and retried"),
      StandardRules.boundedPolls(SEED + ": poll as often as the operation needs, no more"),
      StandardRules.sentCredential(SEED + ": every request carries Ocp-Apim-Subscription-Key"),
      StandardRules.polledHandedIds(SEED + ": the operationId is the one Operation-Location handed out")),
      FaceConformance::expectations);

  private FaceConformance() {}

  static Expectations expectations(String id, OperationView operation, Operations operations) {
    return new Expectations("Operation-Location (relative)", "/operations/" + id, true, null, 0,
        "none: the result is read at resourceLocation, not a poll", CREDENTIALS, null,
        operation == null ? null : operation.timeline());
  }
}
