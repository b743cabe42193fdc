package dev.opstub.spi;

import dev.opstub.internal.timeline.TimelineParser;
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
 * <p>Beta: may change in a minor release until 1.0.
 *
 * @param name the key
 * @param reader turns a JSON value (never {@code null}) into the typed value; throws {@link
 *     IllegalArgumentException} saying what is wrong and what is allowed (for a timeline, a
 *     subclass that also points at the column or step)
 * @param <T> the typed value
 */
public record Parameter<T>(String name, Function<Object, T> reader) {
  /** Served on polls that are not terminal, as {@code Retry-After} and {@code retry-after-ms}. */
  public static final Parameter<Duration> RETRY_AFTER = span("retryAfter");
  /** How long a finished operation stays visible before it is "not found", like the real services. */
  public static final Parameter<Duration> EXPIRE_AFTER = span("expireAfter");

  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reader, "reader");
  }

  /** The typed value of {@code value}; see {@link #reader()}. */
  public T read(Object value) {
    return reader.apply(value);
  }

  /** The {@code timeline} parameter: a notation string or a JSON array, checked against {@code statuses}. */
  public static Parameter<Timeline> timeline(StatusVocabulary statuses) {
    return new Parameter<>("timeline", value -> TimelineParser.parseAny(value, statuses));
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
    });
  }

  /** A string; {@code allowed} says what it holds, e.g. {@code a path such as "/snapshots/..."}. */
  public static Parameter<String> string(String name, String allowed) {
    return new Parameter<>(name, value -> {
      if (!(value instanceof String text)) {
        throw new IllegalArgumentException(name + " must be a string; was " + describe(value) + "; allowed: " + allowed);
      }
      return text;
    });
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
