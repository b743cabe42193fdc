package dev.opstub.internal.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a spec's mappings under {@code <root>/mappings/}: in {@code <spec name>/} it replaces the
 * files an earlier import wrote (those whose {@code metadata} carries {@value MappingJson#MARKER}),
 * removes those it no longer writes, and leaves every other file alone (a file of the user's with a
 * generated file's name is kept, and that generated file is not written). The mappings every ARM
 * spec shares ({@code opstub-arm/}) are written the same way and never removed.
 */
final class MappingWriter {
  private MappingWriter() {}

  /**
   * What a write did.
   *
   * @param folder the spec's folder
   * @param written the files written, relative to {@code mappings/}
   * @param removed earlier generated files no longer generated
   * @param kept files of the user's that a generated file would have replaced
   */
  record Written(Path folder, List<String> written, List<String> removed, List<String> kept) {}

  static Written write(Path root, SpecPlan plan) throws IOException {
    Path mappings = root.resolve("mappings");
    Path folder = mappings.resolve(plan.spec().name());
    Files.createDirectories(folder);
    List<String> removed = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = plan.spec().name() + "/" + file.getFileName();
        if (name.endsWith(".json") && !plan.files().containsKey(name) && isGenerated(file)) {
          Files.delete(file);
          removed.add(name);
        }
      }
    }
    List<String> written = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (Map.Entry<String, String> file : plan.files().entrySet()) {
      Path target = mappings.resolve(file.getKey());
      if (Files.exists(target) && !isGenerated(target)) {
        kept.add(file.getKey());
        continue;
      }
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
      written.add(file.getKey());
    }
    return new Written(folder, written, removed, kept);
  }

  /** Whether a mapping file carries the importer's mark (a file that is not JSON is the user's). */
  static boolean isGenerated(Path file) {
    try {
      JsonNode mapping = MappingJson.JSON.readTree(file.toFile());
      return mapping != null && mapping.path("metadata").has(MappingJson.MARKER);
    } catch (IOException e) {
      return false;
    }
  }
}
