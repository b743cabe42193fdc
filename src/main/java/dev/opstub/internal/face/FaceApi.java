package dev.opstub.internal.face;

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
 * The Face API v1.0-preview snapshot operations, as the pack knows them: ids are uuids (served in
 * lower case), statuses {@code notStarted, running, succeeded, failed}, handlers {@link
 * FaceOperations} (polls) and {@link FaceSnapshots} (take, list, get, update, delete, apply).
 *
 * <pre>{@code
 * FaceApi.INSTANCE.operationId("A63A3BDD-A1DB-4D05-87B8-DBAD6850062A"); // Optional[a63a3bdd-...]
 * }</pre>
 */
public final class FaceApi implements Dialect, Judged {
  public static final FaceApi INSTANCE = new FaceApi();

  /** The API's name: the namespace of its operations, {@code "api": "face"} in the admin API. */
  public static final String NAME = "face";

  private FaceApi() {}

  @Override
  public RuleBook conformance() {
    return FaceConformance.BOOK;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StatusVocabulary statuses() {
    return FaceStatuses.INSTANCE;
  }

  @Override
  public String idFormat() {
    return "a uuid such as a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  }

  @Override
  public Optional<String> operationId(String written) {
    return Ids.isUuid(written) ? Optional.of(written.toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  @Override
  public List<Parameter<?>> fields() {
    return List.of(FaceOperations.RESOURCE_LOCATION);
  }

  @Override
  public List<Handler> handlers() {
    return List.of(FaceOperations.INSTANCE, FaceSnapshots.INSTANCE);
  }

  @Override
  public Optional<Recording> recording() {
    return Optional.of(FaceRecording.INSTANCE);
  }

  @Override
  public Map<String, BodyWriter> defaultBodies() {
    return Map.of(FaceOperations.STATUS_TEMPLATE, FaceBodies::status);
  }

  @Override
  public Reply error(Request request, int status, String code, String message) {
    return FaceErrors.error(status, code, message);
  }

  /** Every path under {@code /face/} (the shipped fallback answers the ones no call has). */
  @Override
  public boolean ownsPath(String path) {
    return path.startsWith("/face/");
  }

  /** 413 with the Face error model's code {@code BadArgument} (the service documents no size limit here). */
  @Override
  public Reply bodyTooLarge(Request request, long bytes) {
    return FaceErrors.error(413, "BadArgument", Dialect.bodyTooLargeMessage(bytes));
  }

  @Override
  public Optional<IdClaim> claimedId(String field, String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf("operations");
    if (at < 0) {
      return Optional.empty();
    }
    Optional<String> tail = UrlLiterals.literalTail(field, url.substring(at + "operations".length()));
    if (tail.isEmpty() || !tail.get().startsWith("/")) {
      return Optional.empty();
    }
    String id = tail.get().substring(1);
    while (id.endsWith("/")) {
      id = id.substring(0, id.length() - 1);
    }
    if (id.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new IdClaim(operationId(id).orElse(null), id));
  }

  @Override
  public List<Route> routes(String id, Map<String, Object> parameters) {
    String idPattern = id == null ? "[^/]+" : "(?i)" + Pattern.quote(id);
    List<Route> routes = new ArrayList<>();
    routes.add(new Route("GET", "/face/v1\\.0(-preview)?/operations/" + idPattern, FaceOperations.INSTANCE,
        FaceOperations.INSTANCE.parameters().stream().map(p -> p.name()).toList()));
    if (id == null) {
      // Operations the client starts (take, apply) follow the timeline too.
      routes.add(new Route(null, "/face/v1\\.0(-preview)?/snapshots(/.*)?", FaceSnapshots.INSTANCE,
          List.of(FaceSnapshots.TIMELINE.name(), FaceSnapshots.REFUSE.name())));
    }
    return routes;
  }
}
