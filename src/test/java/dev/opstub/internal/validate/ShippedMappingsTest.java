package dev.opstub.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.opstub.internal.api.Apis;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Handler;
import dev.opstub.spi.Role;
import dev.opstub.spi.StubPriority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The repository's own mappings pass the validator and the JSON Schema (this is how the build
 * validates them: a failing mapping fails {@code mvn verify}), and the schema says what the
 * validator's rules say.
 */
class ShippedMappingsTest {
  static final Path ROOT = Path.of(System.getProperty("opstub.root.dir", ".")).toAbsolutePath().normalize();
  static final Path SCHEMA = ROOT.resolve("schema/opstub-mapping.schema.json");
  static final Path TEAM_B = Path.of("src/test/resources/mapping-sets/team-b");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  static JsonSchema schema() throws IOException {
    return FACTORY.getSchema(JSON.readTree(SCHEMA.toFile()));
  }

  static Stream<Path> shippedMappings() throws IOException {
    try (Stream<Path> files = Stream.concat(Files.walk(ROOT.resolve("mappings")), Files.walk(TEAM_B.resolve("mappings")))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @Test
  void theShippedMappingsHaveNoProblems() {
    assertThat(MappingValidator.validate(List.of(ROOT))).isEmpty();
  }

  /**
   * WireMock tries stubs in priority order, and each Media id pattern ({@code (?i)(/.*)?/api/...})
   * costs a Face request about a microsecond to reject: the Face well-known operations come first.
   */
  @Test
  void faceWellKnownOperationsComeBeforeMediaWellKnownOperations() throws IOException {
    int face = priorities("face").stream().mapToInt(Integer::intValue).max().orElseThrow();
    int media = priorities("media").stream().mapToInt(Integer::intValue).min().orElseThrow();
    assertThat(face).isLessThan(media);
  }

  /**
   * Every stub tried before the one that matches costs a poll a microsecond or more, whatever its
   * method: an Azure monitor poll meets no other Azure mapping before the monitors (the well-known
   * inputs only need to come before the catch-all starts).
   */
  @Test
  void azureMonitorsComeBeforeEveryOtherShippedAzureMapping() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("mappings").resolve("azure"))) {
      Map<String, Integer> priorities = new java.util.TreeMap<>();
      for (Path file : files.toList()) {
        priorities.put(file.getFileName().toString(), JSON.readTree(file.toFile()).get("priority").asInt());
      }
      int monitors = priorities.remove("monitors.json");
      assertThat(priorities).allSatisfy((file, priority) -> assertThat(priority).as(file).isGreaterThan(monitors));
    }
  }

  /**
   * Each shipped mapping stands where {@link StubPriority} puts a stub of its handler's role: a poll
   * or look of one id before the stubs for every id, a start with one input before the start for
   * every input, the fallbacks last, with the scheme's three moves (a poll or look for every id
   * early where its API ships no stub for one id; one id of an API one later; a poll or look for
   * every id before another API's broader one).
   */
  @ParameterizedTest
  @MethodSource("shippedMappingsOfThePack")
  void everyShippedMappingStandsWhereThePrioritySchemePutsItsHandlersRole(Path file) throws IOException {
    Apis apis = Apis.builtIn();
    for (JsonNode mapping : mappingsIn(file)) {
      int priority = mapping.path("priority").asInt(-1);
      Handler handler = handlerOf(mapping);
      Set<Integer> allowed = new TreeSet<>(Set.of(StubPriority.FALLBACK));
      if (handler == null) { // WireMock's own answer: a not-found fallback, or what must precede even a test's stubs
        allowed.add(StubPriority.TEST_ONE_OPERATION);
      } else if (handler.role() == Role.START) {
        allowed.addAll(Set.of(StubPriority.of(Role.START, true), StubPriority.of(Role.START, false)));
      } else if (claimsAnId(apis.apiOf(handler.name()), mapping.path("request"))) {
        allowed.addAll(Set.of(StubPriority.of(handler.role(), true), StubPriority.of(handler.role(), true) + 1));
      } else {
        allowed.addAll(Set.of(StubPriority.of(handler.role(), false), StubPriority.TEST_EVERY_OPERATION));
        if (!shipsAStubForOneId(apis.apiOf(handler.name()))) {
          allowed.add(StubPriority.ONE_OPERATION);
        }
      }
      assertThat(priority).as(file + ": " + mapping.path("name").asText() + " ("
          + (handler == null ? "no OpStub transformer" : handler.name() + ", " + handler.role()) + ")").isIn(allowed);
    }
  }

  static Stream<Path> shippedMappingsOfThePack() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT.resolve("mappings"))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  private static List<JsonNode> mappingsIn(Path file) throws IOException {
    JsonNode json = JSON.readTree(file.toFile());
    List<JsonNode> mappings = new java.util.ArrayList<>();
    (json.has("mappings") ? json.get("mappings") : JSON.createArrayNode().add(json)).forEach(mappings::add);
    return mappings;
  }

  /** The pack's handler among the mapping's transformers, or {@code null}. */
  private static Handler handlerOf(JsonNode mapping) {
    for (JsonNode transformer : mapping.path("response").path("transformers")) {
      Handler handler = Apis.builtIn().handler(transformer.asText());
      if (handler != null) {
        return handler;
      }
    }
    return null;
  }

  private static boolean claimsAnId(Dialect api, JsonNode request) {
    for (String field : List.of("url", "urlPath", "urlPattern", "urlPathPattern")) {
      if (request.hasNonNull(field) && api.claimedId(field, request.get(field).asText()).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static boolean shipsAStubForOneId(Dialect api) throws IOException {
    try (Stream<Path> files = shippedMappingsOfThePack()) {
      for (Path file : files.toList()) {
        for (JsonNode mapping : mappingsIn(file)) {
          Handler handler = handlerOf(mapping);
          if (handler != null && handler.role() != Role.START && Apis.builtIn().apiOf(handler.name()) == api
              && claimsAnId(api, mapping.path("request"))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static List<Integer> priorities(String api) throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("mappings").resolve(api))) {
      List<Path> wellKnown = files.filter(p -> p.getFileName().toString().matches("operation-.*\\.json")).toList();
      assertThat(wellKnown).isNotEmpty();
      List<Integer> priorities = new java.util.ArrayList<>();
      for (Path file : wellKnown) {
        priorities.add(JSON.readTree(file.toFile()).get("priority").asInt());
      }
      return priorities;
    }
  }

  @Test
  void theShippedSetAndAnotherTeamsSetLoadTogetherWithoutClashes() {
    assertThat(MappingValidator.validate(List.of(ROOT, TEAM_B))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("shippedMappings")
  void everyShippedMappingMatchesTheSchema(Path mapping) throws IOException {
    Set<ValidationMessage> errors = schema().validate(JSON.readTree(mapping.toFile()));

    assertThat(errors).as(mapping.toString()).isEmpty();
  }

  @Test
  void theSchemaIsAValidDraft202012Schema() throws IOException {
    JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    assertThat(metaSchema.validate(JSON.readTree(SCHEMA.toFile()))).isEmpty();
  }

  /** The cases of the broken corpus a schema can see: names and parameters, not grammar or ids. */
  @ParameterizedTest
  @ValueSource(strings = {"unknown-transformer", "unknown-parameter", "parameter-of-the-other-api",
      "refuse-on-an-operation", "parameters-not-an-object", "media-status-on-face", "face-status-on-media",
      "json-timeline-bad-step", "timeline-not-text", "retry-after-not-a-span", "retry-after-a-number",
      "expire-after-zero", "refuse-503", "resource-location-not-a-string"})
  void theSchemaRejectsTheBrokenMappingsItCanSee(String name) throws IOException {
    try (Stream<Path> files = Files.walk(BrokenMappingsTest.CORPUS.resolve(name).resolve("mappings"))) {
      for (Path mapping : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        assertThat(schema().validate(JSON.readTree(mapping.toFile()))).as(mapping.toString()).isNotEmpty();
      }
    }
  }

  @Test
  void theSchemaNamesTheTransformersAndParametersTheValidatorKnows() throws IOException {
    JsonNode schema = JSON.readTree(SCHEMA.toFile());
    Set<String> names = new HashSet<>();
    schema.at("/$defs/response/properties/transformers/items/then/enum").forEach(n -> names.add(n.asText()));
    Map<String, Set<String>> known = new MappingRules(Apis.builtIn()).parameters();
    assertThat(names).isEqualTo(known.keySet());

    // Each transformer's parameters are under its own name (MappingSchema writes them so).
    known.forEach((transformer, parameters) -> {
      Set<String> keys = new HashSet<>();
      schema.at("/$defs/" + transformer + "/properties").fieldNames().forEachRemaining(keys::add);
      assertThat(keys).as(transformer).isEqualTo(parameters);
    });
  }
}
