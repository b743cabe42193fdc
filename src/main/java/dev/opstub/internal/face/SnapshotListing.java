package dev.opstub.internal.face;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.opstub.internal.http.Ids;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Reply;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /snapshots?type=&applyScope=}: the snapshots a caller sees, oldest first (then by
 * id), filtered by type and by {@code applyScope}, which keeps a snapshot whose {@code applyScope}
 * contains any of the given uuids (the documentation is silent on "any" or "all").
 */
final class SnapshotListing {
  private SnapshotListing() {}

  /** The list answer: 200 with the array of snapshots, or 400 naming a bad query parameter. */
  static Reply list(Operations operations, String caller, String query) {
    Map<String, List<String>> parameters = queryParameters(query);
    String type = joined(parameters.get("type"));
    String canonicalType = null;
    if (type != null) {
      canonicalType = SnapshotBodies.canonicalType(type);
      if (canonicalType == null) {
        return FaceErrors.badArgument("Invalid query parameter 'type' \"" + Ids.shorten(type) + "\": expected one of "
            + String.join(", ", SnapshotBodies.TYPES) + ".");
      }
    }
    String scope = joined(parameters.get("applyScope"));
    Set<String> wanted = new LinkedHashSet<>();
    if (scope != null) {
      for (String item : scope.split(",", -1)) {
        String uuid = item.trim();
        if (!Ids.isUuid(uuid)) {
          return FaceErrors.badArgument("Invalid query parameter 'applyScope': \"" + Ids.shorten(uuid)
              + "\" is not a uuid; expected comma-separated uuids such as " + SnapshotBodies.UUID_EXAMPLE + ".");
        }
        wanted.add(uuid.toLowerCase(Locale.ROOT));
      }
    }
    // Read only once the query is good: a bad one is 400 even when the store is down.
    List<Snapshot> ordered = SnapshotStore.all(operations);
    ordered.sort(Comparator.comparing(Snapshot::createdTime).thenComparing(Snapshot::id));
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (Snapshot snapshot : ordered) {
      if (!SnapshotAccess.sees(snapshot, caller)) {
        continue;
      }
      boolean typeMatches = canonicalType == null || canonicalType.equals(snapshot.type());
      boolean scopeMatches = wanted.isEmpty() || snapshot.applyScope().stream().anyMatch(wanted::contains);
      if (typeMatches && scopeMatches) {
        out.add(snapshot.toJson());
      }
    }
    return Reply.text(200, Map.of("Content-Type", FaceOperations.CONTENT_TYPE), out.toString());
  }

  private static Map<String, List<String>> queryParameters(String query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  /** The non-empty values of a repeated parameter joined with commas, or {@code null}. */
  private static String joined(List<String> values) {
    if (values == null) {
      return null;
    }
    List<String> nonEmpty = values.stream().filter(v -> !v.isBlank()).toList();
    return nonEmpty.isEmpty() ? null : String.join(",", nonEmpty);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
