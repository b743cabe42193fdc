package dev.opstub.validate;

import dev.opstub.face.FaceSnapshots;
import dev.opstub.face.FaceStatuses;
import dev.opstub.media.MediaStatuses;
import dev.opstub.timeline.StatusVocabulary;
import dev.opstub.timeline.TimelineException;
import dev.opstub.timeline.TimelineParser;
import dev.opstub.wiremock.OpStubExtensions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for the OpStub part of one WireMock stub mapping, read as plain Java values (maps,
 * lists, strings, numbers: what Jackson reads a mapping file into): the pack's transformer names,
 * their {@code transformerParameters}, the timeline (checked by {@link TimelineParser} against the
 * transformer's API) and the operation id a literal request URL names.
 *
 * <p>Shared by the offline {@link MappingValidator} and by the server-side check that rejects a
 * stub when WireMock loads it ({@code dev.opstub.wiremock.MappingCheck}).
 *
 * <pre>{@code
 * Map<String, Object> mapping = new ObjectMapper().readValue(json, Map.class);
 * for (MappingRules.Finding f : MappingRules.check(mapping)) {
 *   System.out.println(f.pointer() + ": " + f.message());
 *   // /response/transformerParameters/timeline: bad timeline "running x0" at column 10: ...
 * }
 * }</pre>
 */
public final class MappingRules {
  // Compile-time constants: javac copies them here, so this class never loads WireMock.
  private static final String FACE_OPERATION = OpStubExtensions.FACE_OPERATION;
  private static final String FACE_SNAPSHOTS = OpStubExtensions.FACE_SNAPSHOTS;
  private static final String MEDIA_OPERATION = OpStubExtensions.MEDIA_OPERATION;
  private static final String MEDIA_ACTION = OpStubExtensions.MEDIA_ACTION;

  /**
   * The {@code transformerParameters} each transformer of the pack reads (a test keeps this in
   * step with the transformers themselves).
   */
  public static final Map<String, Set<String>> PARAMETERS = Map.of(
      FACE_OPERATION, Set.of("timeline", "resourceLocation", "retryAfter", "expireAfter"),
      FACE_SNAPSHOTS, Set.of("timeline", "refuse"),
      MEDIA_OPERATION, Set.of("timeline", "targetEntityId", "retryAfter", "expireAfter"),
      MEDIA_ACTION, Set.of("timeline", "expireAfter"));

  private static final String PREFIX = "opstub-";
  private static final Set<String> SPANS = Set.of("retryAfter", "expireAfter");
  private static final Set<String> STRINGS = Set.of("resourceLocation", "targetEntityId");
  private static final Pattern STEP_POSITION = Pattern.compile("step (\\d+)(?:, .*)?");

  private MappingRules() {}

  /**
   * One thing wrong with a mapping.
   *
   * @param pointer where, as a JSON pointer into the mapping ({@code /response/transformers/0})
   * @param message what is wrong and what is allowed
   */
  public record Finding(String pointer, String message) {
    @Override
    public String toString() {
      return pointer + ": " + message;
    }
  }

  /** The API a transformer of the pack serves: "face" or "media"; {@code null} for other names. */
  public static String apiOf(String transformer) {
    return transformer == null ? null : transformer.startsWith("opstub-face-") && PARAMETERS.containsKey(transformer)
        ? "face" : transformer.startsWith("opstub-media-") && PARAMETERS.containsKey(transformer) ? "media" : null;
  }

  /**
   * Checks one stub mapping (not a {@code {"mappings": [...]}} collection).
   *
   * @param mapping the mapping as maps, lists and scalars
   * @return what is wrong, in the order found; empty when the OpStub part is sound
   */
  public static List<Finding> check(Map<?, ?> mapping) {
    return inspect(mapping, "").findings();
  }

  /** What one mapping says: its findings and the operation id it claims, if any. */
  record Inspection(List<Finding> findings, String api, String claimedId, String claimPointer) {}

  /** Checks one mapping whose pointers start with {@code prefix} (e.g. {@code /mappings/2}). */
  static Inspection inspect(Map<?, ?> mapping, String prefix) {
    List<Finding> findings = new ArrayList<>();
    Object response = mapping.get("response");
    if (!(response instanceof Map<?, ?> responseMap)) {
      return new Inspection(findings, null, null, null);
    }
    String transformer = transformer(responseMap, prefix + "/response/transformers", findings);
    if (transformer == null) {
      return new Inspection(findings, null, null, null);
    }
    Object parameters = responseMap.get("transformerParameters");
    String parametersPointer = prefix + "/response/transformerParameters";
    if (parameters != null && !(parameters instanceof Map)) {
      findings.add(new Finding(parametersPointer, "transformerParameters must be an object; was "
          + describe(parameters) + "; allowed: an object with " + String.join(", ", sorted(PARAMETERS.get(transformer)))));
    } else if (parameters != null) {
      checkParameters(transformer, (Map<?, ?>) parameters, parametersPointer, findings);
    }
    String api = apiOf(transformer);
    String claimed = null;
    String claimPointer = null;
    if (transformer.equals(FACE_OPERATION) || transformer.equals(MEDIA_OPERATION)) {
      Object request = mapping.get("request");
      if (request instanceof Map<?, ?> requestMap) {
        for (String field : ClaimedIds.URL_FIELDS) {
          if (!(requestMap.get(field) instanceof String url)) {
            continue;
          }
          String pointer = prefix + "/request/" + field;
          Optional<ClaimedIds.Claim> claim = api.equals("face") ? ClaimedIds.face(field, url) : ClaimedIds.media(field, url);
          if (claim.isPresent() && claim.get().id() == null) {
            findings.add(new Finding(pointer, api.equals("face")
                ? "operation id \"" + claim.get().written() + "\" is not a uuid; allowed: a Face operation id "
                    + "is a uuid such as a63a3bdd-a1db-4d05-87b8-dbad6850062a"
                : "operation id \"" + claim.get().written() + "\" is not a Media Services operation id; allowed: "
                    + "nb:opid:UUID:<guid>, e.g. nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b"));
          } else if (claim.isPresent()) {
            claimed = claim.get().id();
            claimPointer = pointer;
          }
        }
      }
    }
    return new Inspection(findings, api, claimed, claimPointer);
  }

  /** The pack's transformer this response names, or {@code null}; reports unknown and repeated names. */
  private static String transformer(Map<?, ?> response, String pointer, List<Finding> findings) {
    if (!(response.get("transformers") instanceof List<?> names)) {
      return null;
    }
    List<String> ours = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!(names.get(i) instanceof String name) || !name.startsWith(PREFIX)) {
        continue;
      }
      if (!PARAMETERS.containsKey(name)) {
        findings.add(new Finding(pointer + "/" + i, "unknown OpStub transformer \"" + name + "\"; allowed: "
            + String.join(", ", sorted(PARAMETERS.keySet()))));
      } else {
        ours.add(name);
      }
    }
    if (ours.size() > 1) {
      findings.add(new Finding(pointer, "names " + ours.size() + " OpStub transformers " + ours
          + "; allowed: one OpStub transformer per mapping"));
    }
    return ours.isEmpty() ? null : ours.get(0);
  }

  private static void checkParameters(String transformer, Map<?, ?> parameters, String pointer, List<Finding> findings) {
    Set<String> allowed = PARAMETERS.get(transformer);
    StatusVocabulary vocabulary = apiOf(transformer).equals("face") ? FaceStatuses.INSTANCE : MediaStatuses.INSTANCE;
    for (Map.Entry<?, ?> entry : parameters.entrySet()) {
      String key = String.valueOf(entry.getKey());
      Object value = entry.getValue();
      String at = pointer + "/" + escape(key);
      if (allowed.contains(key) && value == null) {
        continue; // the transformers read null as "not given"
      }
      if (!allowed.contains(key)) {
        findings.add(new Finding(at, "unknown parameter \"" + key + "\" for " + transformer + "; allowed: "
            + String.join(", ", sorted(allowed))));
      } else if (key.equals("timeline")) {
        checkTimeline(value, vocabulary, at, findings);
      } else if (SPANS.contains(key)) {
        if (!(value instanceof String text) || TimelineParser.parseDuration(text) == null) {
          findings.add(new Finding(at, key + " must be a positive span; was " + describe(value)
              + "; allowed: a string with a whole number and a unit (ms, s or m), e.g. \"2s\" or \"1500ms\""));
        }
      } else if (STRINGS.contains(key)) {
        if (!(value instanceof String)) {
          findings.add(new Finding(at, key + " must be a string; was " + describe(value) + "; allowed: "
              + (key.equals("resourceLocation") ? "a path such as \"/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc\""
                  : "an entity id such as \"nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833\"")));
        }
      } else if (key.equals("refuse") && !isRefusal(value)) {
        findings.add(new Finding(at, "refuse must be 409 or 429; was " + describe(value)
            + "; allowed: 409 (ConcurrentOperationConflict) or 429 (rate limit), as a number or a string"));
      }
    }
  }

  private static void checkTimeline(Object value, StatusVocabulary vocabulary, String at, List<Finding> findings) {
    try {
      TimelineParser.parseAny(value, vocabulary);
    } catch (TimelineException e) {
      String pointer = at;
      Matcher step = STEP_POSITION.matcher(e.position());
      if (value instanceof List<?> && step.matches()) {
        pointer = at + "/" + (Integer.parseInt(step.group(1)) - 1);
      }
      findings.add(new Finding(pointer, e.getMessage()));
    }
  }

  /** As the snapshot transformer reads {@code refuse}: 409 or 429, as a number or a string. */
  private static boolean isRefusal(Object value) {
    if (!(value instanceof Number) && !(value instanceof String)) {
      return false;
    }
    try {
      double number = Double.parseDouble(String.valueOf(value).trim());
      return number == Math.rint(number) && FaceSnapshots.Refusal.ofStatus((int) number).isPresent();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A value as a message shows it: strings quoted, others as JSON would write them. */
  static String describe(Object value) {
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

  /** A key as a JSON pointer segment ({@code ~} and {@code /} escaped). */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static List<String> sorted(Set<String> names) {
    return List.copyOf(new TreeSet<>(names));
  }
}
