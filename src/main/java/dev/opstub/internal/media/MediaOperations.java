package dev.opstub.internal.media;

import dev.opstub.internal.http.Xml;
import dev.opstub.internal.timeline.Operation;
import dev.opstub.spi.Answers;
import dev.opstub.spi.Handler;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
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
 * first poll when the stub gives a {@code timeline}. Errors and the entity come in the format
 * the {@code Accept} header asks for ({@link MediaFormat}).
 *
 * <pre>{@code
 * StubParameters p = StubParameters.read(MediaOperations.INSTANCE, Map.of("timeline", "InProgress, Succeeded"));
 * Reply reply = MediaOperations.INSTANCE.handle(request, p, state);
 * // reply.template() == "opstub/media/operation.json", reply.model().get("state") == "InProgress"
 * }</pre>
 */
public final class MediaOperations implements Handler {
  /** The transformer's name. */
  public static final String NAME = "opstub-media-operation";
  public static final Parameter<Timeline> TIMELINE = MediaStatuses.timelineParameter();
  public static final Parameter<String> TARGET_ENTITY_ID = Parameter.string("targetEntityId",
      "an entity id such as \"nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833\"").withSchema("""
          {"type": "string", "description": "served as TargetEntityId",
           "examples": ["nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833"]}""");
  public static final MediaOperations INSTANCE = new MediaOperations();
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
  private static final List<Parameter<?>> PARAMETERS =
      List.of(TIMELINE, TARGET_ENTITY_ID, Parameter.RETRY_AFTER, Parameter.EXPIRE_AFTER);

  private MediaOperations() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Role role() {
    return Role.POLL;
  }

  @Override
  public List<Parameter<?>> parameters() {
    return PARAMETERS;
  }

  /** Serves one poll; without a {@code timeline} only live operations answer. */
  @Override
  public Reply handle(Request request, StubParameters parameters, Operations operations) {
    MediaFormat format = MediaFormat.fromAccept(request.header(MediaHeaders.ACCEPT));
    Optional<MediaPath> parsed = MediaPath.parse(request.path())
        .filter(p -> ENTITY_SET.equals(p.entitySet()) && p.action() == null);
    Optional<String> id = parsed.flatMap(p -> MediaIds.operationId(p.key()));
    // Every request for an operation is recorded as a poll of it, refused or not.
    Reply.Polled refused = parsed.isEmpty() ? null
        : new Reply.Polled(MediaApi.NAME, id.orElse(parsed.get().shownKey()), null, false);
    Reply headersRefused = checkHeaders(request, format);
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
    Timeline timeline = parameters.get(TIMELINE);
    OperationSpec script = timeline == null ? null : new OperationSpec(id.get(), timeline,
        parameters.get(TARGET_ENTITY_ID), parameters.get(Parameter.EXPIRE_AFTER));
    return operations.serve(request, parameters, MediaApi.NAME, id.get(), script, new Answers() {
      @Override
      public Reply notFound() {
        return MediaErrors.operationNotFound(format, id.get());
      }

      @Override
      public int notFoundStatus() {
        return MediaErrors.OPERATION_NOT_FOUND;
      }

      @Override
      public Reply httpError(int status) {
        return MediaErrors.forStatus(format, status);
      }

      @Override
      public Reply status(Poll poll) {
        Map<String, Object> model = model(poll, path.serviceRoot(request.baseUrl()), poll.at());
        return Reply.templated(200, MediaHeaders.common(format.contentType()), template(format), model);
      }

      @Override
      public String statusName(Poll poll) {
        return MediaStatuses.stateOf(poll.step().phase());
      }
    });
  }

  /**
   * The 401 or 400 for a request without {@code Authorization: Bearer <token>} (scheme matched
   * ignoring case, token not blank) or without {@code x-ms-version}; {@code null} when both are
   * there. Shared by every Media Services endpoint.
   */
  static Reply checkHeaders(Request request, MediaFormat format) {
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
   * errorMessage, metadataUrl, entityUrl, editLink, apiBase, updated, poll, terminal, xml}. {@code
   * errorCode} and {@code errorMessage} are {@code null} unless the state is {@code Failed};
   * {@code targetEntityId} is {@code null} when the operation has no target. {@code xml} holds
   * each text value again, escaped for XML ({@link Xml#escape}), for an XML template to write with
   * {@code {{{operation.xml.errorMessage}}}}: Handlebars' own {@code {{ }}} escapes for HTML, and
   * only when the server enables it (WireMock 3 does not by default).
   *
   * @param apiBaseUrl the service root before {@code /api/}, e.g. {@code https://host} or {@code
   *     http://127.0.0.1:8080/media} (a trailing slash is ignored)
   * @param now the time written as Atom {@code <updated>}
   */
  public static Map<String, Object> model(Poll poll, String apiBaseUrl, Instant now) {
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
    Map<String, Object> xml = new LinkedHashMap<>();
    model.forEach((name, value) -> xml.put(name, value == null ? null : Xml.escape((String) value)));
    model.put("poll", poll.number());
    model.put("terminal", poll.isTerminal());
    model.put("xml", xml);
    return model;
  }
}
