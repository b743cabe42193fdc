package dev.opstub.junit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.opstub.media.MediaIds;
import dev.opstub.timeline.TimelineException;
import dev.opstub.timeline.TimelineParser;
import dev.opstub.wiremock.OpStubExtensions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
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
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /**
   * A stub for one id wins over a stub for every id, which wins over the shipped well-known ids
   * (priority 3) and catch-alls (5).
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
      TimelineParser.parse(stub.timeline(), stub.api().statuses());
    } catch (TimelineException e) {
      throw misuse(source, e.getMessage());
    }
    String id = stub.id().isBlank() ? null : normalisedId(stub, source);
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("timeline", stub.timeline());
    if (!stub.resourceLocation().isEmpty()) {
      if (stub.api() != Api.FACE) {
        throw misuse(source, "resourceLocation is a Face API field; for Media Services use targetEntityId");
      }
      parameters.put("resourceLocation", stub.resourceLocation());
    }
    if (!stub.targetEntityId().isEmpty()) {
      if (stub.api() != Api.MEDIA) {
        throw misuse(source, "targetEntityId is a Media Services field; for the Face API use resourceLocation");
      }
      parameters.put("targetEntityId", stub.targetEntityId());
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
    String id = stub.id().trim();
    if (stub.api() == Api.FACE) {
      if (!UUID.matcher(id).matches()) {
        throw misuse(source, "a Face operation id is a uuid such as a63a3bdd-a1db-4d05-87b8-dbad6850062a; was \""
            + id + "\" (leave id empty for every operation)");
      }
      return id.toLowerCase(Locale.ROOT);
    }
    return MediaIds.operationId(id).orElseThrow(() -> misuse(source,
        "a Media Services operation id is nb:opid:UUID:<guid>; was \"" + id + "\" (leave id empty for every operation)"));
  }

  /** The WireMock stubs that serve this spec. */
  List<MappingBuilder> mappings() {
    List<MappingBuilder> mappings = new ArrayList<>();
    if (api == Api.FACE) {
      String idPattern = id == null ? "[^/]+" : "(?i)" + Pattern.quote(id);
      mappings.add(serve(get(urlPathMatching("/face/v1\\.0(-preview)?/operations/" + idPattern)),
          OpStubExtensions.FACE_OPERATION, parameters));
      if (id == null) {
        // Operations the client starts (take, apply) follow the timeline too.
        mappings.add(serve(any(urlPathMatching("/face/v1\\.0(-preview)?/snapshots(/.*)?")),
            OpStubExtensions.FACE_SNAPSHOTS, Map.of("timeline", parameters.get("timeline"))));
      }
    } else {
      String idPattern = id == null ? ".*"
          : "(\\(|%28)('|%27)nb(:|%3A)opid(:|%3A)UUID(:|%3A)(?i)" + Pattern.quote(MediaIds.guid(id)) + "('|%27)(\\)|%29)";
      mappings.add(serve(get(urlPathMatching("(/.*)?/api/Operations" + idPattern)),
          OpStubExtensions.MEDIA_OPERATION, parameters));
      if (id == null) {
        // Operations the client starts follow the timeline too.
        Map<String, Object> actionParameters = new LinkedHashMap<>();
        actionParameters.put("timeline", parameters.get("timeline"));
        if (parameters.containsKey("expireAfter")) {
          actionParameters.put("expireAfter", parameters.get("expireAfter"));
        }
        mappings.add(serve(any(urlPathMatching("(/.*)?/api/(StreamingEndpoints|Channels|Programs|Origins)(\\(|%28).*")),
            OpStubExtensions.MEDIA_ACTION, actionParameters));
      }
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
