package dev.opstub.internal.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The JSON of generated mappings: built as trees, written as the shipped files are (two spaces, {@code "key": value}). */
final class MappingJson {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The metadata key marking a mapping the importer wrote: a rerun replaces exactly these. */
  static final String MARKER = "opstub-import";

  private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"))
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private MappingJson() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** A mapping: name, priority, request, response (status, transformer, parameters), metadata. */
  static ObjectNode mapping(String name, int priority, ObjectNode request, int status, String transformer,
      ObjectNode parameters, ObjectNode marker) {
    ObjectNode mapping = object();
    mapping.put("name", name);
    mapping.put("priority", priority);
    mapping.set("request", request);
    ObjectNode response = mapping.putObject("response");
    response.put("status", status);
    response.putArray("transformers").add(transformer);
    if (parameters != null && !parameters.isEmpty()) {
      response.set("transformerParameters", parameters);
    }
    mapping.putObject("metadata").set(MARKER, marker);
    return mapping;
  }

  static ObjectNode request(String method, String urlPathPattern) {
    ObjectNode request = object();
    request.put("method", method);
    request.put("urlPathPattern", urlPathPattern);
    return request;
  }

  /** The file's text: pretty JSON and a final newline, the same bytes for the same tree. */
  static String text(JsonNode node) {
    try {
      return PRETTY.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
