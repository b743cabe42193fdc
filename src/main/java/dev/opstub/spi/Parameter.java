package dev.opstub.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.internal.timeline.TimelineSchema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One {@code transformerParameters} key a handler reads, with the rule that turns the mapping's
 * JSON value into a typed value. The same rule serves the offline validator, the check when a
 * stub is added, and the transformer (which reads each stub once).
 *
 * <pre>{@code
 * Parameter<Duration> retryAfter = Parameter.span("retryAfter");
 * retryAfter.read("2s");   // PT2S
 * retryAfter.read(2);      // IllegalArgumentException: retryAfter must be a positive span; was 2; allowed: ...
 * }</pre>
 *
 * <p>Its {@link #schema()} tells an editor the same rule: {@code schema/opstub-mapping.schema.json}
 * is generated from the parameters of the dialects' handlers, so a dialect describes its
 * parameters here and edits no shared file.
 *
 * <pre>{@code
 * Parameter<String> region = new Parameter<>("region", Region::read)
 *     .withSchema("{\"enum\": [\"eu\", \"us\"]}")
 *     .describedAs("where the operation runs: eu or us");
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 *
 * @param name the key
 * @param reader turns a JSON value (never {@code null}) into the typed value; throws {@link
 *     IllegalArgumentException} saying what is wrong and what is allowed (for a timeline, a
 *     subclass that also points at the column or step)
 * @param schema the JSON text of a JSON Schema (draft 2020-12) object for the values, with a {@code
 *     description}: what an editor checks and shows. It should accept at least what the reader
 *     takes; the reader stays the judge. {@code {}} (the default) says nothing.
 * @param <T> the typed value
 */
public record Parameter<T>(String name, Function<Object, T> reader, String schema) {
  private static final ObjectMapper JSON = new ObjectMapper(); // first: the constants below use it
  /** Served on polls that are not terminal, as {@code Retry-After} and {@code retry-after-ms}. */
  public static final Parameter<Duration> RETRY_AFTER = span("retryAfter")
      .describedAs("Retry-After / retry-after-ms on polls that are not terminal");
  /** How long a finished operation stays visible before it is "not found", like the real services. */
  public static final Parameter<Duration> EXPIRE_AFTER = span("expireAfter")
      .describedAs("a finished operation is not found this long after it finished");

  /**
   * @throws IllegalArgumentException when {@code schema} is not the JSON text of an object
   */
  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reader, "reader");
    schemaObject(name, Objects.requireNonNull(schema, "schema"));
  }

  /** A parameter whose schema says nothing ({@code {}}). */
  public Parameter(String name, Function<Object, T> reader) {
    this(name, reader, "{}");
  }

  /** This parameter with {@code schema} (the JSON text of a JSON Schema object) instead of its own. */
  public Parameter<T> withSchema(String schema) {
    return new Parameter<>(name, reader, schema);
  }

  /** This parameter with its schema's {@code description} set to {@code description}. */
  public Parameter<T> describedAs(String description) {
    ObjectNode described = schemaObject(name, schema);
    described.put("description", description);
    return withSchema(described.toString());
  }

  private static ObjectNode schemaObject(String name, String schema) {
    try {
      if (JSON.readTree(schema) instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonProcessingException e) {
      // said below
    }
    throw new IllegalArgumentException("the schema of parameter " + name + " must be the JSON text of a JSON Schema "
        + "object, e.g. {\"type\": \"string\"}; was " + schema);
  }

  /** The typed value of {@code value}; see {@link #reader()}. */
  public T read(Object value) {
    return reader.apply(value);
  }

  /** The {@code timeline} parameter: a notation string or a JSON array, checked against {@code statuses}. */
  public static Parameter<Timeline> timeline(StatusVocabulary statuses) {
    return new Parameter<>("timeline", value -> TimelineParser.parseAny(value, statuses), TimelineSchema.of(statuses));
  }

  /** A span such as {@code "2s"} or {@code "1500ms"}. */
  public static Parameter<Duration> span(String name) {
    return new Parameter<>(name, value -> {
      Duration span = value instanceof String text ? TimelineParser.parseDuration(text) : null;
      if (span == null) {
        throw new IllegalArgumentException(name + " must be a positive span; was " + describe(value)
            + "; allowed: a string with a whole number and a unit (ms, s or m), e.g. \"2s\" or \"1500ms\"");
      }
      return span;
    }, TimelineSchema.SPAN);
  }

  /** A string; {@code allowed} says what it holds, e.g. {@code a path such as "/snapshots/..."}. */
  public static Parameter<String> string(String name, String allowed) {
    return new Parameter<>(name, value -> {
      if (!(value instanceof String text)) {
        throw new IllegalArgumentException(name + " must be a string; was " + describe(value) + "; allowed: " + allowed);
      }
      return text;
    }, JSON.createObjectNode().put("type", "string").put("description", allowed).toString());
  }

  /** A value as a message shows it: strings quoted, others as JSON would write them. */
  public static String describe(Object value) {
    if (value instanceof String text) {
      return "\"" + text + "\"";
    }
    if (value instanceof Map<?, ?> map) {
      return "an object " + new LinkedHashMap<>(map);
    }
    if (value instanceof List<?> list) {
      return "an array " + list;
    }
    return String.valueOf(value);
  }
}
