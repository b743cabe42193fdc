package dev.opstub.internal.openapi;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The files one import reads: the spec, the files its {@code $ref}s name (common-types) and its
 * examples, each read once, with a size limit, and refused with a reason (YAML, not JSON, too
 * large, missing) rather than an exception.
 */
final class SpecFiles {
  /** The largest file read: azure-rest-api-specs' largest specs are a few MB. */
  static final long MAX_BYTES = 16L * 1024 * 1024;
  /** The longest {@code $ref} chain followed (a longer one is a cycle in practice). */
  private static final int MAX_HOPS = 32;
  /** No duplicate-key detection: it costs a set per object of a spec of megabytes (a later key wins, as in Jackson). */
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A file read: its JSON, or why there is none. */
  record Loaded(JsonNode root, String problem) {}

  /** Where a {@code $ref} led: the node in its file, or why it led nowhere. */
  record Target(Path file, String pointer, JsonNode node, String problem) {
    boolean found() {
      return node != null;
    }
  }

  private final Path spec;
  private final Map<Path, Loaded> loaded = new HashMap<>();

  SpecFiles(Path spec) {
    this.spec = spec;
  }

  /** The file, read (once). */
  Loaded load(Path file) {
    return loaded.computeIfAbsent(absolute(file), SpecFiles::read);
  }

  /** A file as messages name it: the spec as given, others relative to the spec's folder. */
  String shown(Path file) {
    Path absolute = absolute(file);
    if (absolute.equals(absolute(spec))) {
      return spec.toString();
    }
    Path folder = absolute(spec).getParent();
    return folder == null ? absolute.toString() : folder.relativize(absolute).toString().replace('\\', '/');
  }

  /**
   * Follows {@code node}'s {@code $ref}s (a chain, across files) from {@code pointer} in {@code file}
   * to what they name; a node without {@code $ref} is its own target.
   */
  Target follow(Path file, String pointer, JsonNode node) {
    Path at = file;
    String where = pointer;
    JsonNode current = node;
    for (int hops = 0; current != null && current.isObject() && current.has("$ref"); hops++) {
      if (hops == MAX_HOPS) {
        return new Target(at, where, null, "$ref chain longer than " + MAX_HOPS + " (a cycle?)");
      }
      JsonNode ref = current.get("$ref");
      if (!ref.isTextual()) {
        return new Target(at, where, null, "$ref is not a string; allowed: \"#/definitions/Name\" or \"./other.json#/...\"");
      }
      String text = ref.asText();
      int hash = text.indexOf('#');
      String filePart = hash < 0 ? text : text.substring(0, hash);
      String fragment = hash < 0 ? "" : text.substring(hash + 1);
      Path target = at;
      if (!filePart.isEmpty()) {
        if (filePart.contains("://")) {
          return new Target(at, where, null, "$ref " + text + " names a URL; the importer reads files beside the spec only");
        }
        try {
          Path folder = absolute(at).getParent();
          target = (folder == null ? Path.of(filePart) : folder.resolve(filePart)).normalize();
        } catch (InvalidPathException e) {
          return new Target(at, where, null, "$ref " + text + " is not a file name");
        }
        Loaded other = load(target);
        if (other.root() == null) {
          return new Target(at, where, null, "$ref " + text + ": " + shown(target) + " " + other.problem());
        }
      }
      JsonNode root = load(target).root();
      if (root == null) {
        return new Target(at, where, null, shown(target) + " " + load(target).problem());
      }
      JsonNode found;
      try {
        found = fragment.isEmpty() ? root : root.at(fragment);
      } catch (IllegalArgumentException e) {
        return new Target(at, where, null, "$ref " + text + " has no JSON pointer after '#' (it must start with '/')");
      }
      if (found.isMissingNode()) {
        return new Target(at, where, null, "$ref " + text + " names nothing: " + shown(target) + " has no " + fragment);
      }
      at = target;
      where = fragment;
      current = found;
    }
    return new Target(at, where, current, null);
  }

  private static Path absolute(Path file) {
    return file.toAbsolutePath().normalize();
  }

  private static Loaded read(Path file) {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        return new Loaded(null, "does not exist");
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        return new Loaded(null, String.format(Locale.ROOT, "is %.1f MB; the importer reads files up to %d MB",
            size / 1_000_000.0, MAX_BYTES / (1024 * 1024)));
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      return new Loaded(null, "cannot be read: " + e.getMessage());
    }
    String start = start(bytes);
    if (!start.startsWith("{")) {
      return new Loaded(null, looksLikeYaml(start)
          ? "is YAML; the importer reads OpenAPI 2.0 in JSON, as azure-rest-api-specs publishes it"
          : start.isEmpty() ? "is empty; expected a JSON object" : "is not a JSON object (it starts with \""
              + start.substring(0, Math.min(20, start.length())).replaceAll("\\s+", " ") + "\")");
    }
    try {
      return new Loaded(JSON.readTree(bytes), null);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      return new Loaded(null, "is not valid JSON: " + e.getOriginalMessage()
          + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
    } catch (IOException e) {
      return new Loaded(null, "cannot be read: " + e.getMessage());
    }
  }

  /** The first 200 characters after a byte-order mark and white space. */
  private static String start(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8);
    if (head.startsWith("\uFEFF")) {
      head = head.substring(1);
    }
    head = head.stripLeading();
    return head.substring(0, Math.min(200, head.length()));
  }

  private static boolean looksLikeYaml(String start) {
    return start.startsWith("---") || start.startsWith("#") || start.matches("(?s)[A-Za-z_\"'][^\\n{}]*:.*");
  }
}
