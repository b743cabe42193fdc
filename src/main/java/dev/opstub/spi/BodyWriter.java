package dev.opstub.spi;

import java.util.Map;

/**
 * Writes one of the pack's default body templates directly, byte for byte what Handlebars renders
 * from the shipped template file, without a template engine (a poll's body is most of its cost
 * otherwise). Used only while the template in use is the shipped file, unchanged.
 *
 * <pre>{@code
 * BodyWriter status = operation -> "{\"status\":\"" + operation.get("status") + "\"}";
 * status.write(Map.of("status", "running")); // {"status":"running"}
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
@FunctionalInterface
public interface BodyWriter {
  /** @param operation the values the template reads under {@code operation} */
  String write(Map<String, Object> operation);
}
