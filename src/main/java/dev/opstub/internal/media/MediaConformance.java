package dev.opstub.internal.media;

import dev.opstub.internal.conformance.Expectations;
import dev.opstub.internal.conformance.RuleBook;
import dev.opstub.internal.conformance.StandardRules;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import java.util.List;

/**
 * The rules Media Services v2 clients are judged against (docs/conformance.md), from the Media
 * seed: an action hands out {@code operation-id}, which the client polls as {@code
 * Operations('<id>')} on its API root until {@code State} is no longer {@code InProgress}, with
 * {@code Authorization: Bearer} on every request.
 */
final class MediaConformance {
  static final String SEED = "Media Services v2 REST, the Operation entity (docs/media.md; the Media seed)";
  static final List<String> CREDENTIALS = List.of("Authorization");

  static final RuleBook BOOK = RuleBook.of(List.of(
      StandardRules.waitedRetryAfter(SEED + ": a Retry-After served with an Operation is the wait before the next "
          + "poll (the legacy SDK's await sleeps 2 s between polls)"),
      StandardRules.stoppedOnceTerminal(SEED + ": poll until State is no longer InProgress"),
      StandardRules.followedHandedUrl(SEED + ": GET /api/Operations('<operation id>') with the id of the "
          + "operation-id header (the colons and quotes may be percent-encoded)"),
      StandardRules.retriedFaults(SEED + ": 503 is throttling (\"Server is busy\"), retried later"),
      StandardRules.boundedPolls(SEED + ": poll as often as the operation needs, no more"),
      StandardRules.sentCredential(SEED + ": every request carries Authorization: Bearer <token>"),
      StandardRules.polledHandedIds(SEED + ": a GET of an unknown operation id is 404 OperationNotFound")),
      MediaConformance::expectations);

  private MediaConformance() {}

  static Expectations expectations(String id, OperationView operation, Operations operations) {
    return new Expectations("operation-id", "Operations('" + id + "')", true, null, 0, "none", CREDENTIALS, null,
        operation == null ? null : operation.timeline());
  }
}
