package dev.opstub.internal.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opstub.internal.api.Finding;
import dev.opstub.internal.api.Parameter;
import dev.opstub.internal.api.StubParameters;
import dev.opstub.internal.timeline.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code transformerParameters} of an Azure start mapping (and of {@code @OperationStub(apiName
 * = "azure", with = {...})}, whose values arrive as strings: every parameter that takes a JSON
 * object here also takes its JSON text).
 */
final class AzureParameters {
  private AzureParameters() {}

  static final Parameter<Timeline> TIMELINE = Parameter.timeline(AzureStatuses.INSTANCE);

  static final Parameter<AzurePattern> PATTERN = new Parameter<>("pattern", value -> {
    if (value instanceof String text) {
      return AzurePattern.of(text).orElseThrow(() -> new IllegalArgumentException(
          "pattern must be one of " + AzurePattern.names() + "; was \"" + text + "\""));
    }
    throw new IllegalArgumentException("pattern must be a string; was " + Parameter.describe(value)
        + "; allowed: " + AzurePattern.names());
  });

  /** The result: any JSON object (or its text); kept as compact JSON text. */
  static final Parameter<String> RESULT = jsonObject("result",
      "a JSON object (or its text), e.g. {\"modelId\": \"my-model\"}");

  /** More properties of the {@code error} a failed step serves ({@code target}, {@code details}, {@code innererror}). */
  static final Parameter<String> ERROR = jsonObject("error",
      "a JSON object (or its text) of extra error properties, e.g. {\"innererror\": {\"code\": \"InvalidContent\"}}");

  /** Monitor properties a result may not take the place of: without them azure-core cannot read the monitor. */
  private static final Set<String> MONITOR_PROPERTIES = Set.of("id", "status", "error", "createdDateTime",
      "lastUpdatedDateTime", "percentCompleted", "resourceLocation");

  static final Parameter<String> RESULT_PROPERTY = new Parameter<>("resultProperty", value -> {
    if (!(value instanceof String text) || !text.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("resultProperty must be a JSON property name such as \"result\" or "
          + "\"analyzeResult\"; was " + Parameter.describe(value));
    }
    if (MONITOR_PROPERTIES.contains(text)) {
      throw new IllegalArgumentException("resultProperty \"" + text + "\" would replace the monitor's own \""
          + text + "\" (a monitor without its status polls forever or fails with a NullPointerException in "
          + "azure-core); allowed: any other name, e.g. \"result\" or \"analyzeResult\"");
    }
    return text;
  });

  static final Parameter<Boolean> CAMEL_CASE = new Parameter<>("statusCase", value -> {
    if (value instanceof String text) {
      switch (text.toLowerCase(Locale.ROOT)) {
        case "pascalcase":
          return false;
        case "camelcase":
          return true;
        default:
          break;
      }
    }
    throw new IllegalArgumentException("statusCase must be \"PascalCase\" (Running, the guidelines) or "
        + "\"camelCase\" (running, Document Intelligence); was " + Parameter.describe(value));
  });

  /** What a {@code monitorPath} may be made of, for messages. */
  static final String MONITOR_PATH_ALLOWED = "a path from the server root ending in /{id}, its segments made of "
      + "letters, digits and - . _ ~ ! $ & ' ( ) * + , = : @ (RFC 3986's path characters but for ';' and "
      + "percent-escapes), none empty, '.' or '..', e.g. \"/documentintelligence/operations/{id}\"";

  /** Where the monitor is: an absolute path ending in {@code {id}}; the URL handed out is absolute on the request's base. */
  static final Parameter<String> MONITOR_PATH = new Parameter<>("monitorPath", value -> {
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException("monitorPath must be a string; was " + Parameter.describe(value)
          + "; allowed: a path from the server root ending in {id}, e.g. \"/documentintelligence/operations/{id}\"");
    }
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("monitorPath \"" + text + "\" is relative: azure-core resolves a relative "
          + "Operation-Location against the client's endpoint (Document Intelligence then asks for "
          + "/documentintelligence/documentintelligence/...) and ARM ignores a relative Azure-AsyncOperation or "
          + "Location; allowed: a path from the server root ending in {id}, e.g. \"/documentintelligence/operations/{id}\" "
          + "(OpStub serves it as an absolute URL on the request's own base URL)");
    }
    if (!text.endsWith("/{id}") || text.indexOf("{id}") != text.length() - 4 || text.contains("?")) {
      throw new IllegalArgumentException("monitorPath \"" + text + "\" must end in /{id} (once, no query); "
          + "allowed: " + MONITOR_PATH_ALLOWED);
    }
    String unpollable = unpollable(text.substring(0, text.length() - "{id}".length()));
    if (unpollable != null) {
      throw new IllegalArgumentException("monitorPath \"" + text + "\" " + unpollable + ", so a client could not "
          + "poll the URL handed out; allowed: " + MONITOR_PATH_ALLOWED);
    }
    return text;
  });

  /**
   * What makes a client unable to poll a monitor path (before its {@code {id}}), or {@code null}: a
   * character RFC 3986 does not allow unescaped in a path ({@code #} ends the path, a space breaks
   * the request line); ';' (servers read it as path parameters) and '%' (clients may unescape
   * it); empty, '.' and '..' segments (clients and servers collapse or resolve them).
   */
  private static String unpollable(String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      boolean pathCharacter = c < 128 && (Character.isLetterOrDigit(c) || "/-._~!$&'()*+,=:@".indexOf(c) >= 0);
      if (!pathCharacter) {
        return "has " + (c == ' ' ? "a space" : c < ' ' || c == 127 ? "a control character"
            : "'" + new String(Character.toChars(prefix.codePointAt(i))) + "'") + " at position " + (i + 1);
      }
    }
    String segments = prefix.length() > 1 ? prefix.substring(1, prefix.length() - 1) : null; // "/{id}": none
    for (String segment : segments == null ? new String[0] : segments.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "has " + (segment.isEmpty() ? "an empty segment (//)" : "a '" + segment + "' segment");
      }
    }
    return null;
  }

  /** Which header also serves the wait in milliseconds on the data plane (azure-core reads all three). */
  static final Parameter<String> RETRY_AFTER_HEADER = new Parameter<>("retryAfterHeader", value -> {
    if (value instanceof String text) {
      for (String allowed : List.of("Retry-After", "retry-after-ms", "x-ms-retry-after-ms")) {
        if (allowed.equalsIgnoreCase(text.trim())) {
          return allowed;
        }
      }
    }
    throw new IllegalArgumentException("retryAfterHeader must be \"Retry-After\" (whole seconds only), "
        + "\"retry-after-ms\" (the default: Retry-After and retry-after-ms) or \"x-ms-retry-after-ms\" (Retry-After "
        + "and x-ms-retry-after-ms); was " + Parameter.describe(value));
  });

  static final Parameter<Integer> FAILURE_STATUS = new Parameter<>("failureStatus", value -> {
    int status = -1;
    if (value instanceof Number number) {
      status = number.intValue();
    } else if (value instanceof String text && text.matches("\\d{3}")) {
      status = Integer.parseInt(text);
    }
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("failureStatus must be an HTTP error status from 400 to 599; was "
          + Parameter.describe(value));
    }
    return status;
  });

  /**
   * {@code percentCompleted} (ARM: {@code percentComplete}) step by step: one number from 0 to 100
   * per step of the timeline, or {@code false} for none; by default 0, 50 and 100 (the data plane
   * with camelCase statuses only). A recording writes what the service showed.
   */
  static final Parameter<List<Integer>> PERCENT_COMPLETED = new Parameter<>("percentCompleted", value -> {
    Object read = value;
    if (value instanceof String text) {
      try {
        read = AzureOperation.JSON.readValue(text, Object.class);
      } catch (JsonProcessingException e) {
        read = text; // refused below
      }
    }
    if (Boolean.FALSE.equals(read)) {
      return List.of();
    }
    if (read instanceof List<?> items && !items.isEmpty()) {
      List<Integer> percents = new java.util.ArrayList<>();
      for (Object item : items) {
        if (!(item instanceof Integer number) || number < 0 || number > 100) {
          percents = null;
          break;
        }
        percents.add(number);
      }
      if (percents != null) {
        return List.copyOf(percents);
      }
    }
    throw new IllegalArgumentException("percentCompleted must be an array of whole numbers from 0 to 100, one per "
        + "step of the timeline (e.g. [0, 40, 100] for \"NotStarted, Running, Succeeded\"), or false for none; was "
        + Parameter.describe(value));
  });

  /** What a start mapping takes. */
  static final List<Parameter<?>> START = List.of(TIMELINE, PATTERN, RESULT, RESULT_PROPERTY, CAMEL_CASE, ERROR,
      MONITOR_PATH, FAILURE_STATUS, RETRY_AFTER_HEADER, Parameter.RETRY_AFTER, Parameter.EXPIRE_AFTER,
      PERCENT_COMPLETED);
  /** What a monitor mapping takes: a timeline makes the operation on its first poll (a fixed id in a test). */
  static final List<Parameter<?>> MONITOR = List.of(TIMELINE, PATTERN, RESULT, RESULT_PROPERTY, CAMEL_CASE, ERROR,
      RETRY_AFTER_HEADER, Parameter.RETRY_AFTER, Parameter.EXPIRE_AFTER, PERCENT_COMPLETED);

  /**
   * ARM honours only {@code Retry-After} in whole seconds: anything else makes its client wait 30 s.
   *
   * @return what is wrong, pointers relative to {@code transformerParameters}
   */
  static List<Finding> check(StubParameters parameters) {
    List<Finding> findings = new ArrayList<>(); // every problem, not the first: a user fixes them in one go
    List<Integer> percents = parameters.get(PERCENT_COMPLETED);
    // Without a timeline that read (none given, or a broken one, reported on its own) the default one counts.
    String timelineWords = parameters.has(TIMELINE) ? "the timeline" : "the default timeline ("
        + AzureStart.DEFAULT_TIMELINE.notation() + ")";
    int steps = AzureStart.orDefault(parameters.get(TIMELINE), AzureStart.DEFAULT_TIMELINE).steps().size();
    if (percents != null && !percents.isEmpty() && percents.size() != steps) {
      findings.add(new Finding("/" + PERCENT_COMPLETED.name(), "percentCompleted has " + percents.size()
          + " number(s) and " + timelineWords + " " + steps + " step(s); allowed: one number per step, or false"));
    }
    AzurePattern pattern = parameters.get(AzureParameters.PATTERN);
    if (pattern == null || !pattern.arm) {
      return findings;
    }
    String millisHeader = parameters.get(RETRY_AFTER_HEADER);
    if (millisHeader != null && !millisHeader.equals("Retry-After")) {
      findings.add(new Finding("/" + RETRY_AFTER_HEADER.name(), "retryAfterHeader \"" + millisHeader
          + "\" is not served on the " + pattern.notation + " pattern: ARM's client reads only Retry-After in "
          + "integer seconds; allowed: leave it out, or \"Retry-After\""));
    }
    java.time.Duration retryAfter = parameters.get(Parameter.RETRY_AFTER);
    if (retryAfter != null && retryAfter.toMillis() % 1000 != 0) {
      findings.add(new Finding("/" + Parameter.RETRY_AFTER.name(), "retryAfter must be whole seconds for the "
          + pattern.notation + " pattern: ARM's client reads only Retry-After in integer seconds (and waits 30 s "
          + "when it cannot); was " + retryAfter.toMillis() + "ms; allowed: e.g. \"1s\""));
    }
    Timeline timeline = parameters.get(AzureParameters.TIMELINE);
    if (timeline != null) {
      for (int i = 0; i < timeline.steps().size(); i++) {
        var fault = timeline.steps().get(i).fault();
        if (fault != null && fault.retryAfter() != null && fault.retryAfter().toMillis() % 1000 != 0) {
          findings.add(new Finding("/" + AzureParameters.TIMELINE.name(), "step " + (i + 1) + ", "
              + fault.notation() + ": Retry-After must be whole seconds for the " + pattern.notation
              + " pattern (ARM's client reads only integer seconds); allowed: e.g. http(429, Retry-After=1)"));
        }
      }
    }
    return findings;
  }

  private static Parameter<String> jsonObject(String name, String allowed) {
    return new Parameter<>(name, value -> {
      if (value instanceof Map<?, ?> map) {
        return AzureOperation.JSON.valueToTree(map).toString();
      }
      if (value instanceof String text) {
        try {
          JsonNode node = AzureOperation.JSON.readTree(text);
          if (node != null && node.isObject()) {
            return node.toString();
          }
        } catch (JsonProcessingException e) {
          // refused below
        }
      }
      throw new IllegalArgumentException(name + " must be " + allowed + "; was " + Parameter.describe(value));
    });
  }
}
