package dev.opstub.media;

import dev.opstub.http.ApiReply;
import dev.opstub.http.ApiRequest;
import dev.opstub.http.FaultReplies;
import dev.opstub.timeline.Operation;
import dev.opstub.timeline.OperationStore;
import dev.opstub.timeline.Phase;
import dev.opstub.timeline.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Media Services v2 "get an Operation": {@code GET <root>/api/Operations('nb:opid:UUID:<guid>')},
 * the id literal or percent-encoded.
 *
 * <p>Checks, in this order: {@code Authorization: Bearer <token>} (else 401), {@code x-ms-version}
 * (else 400), that the path is {@code .../api/Operations(<key>)} (else 404 {@code
 * ResourceNotFound}), that the method is GET (else 405), that the key is an operation id (else 400
 * {@code InvalidIdentifierFormat}), that the operation is live (else 404 {@code
 * OperationNotFound}). Then it serves one poll. An operation that is not live is created on its
 * first poll when the stub gives a {@link Script} for it. Errors and the entity come in the format
 * the {@code Accept} header asks for ({@link MediaFormat}).
 *
 * <pre>{@code
 * MediaOperations media = new MediaOperations(store);
 * ApiReply reply = media.getOperation(request, new MediaOperations.Script(timeline, "nb:chid:UUID:1e51..."));
 * // reply.template() == "opstub/media/operation.json", reply.model().get("state") == "InProgress"
 * }</pre>
 */
public final class MediaOperations {
  /** The store namespace of Media Services operations. */
  public static final String API = "media";
  /** The entity type's full name, in verbose {@code __metadata} and Atom {@code category}. */
  public static final String ENTITY_TYPE = "Microsoft.Cloud.Media.Vod.Rest.Data.Models.Operation";
  /** Default body templates, paths under {@code __files}, one per {@link MediaFormat}. */
  public static final String JSON_LIGHT_TEMPLATE = "opstub/media/operation.json";
  public static final String VERBOSE_TEMPLATE = "opstub/media/operation-verbose.json";
  public static final String NO_METADATA_TEMPLATE = "opstub/media/operation-nometadata.json";
  public static final String ATOM_TEMPLATE = "opstub/media/operation.atom.xml";

  private static final String ENTITY_SET = "Operations";
  private static final DateTimeFormatter UPDATED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final OperationStore store;

  public MediaOperations(OperationStore store) {
    this.store = store;
  }

  /**
   * What a stub says about the operation it answers for: the timeline it follows from its first
   * poll and its {@code TargetEntityId} (may be {@code null}).
   */
  public record Script(Timeline timeline, String targetEntityId, Duration expireAfter) {

    /** A script whose operations never expire. */
    public Script(Timeline timeline, String targetEntityId) {
      this(timeline, targetEntityId, null);
    }
  }

  /** Serves one poll; {@code script} may be {@code null} (then only live operations answer). */
  public ApiReply getOperation(ApiRequest request, Script script) {
    MediaFormat format = MediaFormat.fromAccept(request.header(MediaHeaders.ACCEPT));
    Optional<MediaPath> parsed = MediaPath.parse(request.path())
        .filter(p -> ENTITY_SET.equals(p.entitySet()) && p.action() == null);
    Optional<String> id = parsed.flatMap(p -> MediaIds.operationId(p.key()));
    // Every request for an operation is recorded as a poll of it, refused or not.
    ApiReply.Polled refused = parsed.isEmpty() ? null
        : new ApiReply.Polled(API, id.orElse(parsed.get().shownKey()), null, false);
    ApiReply headersRefused = checkHeaders(request, format);
    if (headersRefused != null) {
      return headersRefused.withPolled(refused);
    }
    if (parsed.isEmpty()) {
      return MediaErrors.resourceNotFound(format,
          "Resource not found for the segment '" + MediaPath.firstSegment(request.path()) + "'.");
    }
    MediaPath path = parsed.get();
    if (!"GET".equals(request.method())) {
      return MediaErrors.methodNotAllowed(format,
          "The method " + request.method() + " is not allowed on an Operation; use GET.", "GET");
    }
    if (id.isEmpty()) {
      return MediaErrors.invalidIdentifier(format, "operation", path.shownKey(), MediaIds.OPERATION_PREFIX)
          .withPolled(refused);
    }
    Operation.Poll poll = store.poll(API, id.get(), script == null ? null
        : newId -> new Operation(newId, script.timeline(), store.clock().instant(), script.targetEntityId(),
            script.expireAfter()));
    if (poll == null) {
      return MediaErrors.operationNotFound(format, id.get()).withPolled(refused);
    }
    Instant now = store.clock().instant();
    if (poll.step().isFault()) {
      return FaultReplies.of(poll.step().fault(), status -> MediaErrors.forStatus(format, status))
          .withPolled(refused).withDelay(poll.delay());
    }
    Map<String, Object> model = model(poll, path.serviceRoot(request.baseUrl()), now);
    return ApiReply.templated(200, MediaHeaders.common(format.contentType()), template(format), model)
        .withPolled(new ApiReply.Polled(API, id.get(), (String) model.get("state"), poll.isTerminal()))
        .withDelay(poll.delay());
  }

  /**
   * The 401 or 400 for a request without {@code Authorization: Bearer <token>} (scheme matched
   * ignoring case, token not blank) or without {@code x-ms-version}; {@code null} when both are
   * there. Shared by every Media Services endpoint.
   */
  static ApiReply checkHeaders(ApiRequest request, MediaFormat format) {
    String authorization = request.header(MediaHeaders.AUTHORIZATION);
    if (authorization == null || authorization.length() <= "Bearer ".length()
        || !authorization.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())
        || authorization.substring("Bearer ".length()).isBlank()) {
      return MediaErrors.unauthorized(format);
    }
    String version = request.header(MediaHeaders.VERSION);
    if (version == null || version.isBlank()) {
      return MediaErrors.missingVersion(format);
    }
    return null;
  }

  /** The pack's default template for an Operation entity in {@code format}. */
  public static String template(MediaFormat format) {
    return switch (format) {
      case JSON_LIGHT -> JSON_LIGHT_TEMPLATE;
      case VERBOSE -> VERBOSE_TEMPLATE;
      case NO_METADATA -> NO_METADATA_TEMPLATE;
      case ATOM -> ATOM_TEMPLATE;
    };
  }

  /**
   * The values an Operation body template reads: {@code id, state, targetEntityId, errorCode,
   * errorMessage, metadataUrl, entityUrl, editLink, apiBase, updated, poll, terminal}. {@code
   * errorCode} and {@code errorMessage} are {@code null} unless the state is {@code Failed};
   * {@code targetEntityId} is {@code null} when the operation has no target.
   *
   * @param apiBaseUrl the service root before {@code /api/}, e.g. {@code https://host} or {@code
   *     http://127.0.0.1:8080/media} (a trailing slash is ignored)
   * @param now the time written as Atom {@code <updated>}
   */
  public static Map<String, Object> model(Operation.Poll poll, String apiBaseUrl, Instant now) {
    String base = apiBaseUrl == null ? "" : apiBaseUrl.replaceAll("/+$", "");
    Phase phase = poll.step().phase();
    MediaFailure failure = phase == Phase.FAILED ? MediaFailure.lenient(poll.step().detail()) : null;
    String editLink = ENTITY_SET + "('" + MediaIds.encoded(poll.operationId()) + "')";
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("id", poll.operationId());
    model.put("state", MediaStatuses.stateOf(phase));
    model.put("targetEntityId", poll.target());
    model.put("errorCode", failure == null ? null : failure.code().code());
    model.put("errorMessage", failure == null ? null : failure.message());
    model.put("metadataUrl", base + "/api/$metadata#Operations/@Element");
    model.put("entityUrl", base + "/api/" + editLink);
    model.put("editLink", editLink);
    model.put("apiBase", base + "/api/");
    model.put("updated", UPDATED.format(now.truncatedTo(ChronoUnit.SECONDS)));
    model.put("poll", poll.number());
    model.put("terminal", poll.isTerminal());
    return model;
  }
}
