package dev.opstub.internal.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.internal.openapi.OpenApiSpec;
import dev.opstub.testing.ImportedSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A property: whatever is wrong with a spec, the importer answers with errors or notes and never
 * throws. Variants of the fixture specs, from a seeded Random: nodes removed, replaced by values of
 * the wrong type, by {@code $ref}s to nothing, to URLs, to themselves; the text cut short.
 */
class MalformedSpecsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> REFS = List.of("#/definitions/Nope", "./nope.json", "../common-types/x.json#/a",
      "#bad", "https://example.com/types.json#/definitions/A", "#/paths", "#", "./examples", "#/x-ms-paths/~1a",
      "../../../../../../etc/hostname");

  @TempDir
  Path folder;

  @Test
  void noMalformedVariantOfTheFixtureSpecsMakesTheImporterThrow() throws IOException {
    Random random = new Random(Long.getLong("opstub.seed", 29));
    List<Path> specs = copies();
    for (int variant = 0; variant < Integer.getInteger("opstub.variants", 600); variant++) {
      Path spec = specs.get(variant % specs.size());
      Path target = spec.resolveSibling("variant-" + variant + ".json");
      Files.writeString(target, mutated(Files.readString(spec), random));
      int seen = variant;
      assertThatCode(() -> ImportPlanner.plan(OpenApiSpec.read(target), Map.of("DocumentModels_BuildModel", "running, succeeded")))
          .as("variant %d of %s", seen, spec.getFileName()).doesNotThrowAnyException();
      if (variant % 10 == 0) {
        ImportedSpecs.Run run = ImportedSpecs.run(List.of("--out", folder.resolve("out-" + variant).toString(),
            target.toString()));
        assertThat(run.status()).as("variant %d: %s", variant, run.err()).isIn(0, 1);
        assertThat(run.err()).as("variant %d", variant).doesNotContain("bug of the importer");
      }
      Files.delete(target);
    }
  }

  /** The fixture folders, copied with their examples and common-types. */
  private List<Path> copies() throws IOException {
    Path copy = folder.resolve("specs");
    try (Stream<Path> walk = Files.walk(ImportedSpecs.SPECS)) {
      for (Path file : walk.toList()) {
        Path to = copy.resolve(ImportedSpecs.SPECS.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to);
        }
      }
    }
    return ImportedSpecs.ALL.stream().map(p -> copy.resolve(ImportedSpecs.SPECS.relativize(p).toString())).toList();
  }

  private static String mutated(String text, Random random) throws IOException {
    if (random.nextInt(12) == 0) {
      return text.substring(0, random.nextInt(text.length()));
    }
    JsonNode root = JSON.readTree(text);
    int mutations = 1 + random.nextInt(4);
    for (int i = 0; i < mutations; i++) {
      List<Slot> slots = new ArrayList<>();
      slots(root, "", slots);
      Slot slot = slots.get(random.nextInt(slots.size()));
      JsonNode replacement = switch (random.nextInt(8)) {
        case 0 -> null;
        case 1 -> JSON.getNodeFactory().textNode(random.nextBoolean() ? "" : "x{");
        case 2 -> JSON.getNodeFactory().numberNode(random.nextInt(1000) - 500);
        case 3 -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
        case 4 -> JSON.getNodeFactory().nullNode();
        case 5 -> random.nextBoolean() ? JSON.createObjectNode() : JSON.createArrayNode();
        case 6 -> JSON.createObjectNode().put("$ref", REFS.get(random.nextInt(REFS.size())));
        default -> JSON.createObjectNode().put("$ref", "#" + slot.pointer); // a reference to itself
      };
      slot.set(replacement);
    }
    return JSON.writeValueAsString(root);
  }

  /** A place in the tree: a field of an object or an element of an array. */
  private record Slot(ContainerNode<?> parent, String field, int index, String pointer) {
    void set(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        if (value == null) {
          object.remove(field);
        } else {
          object.set(field, value);
        }
      } else if (parent instanceof ArrayNode array) {
        if (value == null) {
          array.remove(index);
        } else {
          array.set(index, value);
        }
      }
    }
  }

  private static void slots(JsonNode node, String pointer, List<Slot> into) {
    if (node instanceof ObjectNode object) {
      object.fieldNames().forEachRemaining(name -> {
        String at = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        into.add(new Slot(object, name, -1, at));
        slots(object.get(name), at, into);
      });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        into.add(new Slot(array, null, i, pointer + "/" + i));
        slots(array.get(i), pointer + "/" + i, into);
      }
    }
  }
}
