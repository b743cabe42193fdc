package dev.opstub.internal.face;

import dev.opstub.internal.http.Ids;
import dev.opstub.spi.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may do what with a snapshot, as the reference pages say: every key stands for a subscription;
 * get and list show a snapshot to the subscription that took it and to those in its {@code
 * applyScope}; only the one that took it may update or delete it; only those in its {@code
 * applyScope} may apply it.
 */
final class SnapshotAccess {
  private SnapshotAccess() {}

  /** What a call does to a snapshot the caller sees, and who the rules let do it. */
  enum Change {
    UPDATE("only the subscription that took it may update it"),
    DELETE("only the subscription that took it may delete it"),
    APPLY("only subscriptions in its applyScope may apply it");

    private final String rule;

    Change(String rule) {
      this.rule = rule;
    }
  }

  /** See {@link FaceSnapshots#subscriptionOf(String)}. */
  static String subscriptionOf(String subscriptionKey) {
    String key = subscriptionKey.trim();
    return Ids.isUuid(key) ? key.toLowerCase(Locale.ROOT)
        : UUID.nameUUIDFromBytes(("opstub-face-subscription:" + key).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** See {@link FaceSnapshots#account(String)}. */
  static String account(String subscriptionKey) {
    return "/subscriptions/" + subscriptionOf(subscriptionKey)
        + "/resourceGroups/opstub/providers/Microsoft.CognitiveServices/accounts/opstub-face";
  }

  /**
   * Whether {@code subscription} may see it: the reference pages make a snapshot "accessible to
   * the source subscription who took it, and target subscriptions included in the applyScope".
   */
  static boolean sees(Snapshot snapshot, String subscription) {
    return snapshot.owner().equals(subscription) || snapshot.applyScope().contains(subscription);
  }

  /**
   * Why {@code caller} may not make this change to the snapshot found, or {@code null} when it may.
   * A snapshot the caller may not see answers 404 like an unknown one; a change the rules refuse on
   * a snapshot the caller sees answers 403 {@code Forbidden} (the service's answer is not published;
   * see the README).
   */
  static Reply refusal(Change change, Optional<SnapshotRecord> found, String caller, String id) {
    if (found.isEmpty() || !sees(found.get().snapshot(), caller)) {
      return notFound(id);
    }
    Snapshot snapshot = found.get().snapshot();
    return may(change, snapshot, caller) ? null
        : FaceErrors.error(403, "Forbidden", "Snapshot '" + id + "': " + change.rule + ".");
  }

  private static boolean may(Change change, Snapshot snapshot, String subscription) {
    return switch (change) {
      case UPDATE, DELETE -> snapshot.owner().equals(subscription);
      case APPLY -> snapshot.applyScope().contains(subscription);
    };
  }

  /** The answer for a snapshot that does not exist or that the caller may not see: the same 404. */
  static Reply notFound(String id) {
    return FaceErrors.notFound("Snapshot '" + id + "' is not found.");
  }
}
