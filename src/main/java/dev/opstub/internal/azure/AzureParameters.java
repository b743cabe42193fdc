package dev.opstub.internal.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opstub.spi.Finding;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
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

  /** Its schema says only the shape: with {@code statuses}, the timeline is written in the declared words. */
  static final Parameter<Timeline> TIMELINE = Parameter.timeline(AzureStatuses.INSTANCE).withSchema("""
      {"type": ["string", "array"], "examples": ["Running x2, Succeeded", "Running, Failed(InvalidRequest: Invalid request.)"],
       "description": "What an Azure LRO operation follows: the compact notation or its JSON form. Statuses: \
      NotStarted, Running, InProgress, Accepted, Creating, Updating, Deleting, Succeeded, Failed, Canceled (one l), in \
      any case; with statuses, the words it declares. The validator checks the grammar."}""");

  static final Parameter<AzurePattern> PATTERN = new Parameter<>("pattern", value -> {
    if (value instanceof String text) {
      return AzurePattern.of(text).orElseThrow(() -> new IllegalArgumentException(
          "pattern must be one of " + AzurePattern.names() + "; was \"" + text + "\""));
    }
    throw new IllegalArgumentException("pattern must be a string; was " + Parameter.describe(value)
        + "; allowed: " + AzurePattern.names());
  }).withSchema("""
      {"enum": ["operation-location", "azure-async-operation", "location", "provisioning-state"]}""")
      .describedAs("how the client follows the operation: the data-plane status monitor (Operation-Location, the "
          + "default) or ARM's Azure-AsyncOperation, Location or provisioningState");

  /** The result: any JSON object (or its text); kept as compact JSON text. */
  static final Parameter<String> RESULT = jsonObject("result",
      "a JSON object (or its text), e.g. {\"modelId\": \"my-model\"}")
      .describedAs("the result: an action's monitor serves it under resultProperty when it succeeded; ARM's "
          + "Location and the resource GET serve it as the body (ARM adds properties.provisioningState)");

  /** More properties of the {@code error} a failed step serves ({@code target}, {@code details}, {@code innererror}). */
  static final Parameter<String> ERROR = jsonObject("error",
      "a JSON object (or its text) of extra error properties, e.g. {\"innererror\": {\"code\": \"InvalidContent\"}}")
      .describedAs("more properties of the error a failed step serves: target, details, innererror");

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
  }).withSchema("""
      {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "not": {"enum": %s}}""".formatted(
          MONITOR_PROPERTIES.stream().sorted().map(p -> "\"" + p + "\"").toList()))
      .describedAs("the monitor property holding the result: result (default) or e.g. analyzeResult");

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
  }).withSchema("""
      {"enum": ["PascalCase", "camelCase", "pascalcase", "camelcase"]}""")
      .describedAs("PascalCase (Running, the guidelines; default) or camelCase (running, Document Intelligence)");

  /** What a {@code monitorPath} may be made of, for messages. */
  static final String MONITOR_PATH_ALLOWED = "a path from the server root with {id} (the operation's id) once, as "
      + "a segment, part of one or a query parameter's value, other {name}s bound by startPath, its segments made of "
      + "letters, digits and - . _ ~ ! $ & ' ( ) * + , = : @ (RFC 3986's path characters but for ';' and "
      + "percent-escapes), none empty, '.' or '..', e.g. \"/documentintelligence/operations/{id}\", "
      + "\"/certificates/{id}/pending\" or \"/operations?snapshot={id}\"";

  /** What a {@code startPath} may be made of, for messages. */
  static final String START_PATH_ALLOWED = "the start call's path from the server root, literal text and {name} "
      + "placeholders (letters, digits, '-' and '_'; each matches one or more characters other than '/'), no query, "
      + "e.g. \"/certificates/{certificate-name}/create\" or \"/documentintelligence/documentModels/{modelId}:analyze\"";

  /**
   * Where the monitor is: a path from the server root with {@code {id}} once (a segment, part of
   * one, or a query parameter's value) and other placeholders the {@code startPath} binds; the URL
   * handed out is absolute on the request's base. Read (and kept) as written.
   */
  static final Parameter<String> MONITOR_PATH = new Parameter<>("monitorPath", value -> {
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException("monitorPath must be a string; was " + Parameter.describe(value)
          + "; allowed: " + MONITOR_PATH_ALLOWED);
    }
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("monitorPath \"" + text + "\" is relative: azure-core resolves a relative "
          + "Operation-Location against the client's endpoint (Document Intelligence then asks for "
          + "/documentintelligence/documentintelligence/...) and ARM ignores a relative Azure-AsyncOperation or "
          + "Location; allowed: a path from the server root with {id}, e.g. \"/documentintelligence/operations/{id}\" "
          + "(OpStub serves it as an absolute URL on the request's own base URL)");
    }
    AzurePathTemplate.read("monitorPath", text);
    return text;
  }).withSchema("""
      {"type": "string",
       "pattern": "^/[^?#% ;]*\\\\{id\\\\}|^/[^?#% ;]*\\\\?(?:[A-Za-z0-9._~-]+=[^&]+&)*[A-Za-z0-9._~-]+=\\\\{id\\\\}"}""")
      .describedAs("where the status monitor is: a path from the server root with {id} (the operation's id) once, "
          + "as a segment, part of one or a query parameter's value (\"/operations?snapshot={id}\"); on a start "
          + "mapping every other {name} is bound by startPath (its value copied from the start call's path), on a "
          + "monitor mapping it matches any one segment's text; segments made of letters, digits and - . _ ~ ! $ & ' "
          + "( ) * + , = : @ (RFC 3986's path characters but for ';' and percent-escapes), none empty, '.' or '..'; "
          + "served as an absolute URL on the request's base URL, with the start call's api-version. The validator "
          + "checks the rest");

  /** The start call's path as a template: it binds the names {@code monitorPath} and {@code operationId} use. */
  static final Parameter<String> START_PATH = new Parameter<>("startPath", value -> {
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException("startPath must be a string; was " + Parameter.describe(value)
          + "; allowed: " + START_PATH_ALLOWED);
    }
    AzurePathTemplate.read("startPath", text);
    return text;
  }).withSchema("""
      {"type": "string", "pattern": "^/[^?#]*$"}""")
      .describedAs("the start call's path as a template: literal text and {name} placeholders (letters, digits, "
          + "'-', '_'), each matching one or more characters other than '/', e.g. "
          + "\"/certificates/{certificate-name}/create\"; it binds the names monitorPath and operationId use (the "
          + "mapping's request still matches)");

  /** {@code "{name}"}: the operation's id is the start path's {@code name} part (Key Vault: the certificate name). */
  static final Parameter<String> OPERATION_ID = new Parameter<>("operationId", value -> {
    if (value instanceof String text && text.matches("\\{[A-Za-z0-9_-]+}") && !text.equals("{id}")) {
      return text.substring(1, text.length() - 1);
    }
    throw new IllegalArgumentException("operationId must be one placeholder of startPath, e.g. \"{name}\" (the "
        + "operation's id is then that part of the start call's path); was " + Parameter.describe(value));
  }).withSchema("""
      {"type": "string", "pattern": "^\\\\{[A-Za-z0-9_-]+\\\\}$"}""")
      .describedAs("\"{name}\": the operation's id is that part of the start call's path (Key Vault: the "
          + "certificate name), checked against the Azure id format; by default the operation-id header, a new "
          + "uuid, or the resource's digest");

  /** A declared vocabulary: each status's spelling to its phase; the timeline is written in these words. */
  static final Parameter<AzureDeclaredStatuses> STATUSES = new Parameter<>("statuses", value -> {
    Object read = jsonOrItself(value);
    if (read instanceof Map<?, ?> declared) {
      return AzureDeclaredStatuses.read(declared);
    }
    throw new IllegalArgumentException("statuses must be a JSON object (or its text); was "
        + Parameter.describe(value) + "; allowed: " + AzureDeclaredStatuses.ALLOWED);
  }).withSchema("""
      {"type": ["object", "string"],
       "additionalProperties": {"type": "string", "description": "notStarted, running, succeeded, failed or \
      canceled, in any case"},
       "propertyNames": {"pattern": "^[A-Za-z]{1,64}$"}}""")
      .describedAs("a declared vocabulary (or its JSON text): each status's spelling to its phase (notStarted, "
          + "running, succeeded, failed, canceled), e.g. {\"inProgress\": \"running\", \"completed\": \"succeeded\"}; "
          + "the timeline is written in these words and each is served exactly as declared; at least one succeeded "
          + "status; not with statusCase");

  /** The HTTP status of the pattern's final success answer (ARM {@code Location} after success): 200 or 204. */
  static final Parameter<Integer> FINAL_STATUS = httpStatus("finalStatus", List.of(200, 204),
      "the HTTP status of ARM's Location once the operation succeeded")
      .describedAs("the HTTP status of ARM's Location once the operation succeeded (patterns azure-async-operation "
          + "and location): 200 or 204; by default 200 with a result, 204 without");

  /** The HTTP status of the start call's answer: 200, 201 or 202. */
  static final Parameter<Integer> START_STATUS = httpStatus("startStatus", List.of(200, 201, 202),
      "the HTTP status of the start call's answer")
      .describedAs("the HTTP status of the start call's answer: 200, 201 or 202; by default as the pattern and "
          + "method answer");

  private static Parameter<Integer> httpStatus(String name, List<Integer> allowed, String what) {
    return new Parameter<>(name, value -> {
      Integer status = value instanceof Integer number ? number
          : value instanceof String text && text.matches("\\d{3}") ? Integer.valueOf(text) : null;
      if (status == null || !allowed.contains(status)) {
        throw new IllegalArgumentException(name + " must be " + what + ", one of " + allowed + "; was "
            + Parameter.describe(value));
      }
      return status;
    }).withSchema("{\"type\": [\"integer\", \"string\"], \"enum\": "
        + java.util.stream.Stream.concat(allowed.stream().map(String::valueOf), allowed.stream().map(s -> "\"" + s + "\""))
            .toList() + "}");
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
  }).withSchema("""
      {"enum": ["Retry-After", "retry-after-ms", "x-ms-retry-after-ms"]}""")
      .describedAs("on the data plane, the header that also serves the wait in milliseconds: retry-after-ms "
          + "(default) or x-ms-retry-after-ms; Retry-After alone for whole seconds only");

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
  }).withSchema("""
      {"type": ["integer", "string"]}""")
      .describedAs("the HTTP status (400-599) a failed ARM Location answers; 400 by default");

  /**
   * {@code percentCompleted} (ARM: {@code percentComplete}) step by step: one number from 0 to 100
   * per step of the timeline, or {@code false} for none; by default 0, 50 and 100 (the data plane
   * with camelCase statuses only). A recording writes what the service showed.
   */
  static final Parameter<List<Integer>> PERCENT_COMPLETED = new Parameter<List<Integer>>("percentCompleted", value -> {
    Object read = jsonOrItself(value);
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
  }).withSchema("""
      {"oneOf": [{"type": "array", "minItems": 1, "items": {"type": "integer", "minimum": 0, "maximum": 100}},
                 {"const": false}, {"type": "string"}]}""")
      .describedAs("the monitor's percentCompleted (ARM: percentComplete) step by step: one whole number from 0 to "
          + "100 per step of the timeline, or false for none (or the JSON text of either); by default 0, 50 and 100, "
          + "on the data plane with camelCase statuses only");

  /** Azure's wait: whole seconds on the ARM patterns. */
  private static final Parameter<java.time.Duration> RETRY_AFTER = Parameter.RETRY_AFTER.describedAs("Retry-After "
      + "served while the operation is not terminal (1s by default; whole seconds for the ARM patterns)");
  private static final Parameter<java.time.Duration> EXPIRE_AFTER =
      Parameter.EXPIRE_AFTER.describedAs("the operation is not found this long after it finished");

  /** What a start mapping takes. */
  static final List<Parameter<?>> START = List.of(TIMELINE, PATTERN, RESULT, RESULT_PROPERTY, CAMEL_CASE, ERROR,
      MONITOR_PATH, FAILURE_STATUS, RETRY_AFTER_HEADER, RETRY_AFTER, EXPIRE_AFTER,
      PERCENT_COMPLETED, START_PATH, OPERATION_ID, STATUSES, FINAL_STATUS, START_STATUS);
  /** What a monitor mapping takes: a timeline makes the operation on its first poll (a fixed id in a test). */
  static final List<Parameter<?>> MONITOR = List.of(TIMELINE, PATTERN, RESULT, RESULT_PROPERTY, CAMEL_CASE, ERROR,
      RETRY_AFTER_HEADER, RETRY_AFTER, EXPIRE_AFTER, PERCENT_COMPLETED, MONITOR_PATH, STATUSES);

  /**
   * ARM honours only {@code Retry-After} in whole seconds: anything else makes its client wait 30 s.
   *
   * @return what is wrong, pointers relative to {@code transformerParameters}
   */
  static List<Finding> check(StubParameters parameters) {
    List<Finding> findings = new ArrayList<>(); // every problem, not the first: a user fixes them in one go
    AzureDeclaredStatuses declared = parameters.get(STATUSES);
    if (declared != null && parameters.has(CAMEL_CASE)) {
      findings.add(new Finding("/" + STATUSES.name(), "statuses and statusCase both say how statuses are spelled; "
          + "allowed: one of them (statuses serves each word exactly as declared)"));
    }
    if (declared != null && !parameters.has(TIMELINE) && declared.spelling(dev.opstub.spi.Phase.RUNNING)
        == null) {
      findings.add(new Finding("/" + STATUSES.name(), "statuses declares no running status, so the default timeline ("
          + AzureStart.DEFAULT_TIMELINE.notation() + ") cannot be served in its words; allowed: a timeline in the "
          + "declared words, e.g. \"" + declared.spelling(dev.opstub.spi.Phase.SUCCEEDED) + "\""));
    }
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

  /**
   * The rules of a start mapping's own parameters: every {@code {name}} of {@code monitorPath} and
   * {@code operationId} bound by {@code startPath}; a {@code finalStatus} only where the pattern
   * has a final answer (ARM's {@code Location}), and 204 only without a result.
   */
  static List<Finding> checkStart(StubParameters parameters) {
    List<Finding> findings = new ArrayList<>(check(parameters));
    String startText = parameters.get(START_PATH);
    List<String> bound = startText == null ? List.of() : AzurePathTemplate.read("startPath", startText).names();
    String monitorText = parameters.get(MONITOR_PATH);
    if (monitorText != null) {
      for (String name : AzurePathTemplate.read("monitorPath", monitorText).names()) {
        if (!name.equals(AzurePathTemplate.ID) && !bound.contains(name)) {
          findings.add(new Finding("/" + MONITOR_PATH.name(), "monitorPath \"" + monitorText + "\" names {" + name
              + "}, which " + (startText == null ? "no startPath binds" : "startPath \"" + startText + "\" does not name")
              + "; allowed: {id}, and names of startPath (their values are copied from the start call's path), e.g. "
              + "startPath \"/models/{" + name + "}:analyze\""));
        }
      }
    }
    String idName = parameters.get(OPERATION_ID);
    if (idName != null && !bound.contains(idName)) {
      findings.add(new Finding("/" + OPERATION_ID.name(), "operationId \"{" + idName + "}\" names a part of the start "
          + "path, but " + (startText == null ? "there is no startPath" : "startPath \"" + startText + "\" has no {"
          + idName + "}") + "; allowed: a placeholder of startPath, e.g. startPath \"/certificates/{" + idName
          + "}/create\""));
    }
    Integer finalStatus = parameters.get(FINAL_STATUS);
    AzurePattern pattern = parameters.get(PATTERN);
    if (finalStatus != null && (pattern == null || pattern == AzurePattern.OPERATION_LOCATION
        || pattern == AzurePattern.PROVISIONING_STATE)) {
      findings.add(new Finding("/" + FINAL_STATUS.name(), "finalStatus is the status of ARM's Location once the "
          + "operation succeeded, and the " + (pattern == null ? AzurePattern.OPERATION_LOCATION : pattern).notation
          + " pattern hands out no Location; allowed: leave it out, or pattern \""
          + AzurePattern.AZURE_ASYNC_OPERATION.notation + "\" or \"" + AzurePattern.LOCATION.notation + "\""));
    } else if (finalStatus != null && finalStatus == 204 && parameters.has(RESULT)) {
      findings.add(new Finding("/" + FINAL_STATUS.name(), "finalStatus 204 answers no body, so the result would never "
          + "be served; allowed: 200 with a result, or leave the result out"));
    }
    return findings;
  }

  /**
   * The parameters a mapping with these {@code raw} values takes: with {@code statuses}, its
   * timeline is written in the declared words (checked against them, not the guidelines'); with
   * a {@code statuses} that does not read (reported on its own), every word of the timeline
   * passes, as its statuses are unknown.
   */
  static List<Parameter<?>> declaring(List<Parameter<?>> parameters, Map<?, ?> raw) {
    Object declared = raw == null ? null : raw.get(STATUSES.name());
    if (declared == null) {
      return parameters;
    }
    dev.opstub.spi.StatusVocabulary vocabulary;
    try {
      vocabulary = STATUSES.read(declared);
    } catch (IllegalArgumentException unreadable) {
      vocabulary = AzureDeclaredStatuses.ANY;
    }
    Parameter<Timeline> timeline = Parameter.timeline(vocabulary);
    return parameters.stream().<Parameter<?>>map(p -> p.name().equals(TIMELINE.name()) ? timeline : p).toList();
  }

  /**
   * A value given as JSON text (an {@code @OperationStub}'s {@code with}) read as JSON; anything
   * else, or text that is not JSON, as it is (for the caller to refuse).
   */
  private static Object jsonOrItself(Object value) {
    if (value instanceof String text) {
      try {
        return AzureOperation.JSON.readValue(text, Object.class);
      } catch (JsonProcessingException e) {
        return text;
      }
    }
    return value;
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
    }).withSchema("{\"type\": [\"object\", \"string\"]}");
  }
}
