package dev.opstub.internal.face;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot as the API serves it.
 *
 * @param id the snapshot id (a lower-case uuid)
 * @param owner the subscription id of the key that took it, see {@link SnapshotAccess#subscriptionOf(String)}
 * @param account the owner's account as a resource id, see {@link SnapshotAccess#account(String)}
 * @param type one of {@link SnapshotBodies#TYPES}
 * @param objectId the source object the snapshot was taken of (not served by the API)
 * @param applyScope lower-case uuids of the subscriptions it may be applied to
 * @param userData the user's text, or {@code null}
 * @param createdTime when the take was requested
 * @param lastUpdateTime when it was last updated ({@code createdTime} until then)
 */
record Snapshot(String id, String owner, String account, String type, String objectId, List<String> applyScope,
    String userData, Instant createdTime, Instant lastUpdateTime) {

  Snapshot {
    applyScope = List.copyOf(applyScope);
  }

  /** The Snapshot JSON: {@code {id, account, type, applyScope, userData, createdTime, lastUpdateTime}}. */
  ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", id).put("account", account).put("type", type);
    ArrayNode scope = json.putArray("applyScope");
    applyScope.forEach(scope::add);
    json.put("userData", userData);
    json.put("createdTime", FaceOperations.timestamp(createdTime));
    json.put("lastUpdateTime", FaceOperations.timestamp(lastUpdateTime));
    return json;
  }
}
