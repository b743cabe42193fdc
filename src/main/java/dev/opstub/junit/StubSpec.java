package dev.opstub.junit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPathPattern;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.api.OperationReader;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Handler;
import dev.opstub.spi.Route;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.StubPriority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One {@link OperationStub} checked and turned into WireMock stubs.
 *
 * @param api the API, from the registry
 * @param id the normalised operation id, or {@code null} for every operation of the API
 * @param name the stub's name, or {@code null}
 * @param parameters the stub's parameters (timeline, the API's own, retryAfter, expireAfter)
 * @param source where the annotation is, for error messages
 */
record StubSpec(Dialect api, String id, String name, Map<String, Object> parameters, String source) {
  /**
   * A stub for one id wins over a stub for every id, and both over the shipped mappings; see
   * {@link StubPriority} for the whole scheme.
   */
  private static final int ID_PRIORITY = StubPriority.TEST_ONE_OPERATION;
  private static final int EVERY_ID_PRIORITY = StubPriority.TEST_EVERY_OPERATION;

  /**
   * The key under which a method-level stub replaces a class-level one: the API, the id, and the
   * calls its routes answer (two every-id stubs of one API on different calls both stand).
   */
  String key() {
    StringBuilder key = new StringBuilder(api.name()).append(' ').append(id == null ? "(every id)" : id);
    for (Route route : routes()) {
      key.append(' ').append(route.method()).append(' ').append(route.urlPathPattern());
    }
    return key.toString();
  }

  /**
   * Checks an annotation: the API's name, the timeline against the API's statuses, the id's
   * format, the parameters against what the API takes.
   *
   * @throws ExtensionConfigurationException naming the annotation, where it is, and what is allowed
   */
  @SuppressWarnings("deprecation") // reads the deprecated attributes to keep them working
  static StubSpec of(OperationStub stub, String where) {
    if (!stub.spec().isEmpty() || !stub.operationId().isEmpty()) {
      return SpecStubs.of(stub, where);
    }
    String source = describe(stub) + " on " + where;
    Dialect api = api(stub, source);
    String id = stub.id().isBlank() ? null : normalisedId(api, stub, source);
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("timeline", stub.timeline());
    // The deprecated attributes each name the target parameter of one API; the API must take it.
    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("resourceLocation", stub.resourceLocation());
    targets.put("targetEntityId", stub.targetEntityId());
    for (Map.Entry<String, String> target : targets.entrySet()) {
      if (target.getValue().isEmpty()) {
        continue;
      }
      if (!OperationReader.fieldNames(api).contains(target.getKey())) {
        throw misuse(source, OperationReader.notAField(api, target.getKey()));
      }
      parameters.put(target.getKey(), target.getValue());
    }
    span(stub.retryAfter(), "retryAfter", "\"1s\" or \"200ms\"", parameters, source);
    span(stub.expireAfter(), "expireAfter", "\"10m\" or \"30s\"", parameters, source);
    with(api, stub.with(), parameters, source);
    // In the words the stub's parameters declare (statuses of its own), else the API's.
    try {
      TimelineParser.parse(stub.timeline(), api.statuses(parameters));
    } catch (IllegalArgumentException e) { // a TimelineException, or statuses that do not read
      throw misuse(source, e.getMessage());
    }
    StubSpec spec = new StubSpec(api, id, stub.name().isBlank() ? null : stub.name().trim(), Map.copyOf(parameters), source);
    spec.check();
    return spec;
  }

  @SuppressWarnings("deprecation")
  private static Dialect api(OperationStub stub, String source) {
    String byConstant = stub.api().apiName();
    String byName = stub.apiName().trim();
    if (byConstant != null && !byName.isEmpty() && !byConstant.equals(byName)) {
      throw misuse(source, "api = Api." + stub.api() + " and apiName = \"" + byName + "\" name different APIs; give apiName only");
    }
    String name = byConstant != null ? byConstant : byName;
    if (name.isEmpty()) {
      throw misuse(source, "names no API; give apiName, one of: " + Apis.builtIn().names());
    }
    try {
      return Registry.api(name);
    } catch (IllegalArgumentException e) {
      throw misuse(source, e.getMessage());
    }
  }

  static void span(String value, String name, String example, Map<String, Object> parameters, String source) {
    if (value.isEmpty()) {
      return;
    }
    if (TimelineParser.parseDuration(value) == null) {
      throw misuse(source, name + " must be a positive span such as " + example + "; was \"" + value + "\"");
    }
    parameters.put(name, value);
  }

  /** Adds the {@code with} entries, each {@code name=value} with a name the API takes. */
  private static void with(Dialect api, String[] entries, Map<String, Object> parameters, String source) {
    TreeSet<String> allowed = new TreeSet<>(api.routeParameters());
    for (Handler handler : api.handlers()) {
      handler.parameters().forEach(p -> allowed.add(p.name()));
    }
    allowed.remove("timeline"); // an attribute of its own
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      String name = equals < 0 ? entry.trim() : entry.substring(0, equals).trim();
      if (equals < 0 || name.isEmpty()) {
        throw misuse(source, "with entry \"" + entry + "\" is not name=value; allowed names: " + String.join(", ", allowed));
      }
      if (!allowed.contains(name)) {
        throw misuse(source, "with names \"" + name + "\", which a " + api.statuses().apiName()
            + " stub does not take; allowed: " + String.join(", ", allowed));
      }
      if (parameters.put(name, entry.substring(equals + 1)) != null) {
        throw misuse(source, "gives " + name + " twice");
      }
    }
  }

  private static String normalisedId(Dialect api, OperationStub stub, String source) {
    try {
      return Registry.normalise(api, stub.id());
    } catch (IllegalArgumentException e) {
      throw misuse(source, e.getMessage() + " (leave id empty for every operation)");
    }
  }

  /** Reads each route's parameters as its handler would, so a bad value fails here, not on a poll. */
  void check() {
    List<Route> routes = routes();
    if (routes.isEmpty()) {
      throw misuse(source, "the " + api.statuses().apiName() + " has no stub for "
          + (id == null ? "every operation" : "one operation") + " with these parameters");
    }
    Set<String> unused = new TreeSet<>(parameters.keySet());
    unused.removeAll(api.routeParameters());
    for (Route route : routes) {
      unused.removeAll(route.parameters());
      try {
        StubParameters.read(route.handler(), carried(route));
      } catch (StubParameters.Invalid e) {
        throw misuse(source, e.getMessage());
      }
    }
    if (!unused.isEmpty()) {
      throw misuse(source, String.join(", ", unused) + " is not taken by a " + api.statuses().apiName() + " stub for "
          + (id == null ? "every operation" : "one operation id") + "; it takes "
          + String.join(", ", routes.stream().flatMap(r -> r.parameters().stream()).distinct().sorted().toList()));
    }
  }

  private List<Route> routes() {
    return api.routes(id, parameters);
  }

  private Map<String, Object> carried(Route route) {
    Map<String, Object> carried = new LinkedHashMap<>();
    route.parameters().stream().filter(parameters::containsKey).forEach(name -> carried.put(name, parameters.get(name)));
    return carried;
  }

  /** The WireMock stubs that serve this spec: the routes its API asks for. */
  List<MappingBuilder> mappings() {
    List<MappingBuilder> mappings = new ArrayList<>();
    for (Route route : routes()) {
      UrlPathPattern path = urlPathMatching(route.urlPathPattern());
      MappingBuilder request = route.method() == null ? any(path) : request(route.method(), path);
      mappings.add(serve(request, route.handler().name(), carried(route)));
    }
    return mappings;
  }

  private MappingBuilder serve(MappingBuilder request, String transformer, Map<String, Object> transformerParameters) {
    return request.atPriority(id == null ? EVERY_ID_PRIORITY : ID_PRIORITY).withName("OpStub: " + source)
        .willReturn(aResponse().withStatus(200).withTransformers(transformer)
            .withTransformerParameters(transformerParameters));
  }

  static ExtensionConfigurationException misuse(String source, String problem) {
    return new ExtensionConfigurationException(source + ": " + problem);
  }

  @SuppressWarnings("deprecation")
  private static String describe(OperationStub stub) {
    StringBuilder out = new StringBuilder("@OperationStub(");
    out.append(stub.api() != Api.NAMED ? "api = " + stub.api() : "apiName = \"" + stub.apiName() + "\"");
    if (!stub.name().isEmpty()) {
      out.append(", name = \"").append(stub.name()).append('"');
    }
    if (!stub.id().isEmpty()) {
      out.append(", id = \"").append(stub.id()).append('"');
    }
    return out.append(", timeline = \"").append(stub.timeline()).append("\")").toString();
  }
}
