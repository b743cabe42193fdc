package dev.opstub.internal.validate;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.http.UrlLiterals;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Finding;
import dev.opstub.spi.Handler;
import dev.opstub.spi.IdClaim;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Role;
import dev.opstub.spi.StubParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The rules for the OpStub part of one WireMock stub mapping, read as plain Java values (maps,
 * lists, strings, numbers: what Jackson reads a mapping file into): the pack's transformer names,
 * their {@code transformerParameters} (each handler's declared {@link Parameter}s, the same rules
 * the transformer reads them with) and the operation id a literal request URL names.
 *
 * <p>Shared by the offline {@link MappingValidator} and by the server-side check that rejects a
 * stub when WireMock loads it ({@code dev.opstub.internal.wiremock.MappingCheck}).
 *
 * <pre>{@code
 * Map<String, Object> mapping = new ObjectMapper().readValue(json, Map.class);
 * for (Finding f : new MappingRules(Apis.builtIn()).check(mapping)) {
 *   System.out.println(f);
 *   // /response/transformerParameters/timeline: bad timeline "running x0" at column 10: ...
 * }
 * }</pre>
 */
public final class MappingRules {
  private static final String PREFIX = "opstub-";
  /** The transformers WireMock itself ships (3.x): a name close to one of these is a typo too. */
  private static final List<String> WIREMOCK_TRANSFORMERS = List.of("response-template");

  private final Apis apis;
  private final Supplier<OtherTransformers> others;

  /** The rules of {@code apis}' mappings, as the offline validator applies them. */
  public MappingRules(Apis apis) {
    this(apis, () -> OtherTransformers.NONE);
  }

  /**
   * The same rules on a running server whose other transformers {@code others} tells (read at each
   * check): one of them is never taken for a misspelling of one of the pack's, and parameters a
   * global one reads are not dead.
   */
  public MappingRules(Apis apis, Supplier<OtherTransformers> others) {
    this.apis = apis;
    this.others = others;
  }

  /** The {@code transformerParameters} each transformer of the pack reads, by transformer name. */
  public Map<String, Set<String>> parameters() {
    Map<String, Set<String>> out = new TreeMap<>();
    apis.handlers().forEach((name, handler) -> out.put(name,
        handler.parameters().stream().map(Parameter::name).collect(Collectors.toCollection(TreeSet::new))));
    return out;
  }

  /**
   * Checks one stub mapping (not a {@code {"mappings": [...]}} collection).
   *
   * @param mapping the mapping as maps, lists and scalars
   * @return what is wrong, in the order found; empty when the OpStub part is sound
   */
  public List<Finding> check(Map<?, ?> mapping) {
    return inspect(mapping, "").findings();
  }

  /** What one mapping says: its findings and the operation id it claims, if any. */
  record Inspection(List<Finding> findings, String api, String claimedId, String claimPointer) {}

  /** Checks one mapping whose pointers start with {@code prefix} (e.g. {@code /mappings/2}). */
  Inspection inspect(Map<?, ?> mapping, String prefix) {
    List<Finding> findings = new ArrayList<>();
    Object response = mapping.get("response");
    if (!(response instanceof Map<?, ?> responseMap)) {
      return new Inspection(findings, null, null, null);
    }
    String transformer = transformer(responseMap, prefix + "/response/transformers", findings);
    if (transformer == null) {
      if (findings.isEmpty()) { // a misspelt name's finding says it already
        orphanParameters(responseMap, prefix + "/response/transformerParameters", findings);
      }
      return new Inspection(findings, null, null, null);
    }
    Handler handler = apis.handler(transformer);
    Dialect api = apis.apiOf(transformer);
    Object parameters = responseMap.get("transformerParameters");
    String parametersPointer = prefix + "/response/transformerParameters";
    if (parameters != null && !(parameters instanceof Map)) {
      findings.add(new Finding(parametersPointer, "transformerParameters must be an object; was "
          + Parameter.describe(parameters) + "; allowed: an object with "
          + String.join(", ", parameters().get(transformer))));
    } else if (parameters != null) {
      List<Finding> found = new ArrayList<>();
      StubParameters.read(handler, (Map<?, ?>) parameters, found);
      found.forEach(f -> findings.add(f.under(parametersPointer)));
    }
    String claimed = null;
    String claimPointer = null;
    if (handler.role() == Role.POLL && mapping.get("request") instanceof Map<?, ?> requestMap) {
      for (String field : UrlLiterals.URL_FIELDS) {
        if (!(requestMap.get(field) instanceof String url)) {
          continue;
        }
        String pointer = prefix + "/request/" + field;
        Optional<IdClaim> claim = api.claimedId(field, url);
        if (claim.isPresent() && claim.get().id() == null) {
          findings.add(new Finding(pointer, "operation id \"" + claim.get().written() + "\" is not a "
              + api.statuses().apiName() + " operation id; allowed: " + api.idFormat()));
        } else if (claim.isPresent()) {
          claimed = claim.get().id();
          claimPointer = pointer;
        }
      }
    }
    return new Inspection(findings, api.name(), claimed, claimPointer);
  }

  /** The pack's transformer this response names, or {@code null}; reports unknown, misspelt and repeated names. */
  private String transformer(Map<?, ?> response, String pointer, List<Finding> findings) {
    if (!(response.get("transformers") instanceof List<?> names)) {
      return null;
    }
    List<String> ours = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!(names.get(i) instanceof String name) || WIREMOCK_TRANSFORMERS.contains(name)) {
        continue;
      }
      if (apis.handler(name) != null) {
        ours.add(name);
      } else if (others.get().names().contains(name)) {
        continue; // another extension of this server, however close its name
      } else if (name.startsWith(PREFIX)) {
        findings.add(new Finding(pointer + "/" + i, "unknown OpStub transformer \"" + name + "\"" + didYouMean(name)
            + "; allowed: " + String.join(", ", parameters().keySet())));
      } else if (closeToOneOfOurs(name) || nearest(name, WIREMOCK_TRANSFORMERS, false) != null) {
        // Not an error for WireMock, which skips a transformer it does not know: the stub would answer
        // 200 with an empty body. A name this close is a typo, not another extension's transformer.
        findings.add(new Finding(pointer + "/" + i, "transformer \"" + name + "\"" + didYouMean(name)
            + " is neither WireMock's nor OpStub's, so nothing would answer this stub (WireMock skips a name it does "
            + "not know)"
            + "; allowed: " + String.join(", ", parameters().keySet()) + ", " + String.join(", ", WIREMOCK_TRANSFORMERS)
            + " or another extension's transformer"));
      }
    }
    if (ours.size() > 1) {
      findings.add(new Finding(pointer, "names " + ours.size() + " OpStub transformers " + ours
          + "; allowed: one OpStub transformer per mapping"));
    }
    return ours.isEmpty() ? null : ours.get(0);
  }

  /**
   * Reports {@code transformerParameters} that only an OpStub transformer reads (e.g. {@code
   * timeline}) on a stub that names no transformer at all, or only misspelt ones: they would be
   * read by nothing. With another transformer named (WireMock's {@code response-template} reads
   * parameters too) they may be that transformer's, and are left alone.
   */
  private void orphanParameters(Map<?, ?> response, String pointer, List<Finding> findings) {
    if (!(response.get("transformerParameters") instanceof Map<?, ?> given) || given.isEmpty()
        || others.get().readEveryStub()) {
      return;
    }
    List<?> names = response.get("transformers") instanceof List<?> list ? list : List.of();
    boolean anotherReader = names.stream().anyMatch(n -> !(n instanceof String name) || WIREMOCK_TRANSFORMERS.contains(name)
        || others.get().names().contains(name)
        || !name.startsWith(PREFIX) && !closeToOneOfOurs(name) && nearest(name, WIREMOCK_TRANSFORMERS, false) == null);
    if (anotherReader) {
      return;
    }
    Map<String, Set<String>> readers = new TreeMap<>();
    parameters().forEach((transformer, keys) -> keys.forEach(key -> readers.computeIfAbsent(key, k -> new TreeSet<>())
        .add(transformer)));
    for (Object key : given.keySet()) {
      Set<String> transformers = readers.get(String.valueOf(key));
      if (transformers != null) {
        findings.add(new Finding(pointer + "/" + key, "\"" + key + "\" is an OpStub parameter, but the mapping names no "
            + "OpStub transformer, so nothing reads it; allowed: add one of " + String.join(", ", transformers)
            + " to \"transformers\" (e.g. \"transformers\": [\"" + transformers.iterator().next() + "\"])"));
        return; // one line is enough: the fix is the same for every key
      }
    }
  }

  /**
   * A name a few edits from one of the pack's transformer names, case, punctuation and the {@code
   * opstub} prefix set aside. Not every name saying "opstub": the pack has other extensions (the
   * recording's {@code opstub.recording-urls}).
   */
  private boolean closeToOneOfOurs(String name) {
    return nearest(name, apis.handlers().keySet(), true) != null;
  }

  /** {@code  (did you mean "opstub-face-operation"?)}, or nothing when no name is close. */
  private String didYouMean(String name) {
    String ours = nearest(name, apis.handlers().keySet(), true);
    String theirs = ours != null ? ours : nearest(name, WIREMOCK_TRANSFORMERS, false);
    return theirs == null ? "" : " (did you mean \"" + theirs + "\"?)";
  }

  /**
   * The known name closest to {@code name} once case, punctuation and (for ours) the {@code opstub}
   * prefix are set aside, or {@code null} when none is within a few edits.
   */
  private static String nearest(String name, Iterable<String> known, boolean prefixed) {
    String given = bare(name, prefixed);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      String target = bare(candidate, prefixed);
      int distance = distance(given, target);
      if (distance <= Math.max(1, target.length() / 5) && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static String bare(String name, boolean prefixed) {
    String normal = normal(name);
    return prefixed && normal.startsWith("opstub") ? normal.substring("opstub".length()) : normal;
  }

  private static String normal(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
