package dev.opstub.internal.face;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot as the state keeps it: the snapshot, the take operation that decides whether it
 * exists, and whether that take was seen to succeed (so the snapshot stays when the take operation
 * is forgotten later). Its JSON text is what a shared store holds, so its fields only ever grow.
 */
record SnapshotRecord(Snapshot snapshot, String takeOperationId, boolean confirmed) {
  /** How long a snapshot lives after its take was requested, as the service documents. */
  static final Duration LIFETIME = Duration.ofHours(48);

  private static final ObjectMapper JSON = new ObjectMapper();

  SnapshotRecord confirm() {
    return new SnapshotRecord(snapshot, takeOperationId, true);
  }

  boolean isExpired(Instant now) {
    return !now.isBefore(snapshot.createdTime().plus(LIFETIME));
  }

  /** What is left of the lifetime at {@code now}: the time to live a store is given on a rewrite. */
  Duration remainingLife(Instant now) {
    Duration left = Duration.between(now, snapshot.createdTime().plus(LIFETIME));
    return left.isNegative() ? Duration.ZERO : left;
  }

  String toJson() {
    ObjectNode json = JSON.createObjectNode();
    Snapshot s = snapshot;
    json.put("id", s.id()).put("owner", s.owner()).put("account", s.account()).put("type", s.type())
        .put("objectId", s.objectId());
    ArrayNode scope = json.putArray("applyScope");
    s.applyScope().forEach(scope::add);
    json.put("userData", s.userData());
    json.put("createdTime", s.createdTime().toString()).put("lastUpdateTime", s.lastUpdateTime().toString());
    json.put("takeOperationId", takeOperationId).put("confirmed", confirmed);
    return json.toString();
  }

  static SnapshotRecord fromJson(String text) {
    try {
      JsonNode json = JSON.readTree(text);
      List<String> scope = new ArrayList<>();
      json.get("applyScope").forEach(item -> scope.add(item.asText()));
      JsonNode userData = json.get("userData");
      Snapshot snapshot = new Snapshot(json.get("id").asText(), json.get("owner").asText(), json.get("account").asText(),
          json.get("type").asText(), json.get("objectId").asText(), scope,
          userData == null || userData.isNull() ? null : userData.asText(),
          Instant.parse(json.get("createdTime").asText()), Instant.parse(json.get("lastUpdateTime").asText()));
      return new SnapshotRecord(snapshot, json.get("takeOperationId").asText(), json.get("confirmed").asBoolean());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalStateException("a stored snapshot record does not read back: " + e.getMessage(), e);
    }
  }
}
