package dev.opstub.internal.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.internal.api.Apis;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Handler;
import dev.opstub.spi.Parameter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of the OpStub part of a mapping file ({@code schema/opstub-mapping.schema.json}),
 * written from the registry: the transformer names are the handlers' names, and each transformer's
 * {@code transformerParameters} are its handler's {@link Parameter}s with their {@link
 * Parameter#schema()}. A dialect adds nothing to a shared file: its handlers bring their part.
 *
 * <pre>{@code
 * String schema = MappingSchema.of(Apis.builtIn()); // the file's text
 * }</pre>
 *
 * <p>A parameter schema two handlers of one API share (the same name and schema) is written once
 * under {@code $defs/<api>-<name>}; each transformer's parameters are under {@code
 * $defs/<transformer>}.
 */
public final class MappingSchema {
  /** How to write the file again after a change to a dialect's handlers or parameters. */
  public static final String REGENERATE = "mvn -B -q test -Dtest=MappingSchemaTest -Dopstub.schema.write=true";

  private static final ObjectMapper JSON = new ObjectMapper();

  private MappingSchema() {}

  /** The schema for the handlers of {@code apis}, as the file's text (two-space indent, a final newline). */
  public static String of(Apis apis) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", "urn:dev.opstub:opstub-mapping.schema.json");
    root.put("$comment", "Generated from the dialects' handlers and parameters; do not edit. Write it again with: "
        + REGENERATE);
    root.put("title", "OpStub part of a WireMock stub mapping");
    root.put("description", "Checks what the OpStub transformers read in a WireMock stub mapping file (a mapping, or "
        + "{\"mappings\": [...]}): the opstub-* transformer names and their transformerParameters. Everything else in "
        + "the file is WireMock's and is left alone. dev.opstub.Validate checks the rest (timeline grammar, operation "
        + "ids, body files, clashes).");
    root.put("type", "object");
    root.putObject("if").putArray("required").add("mappings");
    root.putObject("then").putObject("properties").putObject("mappings").put("type", "array")
        .putObject("items").put("$ref", "#/$defs/mapping");
    root.putObject("else").put("$ref", "#/$defs/mapping");
    ObjectNode defs = root.putObject("$defs");
    defs.putObject("mapping").put("type", "object").putObject("properties").putObject("response")
        .put("$ref", "#/$defs/response");

    ObjectNode response = defs.putObject("response").put("type", "object");
    ObjectNode transformer = response.putObject("properties").putObject("transformers").put("type", "array")
        .putObject("items").put("type", "string");
    transformer.putObject("if").put("pattern", "^opstub-");
    ArrayNode names = transformer.putObject("then").putArray("enum");
    ArrayNode byTransformer = response.putArray("allOf");
    Map<String, String> shared = shared(apis);
    Map<String, JsonNode> handlerDefs = new LinkedHashMap<>();
    for (Dialect api : apis.all()) {
      for (Handler handler : api.handlers()) {
        names.add(handler.name());
        ObjectNode when = byTransformer.addObject();
        ObjectNode condition = when.putObject("if");
        condition.putArray("required").add("transformers");
        condition.putObject("properties").putObject("transformers").putObject("contains").put("const", handler.name());
        when.putObject("then").putObject("properties").putObject("transformerParameters")
            .put("$ref", "#/$defs/" + handler.name());
        handlerDefs.put(handler.name(), parameters(api, handler, shared, defs));
      }
    }
    handlerDefs.forEach(defs::set);
    try {
      return JSON.writer(printer()).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema of one handler's {@code transformerParameters}: its parameters and no other key. */
  private static ObjectNode parameters(Dialect api, Handler handler, Map<String, String> shared, ObjectNode defs) {
    ObjectNode object = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
    List<Parameter<?>> parameters = handler.parameters();
    if (parameters.isEmpty()) {
      return object.put("maxProperties", 0).put("description", handler.name() + " reads no transformerParameters");
    }
    ObjectNode properties = object.putObject("properties");
    for (Parameter<?> parameter : parameters) {
      String def = shared.get(key(api, parameter));
      if (def == null) {
        properties.set(parameter.name(), read(parameter));
      } else {
        if (!defs.has(def)) {
          defs.set(def, read(parameter));
        }
        properties.putObject(parameter.name()).put("$ref", "#/$defs/" + def);
      }
    }
    return object.put("description", "transformerParameters of " + handler.name() + " (" + api.statuses().apiName()
        + ", " + handler.role().name().toLowerCase(java.util.Locale.ROOT) + "); no other key is read");
  }

  /** The {@code $defs} name of each parameter schema two or more handlers of one API share, by {@link #key}. */
  private static Map<String, String> shared(Apis apis) {
    Map<String, Integer> uses = new LinkedHashMap<>();
    for (Dialect api : apis.all()) {
      for (Handler handler : api.handlers()) {
        handler.parameters().forEach(p -> uses.merge(key(api, p), 1, Integer::sum));
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Integer> taken = new LinkedHashMap<>();
    uses.forEach((key, count) -> {
      if (count > 1) {
        String name = key.substring(0, key.indexOf('\n'));
        int n = taken.merge(name, 1, Integer::sum);
        names.put(key, n == 1 ? name : name + "-" + n);
      }
    });
    return names;
  }

  private static String key(Dialect api, Parameter<?> parameter) {
    return api.name() + "-" + parameter.name() + "\n" + parameter.schema();
  }

  private static JsonNode read(Parameter<?> parameter) {
    try {
      return JSON.readTree(parameter.schema());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("parameter " + parameter.name() + " has a schema that is not JSON", e);
    }
  }

  /** Two spaces, one array item a line, {@code "key": value}: the form of the hand-kept file before it. */
  private static DefaultPrettyPrinter printer() {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }
}
