package dev.opstub.junit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPathPattern;
import dev.opstub.internal.api.Route;
import dev.opstub.internal.timeline.TimelineException;
import dev.opstub.internal.timeline.TimelineParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One {@link OperationStub} checked and turned into WireMock stubs.
 *
 * @param api the API
 * @param id the normalised operation id, or {@code null} for every operation of the API
 * @param parameters the transformer parameters (timeline, resourceLocation, targetEntityId, retryAfter)
 * @param source where the annotation is, for error messages
 */
record StubSpec(Api api, String id, Map<String, Object> parameters, String source) {
  /**
   * A stub for one id wins over a stub for every id, which wins over the shipped well-known
   * operation ids (priority 3 for Face, 4 for Media) and catch-alls (5).
   */
  private static final int ID_PRIORITY = 1;
  private static final int EVERY_ID_PRIORITY = 2;

  /** The key under which a method-level stub replaces a class-level one. */
  String key() {
    return api + " " + (id == null ? "(every id)" : id);
  }

  /**
   * Checks an annotation: the timeline against the API's statuses, the id's format, the extras
   * that belong to the API.
   *
   * @throws ExtensionConfigurationException naming the annotation, where it is, and what is allowed
   */
  static StubSpec of(OperationStub stub, String where) {
    String source = describe(stub) + " on " + where;
    try {
      TimelineParser.parse(stub.timeline(), stub.api().operations().statuses());
    } catch (TimelineException e) {
      throw misuse(source, e.getMessage());
    }
    String id = stub.id().isBlank() ? null : normalisedId(stub, source);
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("timeline", stub.timeline());
    // Each attribute names the target parameter of one API; the annotation's API must take it.
    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("resourceLocation", stub.resourceLocation());
    targets.put("targetEntityId", stub.targetEntityId());
    String takes = stub.api().operations().targetParameter();
    for (Map.Entry<String, String> target : targets.entrySet()) {
      if (target.getValue().isEmpty()) {
        continue;
      }
      if (!target.getKey().equals(takes)) {
        throw misuse(source, target.getKey() + " is not a field of a " + stub.api().operations().statuses().apiName()
            + " operation; it takes " + takes);
      }
      parameters.put(takes, target.getValue());
    }
    if (!stub.retryAfter().isEmpty()) {
      if (TimelineParser.parseDuration(stub.retryAfter()) == null) {
        throw misuse(source, "retryAfter must be a positive span such as \"1s\" or \"200ms\"; was \""
            + stub.retryAfter() + "\"");
      }
      parameters.put("retryAfter", stub.retryAfter());
    }
    if (!stub.expireAfter().isEmpty()) {
      if (TimelineParser.parseDuration(stub.expireAfter()) == null) {
        throw misuse(source, "expireAfter must be a positive span such as \"10m\" or \"30s\"; was \""
            + stub.expireAfter() + "\"");
      }
      parameters.put("expireAfter", stub.expireAfter());
    }
    return new StubSpec(stub.api(), id, Map.copyOf(parameters), source);
  }

  private static String normalisedId(OperationStub stub, String source) {
    try {
      return stub.api().normalise(stub.id());
    } catch (IllegalArgumentException e) {
      throw misuse(source, e.getMessage() + " (leave id empty for every operation)");
    }
  }

  /** The WireMock stubs that serve this spec: the routes its API asks for. */
  List<MappingBuilder> mappings() {
    List<MappingBuilder> mappings = new ArrayList<>();
    for (Route route : api.operations().routes(id)) {
      Map<String, Object> carried = new LinkedHashMap<>();
      route.parameters().stream().filter(parameters::containsKey).forEach(name -> carried.put(name, parameters.get(name)));
      UrlPathPattern path = urlPathMatching(route.urlPathPattern());
      MappingBuilder request = route.method() == null ? any(path) : request(route.method(), path);
      mappings.add(serve(request, route.handler().name(), carried));
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

  private static String describe(OperationStub stub) {
    StringBuilder out = new StringBuilder("@OperationStub(api = ").append(stub.api());
    if (!stub.id().isEmpty()) {
      out.append(", id = \"").append(stub.id()).append('"');
    }
    return out.append(", timeline = \"").append(stub.timeline()).append("\")").toString();
  }
}
