package dev.opstub.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.internal.api.Apis;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Handler;
import dev.opstub.spi.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * {@code schema/opstub-mapping.schema.json} is written from the registry, as {@code
 * api/opstub.api} is from the classes: a dialect's handlers and their parameters' schemas are its
 * part, and no one edits the file. After a change to a handler or a parameter, write it again:
 *
 * <pre>
 * mvn -B -q test -Dtest=MappingSchemaTest -Dopstub.schema.write=true
 * </pre>
 */
class MappingSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theCommittedSchemaIsTheOneTheRegistryWrites() throws IOException {
    String written = MappingSchema.of(Apis.builtIn());
    if (Boolean.getBoolean("opstub.schema.write")) {
      Files.writeString(ShippedMappingsTest.SCHEMA, written);
      return;
    }
    String committed = Files.exists(ShippedMappingsTest.SCHEMA)
        ? Files.readString(ShippedMappingsTest.SCHEMA).replace("\r\n", "\n") : "";
    if (!committed.equals(written)) {
      throw new AssertionFailedError(ShippedMappingsTest.SCHEMA.getFileName() + " is not the one the dialects' handlers "
          + "and parameters make; if the change to them is meant, write it again and commit it with the change:\n  "
          + MappingSchema.REGENERATE + "\n", committed, written);
    }
  }

  @Test
  void everyTransformerOfEveryDialectHasItsParametersInTheSchemaAndNoOtherKey() throws IOException {
    JsonNode schema = JSON.readTree(MappingSchema.of(Apis.builtIn()));
    Set<String> names = new HashSet<>();
    schema.at("/$defs/response/properties/transformers/items/then/enum").forEach(n -> names.add(n.asText()));
    assertThat(names).isEqualTo(Apis.builtIn().handlers().keySet());

    for (Dialect api : Apis.builtIn().all()) {
      for (Handler handler : api.handlers()) {
        JsonNode parameters = schema.at("/$defs/" + handler.name());
        assertThat(parameters.path("additionalProperties").asBoolean(true)).as(handler.name()).isFalse();
        Set<String> keys = new HashSet<>();
        parameters.path("properties").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as(handler.name())
            .isEqualTo(new HashSet<>(handler.parameters().stream().map(Parameter::name).toList()));
      }
    }
  }

  @Test
  void aParameterSchemaThatIsNotAJsonObjectIsRefusedWhenTheParameterIsMade() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Parameter.span("retryAfter").withSchema("[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the schema of parameter retryAfter must be the JSON text of a JSON Schema object");
  }

  @Test
  void describedAsKeepsTheRestOfTheSchema() throws IOException {
    JsonNode schema = JSON.readTree(Parameter.span("wait").describedAs("how long").schema());

    assertThat(schema.path("description").asText()).isEqualTo("how long");
    assertThat(schema.path("pattern").asText()).isNotEmpty();
    assertThat(schema.path("type").asText()).isEqualTo("string");
  }
}
