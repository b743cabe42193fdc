package dev.opstub.spi;

import dev.opstub.internal.timeline.TimelineException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stub's {@code transformerParameters} read into typed values, once, when the stub is added.
 *
 * <pre>{@code
 * StubParameters p = StubParameters.read(handler, Map.of("timeline", "running x2, succeeded"));
 * Timeline timeline = p.get(timelineParameter);   // parsed already
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
public final class StubParameters {
  private static final Pattern STEP_POSITION = Pattern.compile("step (\\d+)(?:, .*)?");
  /** No parameters at all. */
  public static final StubParameters NONE = new StubParameters(Map.of());

  private final Map<String, Object> values;

  private StubParameters(Map<String, Object> values) {
    this.values = values;
  }

  /** The typed value of {@code parameter}, or {@code null} when the stub does not give it. */
  @SuppressWarnings("unchecked")
  public <T> T get(Parameter<T> parameter) {
    return (T) values.get(parameter.name());
  }

  /** Whether the stub gives {@code parameter}. */
  public boolean has(Parameter<?> parameter) {
    return values.containsKey(parameter.name());
  }

  /**
   * Reads {@code raw} for {@code handler}.
   *
   * @throws Invalid listing every problem, with JSON pointers relative to {@code transformerParameters}
   */
  public static StubParameters read(Handler handler, Map<?, ?> raw) {
    List<Finding> findings = new ArrayList<>();
    StubParameters read = read(handler, raw, findings);
    if (!findings.isEmpty()) {
      throw new Invalid(findings);
    }
    return read;
  }

  /** Reads {@code raw}, adding what is wrong to {@code findings} (pointers relative to the parameters). */
  public static StubParameters read(Handler handler, Map<?, ?> raw, List<Finding> findings) {
    if (raw == null || raw.isEmpty()) {
      return NONE;
    }
    Map<String, Parameter<?>> declared = new HashMap<>();
    handler.parameters(raw).forEach(p -> declared.put(p.name(), p));
    Map<String, Object> values = new HashMap<>();
    for (Map.Entry<?, ?> entry : raw.entrySet()) {
      String key = String.valueOf(entry.getKey());
      String at = "/" + key.replace("~", "~0").replace("/", "~1");
      Parameter<?> parameter = declared.get(key);
      if (parameter == null) {
        findings.add(new Finding(at, "unknown parameter \"" + key + "\" for " + handler.name() + "; allowed: "
            + String.join(", ", new TreeSet<>(declared.keySet()))));
      } else if (entry.getValue() != null) { // null reads as "not given"
        try {
          values.put(key, parameter.read(entry.getValue()));
        } catch (TimelineException e) {
          Matcher step = STEP_POSITION.matcher(e.position());
          findings.add(new Finding(entry.getValue() instanceof List<?> && step.matches()
              ? at + "/" + (Integer.parseInt(step.group(1)) - 1) : at, e.getMessage()));
        } catch (IllegalArgumentException e) {
          findings.add(new Finding(at, e.getMessage()));
        }
      }
    }
    StubParameters read = new StubParameters(Map.copyOf(values));
    // The rules across parameters see only those that read: one broken parameter hides no other problem.
    findings.addAll(handler.check(read));
    return read;
  }

  /** Parameters a handler cannot serve. */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<Finding> findings;

    Invalid(List<Finding> findings) {
      super(findings.size() == 1 ? "transformerParameters" + findings.get(0)
          : "transformerParameters: " + findings.stream().map(f -> f.pointer() + ": " + f.message()).toList());
      this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
      return findings;
    }
  }
}
