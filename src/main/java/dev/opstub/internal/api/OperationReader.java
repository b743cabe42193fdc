package dev.opstub.internal.api;

import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one way an operation is made of what a user wrote, whether the admin API's {@code POST
 * operations} or {@code OpStubServer.addOperation*}: the same checks, in the same order, with the
 * same messages. Each field is read by the dialect's own {@link Dialect#fields()} rule, the one
 * its stubs' parameters are read by.
 *
 * <pre>{@code
 * OperationSpec spec = OperationReader.read(face, "a63a3bdd-...", "running, succeeded",
 *     Map.of("resourceLocation", "/snapshots/1"), null, operations);
 * }</pre>
 */
public final class OperationReader {
  private OperationReader() {}

  /**
   * The operation {@code id} of {@code api} following {@code timeline} and keeping {@code fields}.
   *
   * @param id the operation id, normalised already
   * @param timeline the notation, or a list of steps as the admin API takes them
   * @param fields the fields given beside the timeline, by name, as plain JSON values; {@code null} values are absent
   * @throws IllegalArgumentException naming what is allowed: an unknown field, a field that does not
   *     read, a timeline that does not read in the API's (or the fields') statuses
   */
  public static OperationSpec read(Dialect api, String id, Object timeline, Map<String, ?> fields,
      Duration expireAfter, Operations operations) {
    for (String name : fields.keySet()) {
      if (!fieldNames(api).contains(name)) {
        throw new IllegalArgumentException(notAField(api, name));
      }
    }
    for (Parameter<?> field : api.fields()) {
      Object value = fields.get(field.name());
      if (value != null) {
        field.read(value); // its own message, before the timeline is read in words it may declare
      }
    }
    return api.operation(id, TimelineParser.parseAny(timeline, api.statuses(fields)), fields, expireAfter,
        operations);
  }

  /** What is wrong with a field {@code name} that {@code api}'s operations do not keep, naming the ones they do. */
  public static String notAField(Dialect api, String name) {
    List<String> names = fieldNames(api);
    String apiName = api.statuses().apiName();
    return name + " is not a field of " + ("AEIOU".indexOf(Character.toUpperCase(apiName.charAt(0))) < 0 ? "a " : "an ")
        + apiName + " operation; it takes " + (names.isEmpty() ? "none" : String.join(", ", names));
  }

  /** The names of {@link Dialect#fields()}, in its order. */
  public static List<String> fieldNames(Dialect api) {
    List<String> names = new ArrayList<>();
    api.fields().forEach(field -> names.add(field.name()));
    return names;
  }
}
