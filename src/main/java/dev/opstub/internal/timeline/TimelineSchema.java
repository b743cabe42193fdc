package dev.opstub.internal.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.spi.StatusVocabulary;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The JSON Schema of a timeline parameter and of a span, as {@code Parameter} carries it (JSON
 * text): the shape only, in a form an editor checks while typing (the statuses of the API, the
 * step object's keys); the parser checks the grammar with the column of a mistake.
 *
 * <pre>{@code
 * TimelineSchema.of(FaceStatuses.INSTANCE); // {"description":"What the Face API operations follow: ...","oneOf":[...]}
 * }</pre>
 */
public final class TimelineSchema {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A positive whole number with a unit, as {@link TimelineParser#parseDuration} reads it. */
  public static final String SPAN = span().toString();

  private TimelineSchema() {}

  /** A timeline in {@code statuses}' words, its step objects taking any {@code code}. */
  public static String of(StatusVocabulary statuses) {
    return of(statuses, List.of(), "an error code");
  }

  /**
   * A timeline in {@code statuses}' words whose step objects take one of {@code codes} (in any
   * case; any string when empty) as their {@code code}.
   */
  public static String of(StatusVocabulary statuses, List<String> codes, String codeDescription) {
    String names = anyCase(statuses.statusNames());
    String step = "^\\s*((" + names + ")(?![A-Za-z])|(" + anyCase(List.of("http", "fault", "delay")) + ")\\s*\\()";
    ObjectNode schema = JSON.createObjectNode();
    schema.put("description", "What the " + statuses.apiName() + " operations follow: the compact notation (one "
        + "string, steps separated by commas, the last step repeats) or its JSON form (an array of one-step notation "
        + "strings and step objects). Statuses: " + String.join(", ", statuses.statusNames()) + ", in any case. The "
        + "schema checks the shape; the validator (dev.opstub.Validate) and the server check the grammar with the "
        + "column of a mistake.");
    schema.putArray("examples").add(statuses.example());
    ArrayNode oneOf = schema.putArray("oneOf");
    oneOf.addObject().put("type", "string").put("pattern", step);
    ObjectNode array = oneOf.addObject().put("type", "array").put("minItems", 1);
    ArrayNode item = array.putObject("items").putArray("oneOf");
    item.addObject().put("type", "string").put("pattern", step);
    ObjectNode object = item.addObject().put("type", "object");
    object.putArray("required").add("status");
    object.put("additionalProperties", false);
    ObjectNode properties = object.putObject("properties");
    properties.putObject("status").put("type", "string").put("pattern", "^\\s*(" + names + ")\\s*$")
        .put("description", "one of " + String.join(", ", statuses.statusNames()) + ", in any case");
    properties.putObject("polls").put("type", "integer").put("minimum", 1)
        .put("description", "how many polls the step lasts (default 1)");
    properties.set("duration", span().put("description", "how long the step lasts instead of a count of polls"));
    properties.putObject("message").put("type", "string").put("description", "the failure's message (failed steps only)");
    ObjectNode code = properties.putObject("code").put("type", "string");
    if (!codes.isEmpty()) {
      code.put("pattern", "^\\s*(" + anyCase(codes) + ")\\s*$");
    }
    code.put("description", codeDescription);
    properties.set("delay", span().put("description", "holds back the step's first answer this long"));
    object.putObject("not").putArray("required").add("polls").add("duration");
    return schema.toString();
  }

  private static ObjectNode span() {
    return JSON.createObjectNode().put("type", "string").put("pattern", "^\\s*(?!0+(ms|s|m)\\s*$)[0-9]{1,12}(ms|s|m)\\s*$")
        .put("description", "a positive whole number with a unit: ms, s or m, e.g. \"1500ms\", \"2s\", \"10m\"");
  }

  /** The words as one alternation matching each in any case ({@code [rR][uU][nN]...}): JSON Schema has no flags. */
  private static String anyCase(List<String> words) {
    return words.stream().map(word -> word.chars().mapToObj(c -> Character.isLetter(c)
        ? "[" + String.valueOf((char) c).toLowerCase(Locale.ROOT) + String.valueOf((char) c).toUpperCase(Locale.ROOT) + "]"
        : Character.isDigit(c) ? String.valueOf((char) c) : "\\" + (char) c).collect(Collectors.joining()))
        .collect(Collectors.joining("|"));
  }
}
