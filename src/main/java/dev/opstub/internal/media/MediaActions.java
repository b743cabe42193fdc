package dev.opstub.internal.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.internal.conformance.Credentials;
import dev.opstub.internal.http.Ids;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Handler;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Media Services actions that start an asynchronous operation and answer {@code 202 Accepted}
 * with its id in the {@code operation-id} header.
 *
 * <table>
 *   <caption>Served actions</caption>
 *   <tr><th>entity set</th><th>id prefix</th><th>POST {@code Set('id')/...}</th><th>DELETE {@code Set('id')}</th></tr>
 *   <tr><td>StreamingEndpoints</td><td>{@code nb:oid:UUID:}</td><td>Start, Stop, Scale</td><td>yes</td></tr>
 *   <tr><td>Channels</td><td>{@code nb:chid:UUID:}</td><td>Start, Stop, Reset</td><td>yes</td></tr>
 *   <tr><td>Programs</td><td>{@code nb:pgid:UUID:}</td><td>Start, Stop</td><td>no</td></tr>
 *   <tr><td>Origins</td><td>{@code nb:oid:UUID:}</td><td>Start, Stop</td><td>yes</td></tr>
 * </table>
 *
 * <p>Checks, in this order: {@code Authorization: Bearer <token>} (else 401), {@code x-ms-version}
 * (else 400), a known entity set and action (names are case-sensitive, as in OData; else 404
 * {@code ResourceNotFound}), the method (POST for an action, DELETE for an entity; else 405 {@code
 * MethodNotAllowed} with an {@code Allow} header when the path has a method here), the entity id
 * against the set's prefix (else 400 {@code InvalidIdentifierFormat}), and for Scale a body {@code
 * {"scaleUnits": N}} with N a positive whole number (else 400 {@code BadRequest}). Then a new
 * operation is stored whose {@code TargetEntityId} is the entity id.
 *
 * <p>{@code transformerParameters}: {@code timeline}, what the started operations follow (default
 * {@link #DEFAULT_TIMELINE}); {@code timelineByEntity}, a timeline per entity GUID that wins over
 * {@code timeline} for those entities; and {@code expireAfter}. The well-known failing entities are
 * mapping data ({@code mappings/media/actions-well-known-failures.json}: one mapping, so that every
 * request WireMock matches tries one pattern for them, not fourteen), not code.
 *
 * <pre>{@code
 * Reply reply = MediaActions.INSTANCE.handle(postToChannelStart, StubParameters.NONE, state);
 * String operationId = reply.headers().get("operation-id"); // nb:opid:UUID:...
 * }</pre>
 */
public final class MediaActions implements Handler {
  /** The transformer's name. */
  public static final String NAME = "opstub-media-action";
  /** The timeline of an operation when the stub gives none. */
  public static final Timeline DEFAULT_TIMELINE =
      TimelineParser.parse("InProgress x2, Succeeded", MediaStatuses.INSTANCE);
  public static final Parameter<Timeline> TIMELINE = MediaStatuses.timelineParameter();
  /** A timeline per entity GUID (keys in any case), for those entities in place of {@code timeline}. */
  public static final Parameter<Map<String, Timeline>> TIMELINE_BY_ENTITY =
      new Parameter<>("timelineByEntity", MediaActions::timelinesByEntity).withSchema("""
          {"type": "object", "minProperties": 1,
           "propertyNames": {"pattern": "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"},
           "additionalProperties": %s,
           "description": "a timeline per entity GUID: an action on one of these entities starts an operation that \
          follows its timeline instead of timeline"}""".formatted(TIMELINE.schema()));
  /** Operations an action starts expire as the operations of a poll stub do. */
  private static final Parameter<java.time.Duration> EXPIRE_AFTER = Parameter.EXPIRE_AFTER
      .describedAs("operations the action starts are not found this long after they finished");
  public static final MediaActions INSTANCE = new MediaActions();

  // A body with text after its JSON value ({...} xyz) is as unparsable as any other broken body.
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private MediaActions() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Role role() {
    return Role.START;
  }

  @Override
  public List<Parameter<?>> parameters() {
    return List.of(TIMELINE, TIMELINE_BY_ENTITY, EXPIRE_AFTER);
  }

  /** The entity sets with asynchronous actions. */
  private enum EntitySet {
    StreamingEndpoints(MediaIds.ORIGIN_PREFIX, "StreamingEndpoint", true, "Start", "Stop", "Scale"),
    Channels(MediaIds.CHANNEL_PREFIX, "Channel", true, "Start", "Stop", "Reset"),
    Programs(MediaIds.PROGRAM_PREFIX, "Program", false, "Start", "Stop"),
    Origins(MediaIds.ORIGIN_PREFIX, "Origin", true, "Start", "Stop");

    final String prefix;
    final String entityName;
    final boolean deletable;
    final List<String> actions;

    EntitySet(String prefix, String entityName, boolean deletable, String... actions) {
      this.prefix = prefix;
      this.entityName = entityName;
      this.deletable = deletable;
      this.actions = List.of(actions);
    }

    static Optional<EntitySet> of(String name) {
      return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }
  }

  /** Starts the operation the request asks for. */
  @Override
  public Reply handle(Request request, StubParameters parameters, Operations operations) {
    MediaFormat format = MediaFormat.fromAccept(request.header(MediaHeaders.ACCEPT));
    Reply refused = MediaOperations.checkHeaders(request, format);
    if (refused != null) {
      return refused;
    }
    Optional<MediaPath> parsed = MediaPath.parse(request.path());
    Optional<EntitySet> set = parsed.flatMap(p -> EntitySet.of(p.entitySet()));
    if (set.isEmpty()) {
      return MediaErrors.resourceNotFound(format,
          "Resource not found for the segment '" + MediaPath.firstSegment(request.path()) + "'.");
    }
    MediaPath path = parsed.get();
    EntitySet entitySet = set.get();
    String action = path.action();
    if (action != null && !entitySet.actions.contains(action)) {
      return MediaErrors.resourceNotFound(format, "Resource not found for the segment '" + action + "'.");
    }
    Reply wrongMethod = checkMethod(format, request.method(), entitySet, action);
    if (wrongMethod != null) {
      return wrongMethod;
    }
    Optional<String> entityId = MediaIds.parse(entitySet.prefix, path.key());
    if (entityId.isEmpty()) {
      return MediaErrors.invalidIdentifier(format, entitySet.entityName, path.shownKey(), entitySet.prefix);
    }
    boolean scale = "Scale".equals(action);
    if (scale) {
      String bad = scaleBodyProblem(request.body());
      if (bad != null) {
        return MediaErrors.badRequest(format, bad);
      }
    }
    Timeline timeline = timelineFor(MediaIds.guid(entityId.get()), parameters);
    String operationId = MediaIds.newOperationId();
    operations.put(MediaApi.NAME, new OperationSpec(operationId, timeline, entityId.get(),
        parameters.get(Parameter.EXPIRE_AFTER)).withStartCredential(Credentials.carried(request, MediaConformance.CREDENTIALS)));
    // The 202 has no body, so no Content-Type.
    Map<String, String> headers = MediaHeaders.common(null);
    if (scale) {
      headers.put(MediaHeaders.DATA_SERVICE_VERSION, "1.0;");
    }
    headers.put(MediaHeaders.OPERATION_ID, operationId);
    return Reply.text(202, headers, "");
  }

  private static Timeline timelineFor(String entityGuid, StubParameters parameters) {
    Timeline own = parameters.has(TIMELINE_BY_ENTITY) ? parameters.get(TIMELINE_BY_ENTITY).get(entityGuid) : null;
    if (own != null) {
      return own;
    }
    return parameters.has(TIMELINE) ? parameters.get(TIMELINE) : DEFAULT_TIMELINE;
  }

  private static Map<String, Timeline> timelinesByEntity(Object value) {
    String allowed = "allowed: an object from entity GUIDs to Media timelines, e.g. "
        + "{\"e0000000-0000-4000-8000-000000000012\": \"InProgress, Failed(Timeout)\"}";
    if (!(value instanceof Map<?, ?> entries) || entries.isEmpty()) {
      throw new IllegalArgumentException("timelineByEntity must be a non-empty object; was "
          + Parameter.describe(value) + "; " + allowed);
    }
    Map<String, Timeline> timelines = new HashMap<>();
    for (Map.Entry<?, ?> entry : entries.entrySet()) {
      String guid = String.valueOf(entry.getKey());
      if (!Ids.isUuid(guid)) {
        throw new IllegalArgumentException("timelineByEntity: \"" + guid + "\" is not an entity GUID; " + allowed);
      }
      try {
        timelines.put(guid.toLowerCase(Locale.ROOT), TIMELINE.read(entry.getValue()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("timelineByEntity[\"" + guid + "\"]: " + e.getMessage(), e);
      }
    }
    return Map.copyOf(timelines);
  }

  private static Reply checkMethod(MediaFormat format, String method, EntitySet set, String action) {
    if (action != null) {
      return "POST".equals(method) ? null : MediaErrors.methodNotAllowed(format,
          "The method " + method + " is not allowed on " + set.name() + "/" + action + "; use POST.", "POST");
    }
    if (set.deletable) {
      return "DELETE".equals(method) ? null : MediaErrors.methodNotAllowed(format,
          "The method " + method + " is not served as an asynchronous action on a " + set.entityName
              + "; use DELETE, or POST to " + set.name() + "('id')/" + String.join("|", set.actions) + ".",
          "DELETE");
    }
    return MediaErrors.methodNotAllowed(format, "The method " + method + " is not served as an asynchronous "
        + "action on a " + set.entityName + "; use POST to " + set.name() + "('id')/"
        + String.join("|", set.actions) + ".", null);
  }

  /** What is wrong with a Scale body, or {@code null} when it is {@code {"scaleUnits": N}}, N >= 1. */
  static String scaleBodyProblem(String body) {
    String example = " e.g. {\"scaleUnits\": 2}.";
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      return "The request body must be a JSON object with the property 'scaleUnits'," + example;
    }
    JsonNode units = json.get("scaleUnits");
    if (units == null || units.isNull()) {
      return "The property 'scaleUnits' is missing from the request body," + example;
    }
    if (!units.isIntegralNumber() || !units.canConvertToInt() || units.intValue() < 1) {
      return "The property 'scaleUnits' must be a positive whole number; was " + Ids.shorten(units.toString())
          + "," + example;
    }
    return null;
  }
}
