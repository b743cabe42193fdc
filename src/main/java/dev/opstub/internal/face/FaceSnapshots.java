package dev.opstub.internal.face;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opstub.internal.conformance.Credentials;
import dev.opstub.internal.face.SnapshotAccess.Change;
import dev.opstub.internal.face.SnapshotBodies.Body;
import dev.opstub.internal.http.Ids;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Handler;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Face API v1.0-preview snapshot endpoints under {@code /face/v1.0-preview} (and the stable
 * {@code /face/v1.0}): take, list, get, update, delete and apply, with their long-running
 * operations served by {@link FaceOperations}.
 *
 * <table>
 *   <caption>Served calls (paths relative to {@code /face/v1.0-preview})</caption>
 *   <tr><th>call</th><th>request</th><th>success</th></tr>
 *   <tr><td>take</td><td>{@code POST /snapshots} {@code {type, objectId, applyScope, userData?}}</td>
 *       <td>202, no body, {@code Operation-Location: /operations/{operationId}}</td></tr>
 *   <tr><td>list</td><td>{@code GET /snapshots?type=&applyScope=}</td><td>200, array of Snapshot</td></tr>
 *   <tr><td>get</td><td>{@code GET /snapshots/{snapshotId}}</td><td>200, Snapshot</td></tr>
 *   <tr><td>update</td><td>{@code PATCH /snapshots/{snapshotId}} {@code {applyScope?, userData?}}</td>
 *       <td>200, no body</td></tr>
 *   <tr><td>delete</td><td>{@code DELETE /snapshots/{snapshotId}}</td><td>200, no body</td></tr>
 *   <tr><td>apply</td><td>{@code POST /snapshots/{snapshotId}/apply} {@code {objectId, mode?}}</td>
 *       <td>202, no body, {@code Operation-Location: /operations/{operationId}}</td></tr>
 * </table>
 *
 * <p>Every call checks, in this order: the {@code Ocp-Apim-Subscription-Key} (401), the path and
 * method (404 {@code NotFound} for anything not in the table), the snapshot id in the path (400
 * {@code BadArgument} unless a uuid), the JSON body (400 {@code BadArgument}: "JSON parsing error."
 * when it does not parse, otherwise a message naming the first invalid field and what is allowed),
 * that the snapshot exists (404 {@code NotFound}), and for take and apply the script's refusal (409
 * or 429). All errors use {@link FaceErrors}.
 *
 * <p>A take creates a Face operation ({@link Operations#put}) that follows the script's timeline (default {@link #DEFAULT_TIMELINE}); its
 * {@code resourceLocation} is {@code /snapshots/{snapshotId}}. The snapshot exists for get, list,
 * update, delete and apply only once a poll of that operation has seen {@code succeeded} (or a
 * timed step has run into it); a take whose operation fails never yields a snapshot. Reads never
 * write: the poll that sees the take end (or an apply) settles the stored record, so that a
 * snapshot outlives its take operation ({@link SnapshotStore}). Snapshots
 * expire {@link SnapshotRecord#LIFETIME 48 hours} after the take, as the service documents.
 *
 * <p>An apply creates an operation whose {@code resourceLocation} on success is the path of the
 * target object for the snapshot's type: {@code PersonGroup} {@code /persongroups/{objectId}},
 * {@code LargePersonGroup} {@code /largepersongroups/{objectId}}, {@code FaceList} {@code
 * /facelists/{objectId}}, {@code LargeFaceList} {@code /largefacelists/{objectId}}. The
 * documentation only says "the path to get the target object"; these paths are inferred from the
 * Face API's own resource paths. OpStub does not serve the target objects themselves.
 *
 * <p>Who may do what, as the reference pages say: every key stands for a subscription ({@link
 * #subscriptionOf(String)}); get and list show a snapshot to the subscription that took it and to
 * those in its {@code applyScope}; only the one that took it may update or delete it; only those in
 * its {@code applyScope} may apply it ({@link SnapshotAccess}). A snapshot the caller may not see
 * answers 404 like an unknown one; a call the rules refuse on a snapshot the caller sees answers 403
 * {@code Forbidden} (the service's answer is not published).
 *
 * <p>Choices where the documentation is silent (see also the README): {@code account} is the
 * owner's resource id, {@link #account(String)}; the list filter
 * {@code applyScope} keeps a snapshot whose {@code applyScope} contains any of the given uuids;
 * {@code type} and {@code mode} are matched case-insensitively and served in the documented
 * spelling; uuids are served in lower case; {@code createdTime} is when the take was requested.
 *
 * <p>This class routes the calls; each job it delegates lives in its own class: the body checks
 * ({@link SnapshotBodies}), who may do what ({@link SnapshotAccess}), the stored record and its
 * lifetime ({@link SnapshotRecord}), where records live and when a snapshot exists ({@link
 * SnapshotStore}) and the list ({@link SnapshotListing}).
 *
 * <pre>{@code
 * Reply taken = FaceSnapshots.INSTANCE.handle(postToSnapshots, StubParameters.NONE, state);
 * String poll = taken.headers().get("Operation-Location"); // "/operations/6d4c..."
 * }</pre>
 */
public final class FaceSnapshots implements Handler {
  /** The transformer's name. */
  public static final String NAME = "opstub-face-snapshots";
  /** What take and apply operations follow when the stub gives no timeline. */
  public static final Timeline DEFAULT_TIMELINE =
      TimelineParser.parse("notStarted, running x2, succeeded", FaceStatuses.INSTANCE);
  /**
   * What the operations started by take and apply follow; a failing timeline such as {@code
   * running, failed(why)} makes the take or apply fail.
   */
  public static final Parameter<Timeline> TIMELINE = Parameter.timeline(FaceStatuses.INSTANCE);
  /** A valid take or apply answers this error instead of 202 and starts nothing. */
  public static final Parameter<Refusal> REFUSE = new Parameter<>("refuse", FaceSnapshots::refusal).withSchema("""
      {"enum": [409, 429, "409", "429"], "description": "answer a valid take or apply with 409 \
      ConcurrentOperationConflict or 429 (rate limit) instead of 202"}""");
  public static final FaceSnapshots INSTANCE = new FaceSnapshots();
  public static final String OPERATION_LOCATION = "Operation-Location";

  private static final Pattern PATH = Pattern.compile(
      "/face/v1\\.0(?:-preview)?/snapshots(?:/([^/]*)(?:/(apply))?)?/?");
  private static final Map<String, String> TARGET_COLLECTIONS = Map.of(
      "PersonGroup", "persongroups", "LargePersonGroup", "largepersongroups",
      "FaceList", "facelists", "LargeFaceList", "largefacelists");

  private FaceSnapshots() {}

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
    return List.of(TIMELINE, REFUSE);
  }

  /** {@code refuse}: 409 or 429, as a number or a string (JSON numbers may arrive as 409.0). */
  private static Refusal refusal(Object value) {
    if (value instanceof Number || value instanceof String) {
      try {
        double number = Double.parseDouble(String.valueOf(value).trim());
        if (number == Math.rint(number)) {
          Optional<Refusal> refusal = Refusal.ofStatus((int) number);
          if (refusal.isPresent()) {
            return refusal.get();
          }
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw new IllegalArgumentException("refuse must be 409 or 429; was " + Parameter.describe(value)
        + "; allowed: 409 (ConcurrentOperationConflict) or 429 (rate limit), as a number or a string");
  }

  /** An error a take or apply can be scripted to answer instead of starting an operation. */
  public enum Refusal {
    /** 409 {@code ConcurrentOperationConflict}; {@code {name}} is the request's {@code objectId}. */
    CONFLICT(409, "ConcurrentOperationConflict", "There is a conflict operation on resource %s, please try later."),
    /** 429 with code {@code 429}, as the Face API answers a throttled call. */
    RATE_LIMITED(429, "429", "Rate limit is exceeded.");

    private final int status;
    private final String code;
    private final String message;

    Refusal(int status, String code, String message) {
      this.status = status;
      this.code = code;
      this.message = message;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }

    /** The documented message; {@code resourceName} fills the 409's {@code {name}}. */
    public String message(String resourceName) {
      return message.contains("%s") ? String.format(Locale.ROOT, message, resourceName) : message;
    }

    /** The refusal with this HTTP status (409 or 429). */
    public static Optional<Refusal> ofStatus(int status) {
      return Arrays.stream(values()).filter(r -> r.status == status).findFirst();
    }
  }

  /**
   * Answers one snapshot call.
   *
   * @param request the call; its path is matched against {@code /face/v1.0(-preview)/snapshots...}
   * @param parameters what take and apply do ({@link #TIMELINE}, {@link #REFUSE})
   */
  @Override
  public Reply handle(Request request, StubParameters parameters, Operations operations) {
    String key = request.header(FaceOperations.KEY_HEADER);
    if (key == null || key.isBlank()) {
      return FaceErrors.unauthorized();
    }
    Timeline timeline = parameters.get(TIMELINE);
    Script effective = new Script(timeline == null ? DEFAULT_TIMELINE : timeline, parameters.get(REFUSE), operations);
    Matcher m = PATH.matcher(request.path());
    if (FaceDialect.ofPath(request.path()) == null || !m.matches()) {
      return FaceErrors.notFound("Resource not found.");
    }
    String rawId = m.group(1);
    boolean apply = m.group(2) != null;
    String method = request.method();
    if (rawId == null || (rawId.isEmpty() && !apply)) {
      return switch (method) {
        case "POST" -> take(request, key, effective);
        case "GET" -> SnapshotListing.list(operations, subscriptionOf(key), request.query());
        default -> wrongMethod(method, "/snapshots", "GET or POST");
      };
    }
    String where = apply ? "/snapshots/{snapshotId}/apply" : "/snapshots/{snapshotId}";
    String allowed = apply ? "POST" : "GET, PATCH or DELETE";
    if (!(apply ? Set.of("POST") : Set.of("GET", "PATCH", "DELETE")).contains(method)) {
      return wrongMethod(method, where, allowed);
    }
    if (!Ids.isUuid(rawId)) {
      return FaceErrors.badArgument("Invalid snapshot id '" + Ids.shorten(rawId) + "': expected a uuid such as "
          + SnapshotBodies.UUID_EXAMPLE + ".");
    }
    String id = rawId.toLowerCase(Locale.ROOT);
    String caller = subscriptionOf(key);
    if (apply) {
      return apply(request, caller, id, effective);
    }
    return switch (method) {
      case "GET" -> find(operations, id).filter(s -> SnapshotAccess.sees(s, caller))
          .map(s -> Reply.text(200, Map.of("Content-Type", FaceOperations.CONTENT_TYPE), s.toJson().toString()))
          .orElseGet(() -> SnapshotAccess.notFound(id));
      case "PATCH" -> update(operations, caller, request, id);
      default -> delete(operations, caller, id);
    };
  }

  /** The snapshot with this id if it exists now (its take succeeded, it is not deleted nor expired). */
  static Optional<Snapshot> find(Operations operations, String snapshotId) {
    return SnapshotStore.find(operations, snapshotId).map(SnapshotRecord::snapshot);
  }

  /**
   * The subscription id a subscription key stands for: a key that is itself a uuid is that
   * subscription id (in lower case); any other key gets a name-based (version 3) uuid of its own,
   * so the same key is always the same subscription and the key itself is never shown.
   */
  public static String subscriptionOf(String subscriptionKey) {
    return SnapshotAccess.subscriptionOf(subscriptionKey);
  }

  /**
   * The {@code account} served for snapshots taken with this key, a resource id in the form of
   * the reference sample: {@code /subscriptions/<subscription id>/resourceGroups/opstub/providers/
   * Microsoft.CognitiveServices/accounts/opstub-face}.
   */
  public static String account(String subscriptionKey) {
    return SnapshotAccess.account(subscriptionKey);
  }

  /**
   * The path an apply's operation serves as {@code resourceLocation}: {@code /persongroups/{objectId}}
   * for a {@code PersonGroup} snapshot, and likewise {@code /largepersongroups/}, {@code /facelists/},
   * {@code /largefacelists/} (inferred from the Face API's resource paths; not documented).
   */
  public static String targetPath(String type, String objectId) {
    String collection = TARGET_COLLECTIONS.get(type);
    if (collection == null) {
      throw new IllegalArgumentException("unknown snapshot type " + type + "; expected one of " + SnapshotBodies.TYPES);
    }
    return "/" + collection + "/" + objectId;
  }

  /** What one take or apply call does: the started operations' timeline, a refusal, the state. */
  private record Script(Timeline timeline, Refusal refusal, Operations operations) {}

  private Reply take(Request request, String key, Script script) {
    Body body = Body.parse(request.body());
    if (body.error() != null) {
      return body.error();
    }
    String problem = SnapshotBodies.takeProblem(body.json());
    if (problem != null) {
      return FaceErrors.badArgument(problem);
    }
    String objectId = body.json().get("objectId").asText();
    if (script.refusal() != null) {
      return refuse(script.refusal(), objectId);
    }
    String snapshotId = Ids.randomUuid().toString();
    OperationView operation = startOperation(request, script, SnapshotStore.location(snapshotId));
    Instant now = operation.createdTime();
    Snapshot snapshot = new Snapshot(snapshotId, subscriptionOf(key), account(key),
        SnapshotBodies.canonicalType(body.json().get("type").asText()), objectId,
        SnapshotBodies.uuids(body.json().get("applyScope")), SnapshotBodies.text(body.json().get("userData")), now, now);
    SnapshotStore.add(script.operations(), new SnapshotRecord(snapshot, operation.id(), false));
    return accepted(operation);
  }

  private Reply apply(Request request, String caller, String id, Script script) {
    Body body = Body.parse(request.body());
    if (body.error() != null) {
      return body.error();
    }
    String problem = SnapshotBodies.applyProblem(body.json());
    if (problem != null) {
      return FaceErrors.badArgument(problem);
    }
    Optional<SnapshotRecord> found = SnapshotStore.find(script.operations(), id);
    Reply refused = SnapshotAccess.refusal(Change.APPLY, found, caller, id);
    if (refused != null) {
      return refused;
    }
    // An apply changes state anyway: settle the take it saw succeed, so the snapshot outlives it.
    SnapshotStore.confirm(script.operations(), found.get());
    String objectId = body.json().get("objectId").asText();
    if (script.refusal() != null) {
      return refuse(script.refusal(), objectId);
    }
    return accepted(startOperation(request, script, targetPath(found.get().snapshot().type(), objectId)));
  }

  private Reply update(Operations operations, String caller, Request request, String id) {
    Body body = Body.parse(request.body());
    if (body.error() != null) {
      return body.error();
    }
    String problem = SnapshotBodies.updateProblem(body.json());
    if (problem != null) {
      return FaceErrors.badArgument(problem);
    }
    Optional<SnapshotRecord> found = SnapshotStore.find(operations, id);
    Reply refused = SnapshotAccess.refusal(Change.UPDATE, found, caller, id);
    if (refused != null) {
      return refused;
    }
    // Two updates at once: the last one wins, as with the service.
    SnapshotRecord record = found.get();
    Snapshot s = record.snapshot();
    JsonNode scope = body.json().get("applyScope");
    JsonNode userData = body.json().get("userData");
    Snapshot updated = new Snapshot(s.id(), s.owner(), s.account(), s.type(), s.objectId(),
        SnapshotBodies.present(scope) ? SnapshotBodies.uuids(scope) : s.applyScope(),
        SnapshotBodies.present(userData) ? userData.asText() : s.userData(), s.createdTime(), operations.clock().instant());
    SnapshotStore.replace(operations, new SnapshotRecord(updated, record.takeOperationId(), true));
    return Reply.text(200, Map.of(), "");
  }

  private Reply delete(Operations operations, String caller, String id) {
    Reply refused = SnapshotAccess.refusal(Change.DELETE, SnapshotStore.find(operations, id), caller, id);
    if (refused != null) {
      return refused;
    }
    SnapshotStore.remove(operations, id);
    return Reply.text(200, Map.of(), "");
  }

  private static OperationView startOperation(Request request, Script script, String target) {
    return script.operations().put(FaceApi.NAME, new OperationSpec(Ids.randomUuid().toString(), script.timeline(), target,
        null).withStartCredential(Credentials.carried(request, FaceConformance.CREDENTIALS)));
  }

  private static Reply accepted(OperationView operation) {
    // No body, so no Content-Type; the location is relative, as the service sends it.
    return Reply.text(202, Map.of(OPERATION_LOCATION, "/operations/" + operation.id()), "");
  }

  private static Reply refuse(Refusal refusal, String objectId) {
    return FaceErrors.error(refusal.status(), refusal.code(), refusal.message(objectId));
  }

  private static Reply wrongMethod(String method, String where, String allowed) {
    return FaceErrors.notFound("Resource not found: " + method + " " + where + " is not a Face API call; use "
        + allowed + ".");
  }
}
