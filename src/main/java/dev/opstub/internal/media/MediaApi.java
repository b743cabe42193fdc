package dev.opstub.internal.media;

import dev.opstub.internal.conformance.Judged;
import dev.opstub.internal.conformance.RuleBook;
import dev.opstub.internal.http.Ids;
import dev.opstub.internal.http.UrlLiterals;
import dev.opstub.spi.BodyWriter;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Handler;
import dev.opstub.spi.IdClaim;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Recording;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Route;
import dev.opstub.spi.StatusVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Media Services v2 Operation entity, as the pack knows it: ids are {@code
 * nb:opid:UUID:<guid>} (literal or percent-encoded), states {@code InProgress, Succeeded, Failed}
 * with the 14 error codes, handlers {@link MediaOperations} (polls) and {@link MediaActions}
 * (Start, Stop, Scale, Reset, DELETE).
 *
 * <pre>{@code
 * MediaApi.INSTANCE.operationId("nb%3Aopid%3AUUID%3AAB66EFF9-..."); // Optional[nb:opid:UUID:ab66eff9-...]
 * }</pre>
 */
public final class MediaApi implements Dialect, Judged {
  public static final MediaApi INSTANCE = new MediaApi();

  /** The API's name: the namespace of its operations, {@code "api": "media"} in the admin API. */
  public static final String NAME = "media";

  /** Any path with an {@code /api} segment, any case, as the shipped Media mappings match them. */
  private static final Pattern OWNED_PATH = Pattern.compile("(?:/.*)?/(?i:api)(?:/.*)?");

  private MediaApi() {}

  @Override
  public RuleBook conformance() {
    return MediaConformance.BOOK;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StatusVocabulary statuses() {
    return MediaStatuses.INSTANCE;
  }

  @Override
  public String idFormat() {
    return "nb:opid:UUID:<guid>, e.g. nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b";
  }

  @Override
  public Optional<String> operationId(String written) {
    return written == null ? Optional.empty() : MediaIds.operationId(written);
  }

  @Override
  public List<Parameter<?>> fields() {
    return List.of(MediaOperations.TARGET_ENTITY_ID);
  }

  @Override
  public List<Handler> handlers() {
    return List.of(MediaOperations.INSTANCE, MediaActions.INSTANCE);
  }

  @Override
  public Optional<Recording> recording() {
    return Optional.of(MediaRecording.INSTANCE);
  }

  @Override
  public Map<String, BodyWriter> defaultBodies() {
    return Map.of(MediaOperations.JSON_LIGHT_TEMPLATE, MediaBodies::jsonLight,
        MediaOperations.VERBOSE_TEMPLATE, MediaBodies::verbose,
        MediaOperations.NO_METADATA_TEMPLATE, MediaBodies::noMetadata,
        MediaOperations.ATOM_TEMPLATE, MediaBodies::atom);
  }

  @Override
  public Reply error(Request request, int status, String code, String message) {
    return MediaErrors.error(MediaFormat.fromAccept(request.header(MediaHeaders.ACCEPT)), status, code, message);
  }

  @Override
  public boolean ownsPath(String path) {
    return OWNED_PATH.matcher(path).matches();
  }

  @Override
  public Optional<IdClaim> claimedId(String field, String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf("/api/operations");
    if (at < 0) {
      return Optional.empty();
    }
    Optional<String> tail = UrlLiterals.literalTail(field, url.substring(at + "/api/operations".length()));
    if (tail.isEmpty() || tail.get().isEmpty()) {
      return Optional.empty();
    }
    String segment = Ids.percentDecode(tail.get());
    if (segment.endsWith("/")) {
      segment = segment.substring(0, segment.length() - 1);
    }
    Optional<String> key = MediaIds.key("Operations" + segment);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new IdClaim(MediaIds.operationId(key.get()).orElse(null), key.get()));
  }

  @Override
  public List<Route> routes(String id, Map<String, Object> parameters) {
    String idPattern = id == null ? ".*"
        : "(\\(|%28)('|%27)nb(:|%3A)opid(:|%3A)UUID(:|%3A)(?i)" + Pattern.quote(MediaIds.guid(id)) + "('|%27)(\\)|%29)";
    List<Route> routes = new ArrayList<>();
    routes.add(new Route("GET", "(/.*)?/api/Operations" + idPattern, MediaOperations.INSTANCE,
        MediaOperations.INSTANCE.parameters().stream().map(p -> p.name()).toList()));
    if (id == null) {
      // Operations the client starts follow the timeline too.
      routes.add(new Route(null, "(/.*)?/api/(StreamingEndpoints|Channels|Programs|Origins)(\\(|%28).*",
          MediaActions.INSTANCE, MediaActions.INSTANCE.parameters().stream().map(p -> p.name()).toList()));
    }
    return routes;
  }
}
