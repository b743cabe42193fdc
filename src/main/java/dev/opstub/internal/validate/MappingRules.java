package dev.opstub.internal.validate;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.api.Finding;
import dev.opstub.internal.api.Handler;
import dev.opstub.internal.api.IdClaim;
import dev.opstub.internal.api.OperationApi;
import dev.opstub.internal.api.Parameter;
import dev.opstub.internal.api.Role;
import dev.opstub.internal.api.StubParameters;
import dev.opstub.internal.api.UrlLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

  private final Apis apis;

  public MappingRules(Apis apis) {
    this.apis = apis;
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
      return new Inspection(findings, null, null, null);
    }
    Handler handler = apis.handler(transformer);
    OperationApi api = apis.apiOf(transformer);
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

  /** The pack's transformer this response names, or {@code null}; reports unknown and repeated names. */
  private String transformer(Map<?, ?> response, String pointer, List<Finding> findings) {
    if (!(response.get("transformers") instanceof List<?> names)) {
      return null;
    }
    List<String> ours = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!(names.get(i) instanceof String name) || !name.startsWith(PREFIX)) {
        continue;
      }
      if (apis.handler(name) == null) {
        findings.add(new Finding(pointer + "/" + i, "unknown OpStub transformer \"" + name + "\"; allowed: "
            + String.join(", ", parameters().keySet())));
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
}
