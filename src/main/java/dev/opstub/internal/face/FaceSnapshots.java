package dev.opstub.internal.face;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.internal.api.Handler;
import dev.opstub.internal.api.Ids;
import dev.opstub.internal.api.Parameter;
import dev.opstub.internal.api.Role;
import dev.opstub.internal.api.StubParameters;
import dev.opstub.internal.http.ApiReply;
import dev.opstub.internal.http.ApiRequest;
import dev.opstub.internal.state.OperationSpec;
import dev.opstub.internal.state.OperationView;
import dev.opstub.internal.state.State;
import dev.opstub.internal.timeline.Phase;
import dev.opstub.internal.timeline.Timeline;
import dev.opstub.internal.timeline.TimelineParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
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
 * <p>A take creates a Face operation in the {@link State} that follows the script's timeline (default {@link #DEFAULT_TIMELINE}); its
 * {@code resourceLocation} is {@code /snapshots/{snapshotId}}. The snapshot exists for get, list,
 * update, delete and apply only once a poll of that operation has seen {@code succeeded} (or a
 * timed step has run into it); a take whose operation fails never yields a snapshot. Snapshots
 * expire {@link #LIFETIME 48 hours} after the take, as the service documents.
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
 * its {@code applyScope} may apply it. A snapshot the caller may not see answers 404 like an
 * unknown one; a call the rules refuse on a snapshot the caller sees answers 403 {@code Forbidden}
 * (the service's answer is not published).
 *
 * <p>Choices where the documentation is silent (see also the README): {@code account} is the
 * owner's resource id, {@link #account(String)}; the list filter
 * {@code applyScope} keeps a snapshot whose {@code applyScope} contains any of the given uuids;
 * {@code type} and {@code mode} are matched case-insensitively and served in the documented
 * spelling; uuids are served in lower case; {@code createdTime} is when the take was requested.
 *
 * <p>The snapshot records are kept by the {@link State}, as JSON text, with the id of the take
 * operation that decides whether they exist.
 *
 * <pre>{@code
 * ApiReply taken = FaceSnapshots.INSTANCE.handle(postToSnapshots, StubParameters.NONE, state);
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
  public static final Parameter<Refusal> REFUSE = new Parameter<>("refuse", FaceSnapshots::refusal);
  public static final FaceSnapshots INSTANCE = new FaceSnapshots();
  /** The snapshot types, in the documented spelling. */
  public static final List<String> TYPES = List.of("FaceList", "LargeFaceList", "LargePersonGroup", "PersonGroup");
  /** The only apply mode. */
  public static final String CREATE_NEW = "CreateNew";
  public static final int MAX_OBJECT_ID_LENGTH = 64;
  /** 16 KB, counted in characters. */
  public static final int MAX_USER_DATA_LENGTH = 16_384;
  /**
   * The most subscription ids one {@code applyScope} may list. The service publishes no limit;
   * this is OpStub's, so that one take or update cannot fill the heap (issue 12).
   */
  public static final int MAX_APPLY_SCOPE_ITEMS = 100;
  /** How long a snapshot lives after its take was requested. */
  public static final Duration LIFETIME = Duration.ofHours(48);
  /** The kind under which snapshots are kept in the state. */
  static final String KIND = "snapshot";
  public static final String OPERATION_LOCATION = "Operation-Location";

  private static final Pattern PATH = Pattern.compile(
      "/face/v1\\.0(?:-preview)?/snapshots(?:/([^/]*)(?:/(apply))?)?/?");
  private static final Pattern OBJECT_ID = Pattern.compile("^[a-z0-9-_]+$");
  private static final String UUID_EXAMPLE = "e58b3f08-1e8b-4165-81df-aa9858f233dc";
  private static final Map<String, String> TARGET_COLLECTIONS = Map.of(
      "PersonGroup", "persongroups", "LargePersonGroup", "largepersongroups",
      "FaceList", "facelists", "LargeFaceList", "largefacelists");
  // A body with text after its JSON value ({...} xyz) is as unparsable as any other broken body.
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
   * A snapshot as the API serves it.
   *
   * @param id the snapshot id (a lower-case uuid)
   * @param owner the subscription id of the key that took it, see {@link FaceSnapshots#subscriptionOf(String)}
   * @param account the owner's account as a resource id, see {@link FaceSnapshots#account(String)}
   * @param type one of {@link FaceSnapshots#TYPES}
   * @param objectId the source object the snapshot was taken of (not served by the API)
   * @param applyScope lower-case uuids of the subscriptions it may be applied to
   * @param userData the user's text, or {@code null}
   * @param createdTime when the take was requested
   * @param lastUpdateTime when it was last updated ({@code createdTime} until then)
   */
  public record Snapshot(String id, String owner, String account, String type, String objectId, List<String> applyScope,
      String userData, Instant createdTime, Instant lastUpdateTime) {

    public Snapshot {
      applyScope = List.copyOf(applyScope);
    }

    /**
     * Whether {@code subscription} may see it: the reference pages make a snapshot "accessible to
     * the source subscription who took it, and target subscriptions included in the applyScope".
     */
    public boolean isVisibleTo(String subscription) {
      return owner.equals(subscription) || applyScope.contains(subscription);
    }

    /** The Snapshot JSON: {@code {id, account, type, applyScope, userData, createdTime, lastUpdateTime}}. */
    public ObjectNode toJson() {
      ObjectNode json = JSON.createObjectNode();
      json.put("id", id).put("account", account).put("type", type);
      ArrayNode scope = json.putArray("applyScope");
      applyScope.forEach(scope::add);
      json.put("userData", userData);
      json.put("createdTime", FaceOperations.timestamp(createdTime));
      json.put("lastUpdateTime", FaceOperations.timestamp(lastUpdateTime));
      return json;
    }
  }

  /**
   * A snapshot as the state keeps it: the snapshot, the take operation that decides whether it
   * exists, and whether a look already saw that take succeed (so the snapshot stays when the take
   * operation is forgotten later).
   */
  private record Taken(Snapshot snapshot, String takeOperationId, boolean confirmed) {

    String toJson() {
      ObjectNode json = JSON.createObjectNode();
      Snapshot s = snapshot;
      json.put("id", s.id()).put("owner", s.owner()).put("account", s.account()).put("type", s.type())
          .put("objectId", s.objectId());
      ArrayNode scope = json.putArray("applyScope");
      s.applyScope().forEach(scope::add);
      json.put("userData", s.userData());
      json.put("createdTime", s.createdTime().toString()).put("lastUpdateTime", s.lastUpdateTime().toString());
      json.put("takeOperationId", takeOperationId).put("confirmed", confirmed);
      return json.toString();
    }

    static Taken fromJson(String text) {
      try {
        JsonNode json = JSON.readTree(text);
        List<String> scope = new ArrayList<>();
        json.get("applyScope").forEach(item -> scope.add(item.asText()));
        JsonNode userData = json.get("userData");
        Snapshot snapshot = new Snapshot(json.get("id").asText(), json.get("owner").asText(), json.get("account").asText(),
            json.get("type").asText(), json.get("objectId").asText(), scope,
            userData == null || userData.isNull() ? null : userData.asText(),
            Instant.parse(json.get("createdTime").asText()), Instant.parse(json.get("lastUpdateTime").asText()));
        return new Taken(snapshot, json.get("takeOperationId").asText(), json.get("confirmed").asBoolean());
      } catch (JsonProcessingException | RuntimeException e) {
        throw new IllegalStateException("a stored snapshot record does not read back: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Answers one snapshot call.
   *
   * @param request the call; its path is matched against {@code /face/v1.0(-preview)/snapshots...}
   * @param parameters what take and apply do ({@link #TIMELINE}, {@link #REFUSE})
   */
  @Override
  public ApiReply handle(ApiRequest request, StubParameters parameters, State state) {
    String key = request.header(FaceOperations.KEY_HEADER);
    if (key == null || key.isBlank()) {
      return FaceErrors.unauthorized();
    }
    Timeline timeline = parameters.get(TIMELINE);
    Script effective = new Script(timeline == null ? DEFAULT_TIMELINE : timeline, parameters.get(REFUSE), state);
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
        case "GET" -> list(state, subscriptionOf(key), request.query());
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
          + UUID_EXAMPLE + ".");
    }
    String id = rawId.toLowerCase(Locale.ROOT);
    String caller = subscriptionOf(key);
    if (apply) {
      return apply(request, caller, id, effective);
    }
    return switch (method) {
      case "GET" -> find(state, id).filter(s -> s.isVisibleTo(caller))
          .map(s -> ApiReply.text(200, json(), s.toJson().toString())).orElseGet(() -> notFound(id));
      case "PATCH" -> update(state, caller, request, id);
      default -> delete(state, caller, id);
    };
  }

  /** The snapshot with this id if it exists now (its take succeeded, it is not deleted nor expired). */
  public static Optional<Snapshot> find(State state, String snapshotId) {
    String id = snapshotId.toLowerCase(Locale.ROOT);
    return state.resource(FaceApi.NAME, KIND, id).map(Taken::fromJson).filter(record -> exists(state, record)).map(Taken::snapshot);
  }

  /** Every snapshot that exists now, oldest first (then by id). */
  public static List<Snapshot> all(State state) {
    List<Snapshot> out = new ArrayList<>();
    for (String stored : state.resources(FaceApi.NAME, KIND)) {
      Taken record = Taken.fromJson(stored);
      if (exists(state, record)) {
        out.add(record.snapshot());
      }
    }
    out.sort(Comparator.comparing(Snapshot::createdTime).thenComparing(Snapshot::id));
    return out;
  }

  /**
   * The subscription id a subscription key stands for: a key that is itself a uuid is that
   * subscription id (in lower case); any other key gets a name-based (version 3) uuid of its own,
   * so the same key is always the same subscription and the key itself is never shown.
   */
  public static String subscriptionOf(String subscriptionKey) {
    String key = subscriptionKey.trim();
    return Ids.isUuid(key) ? key.toLowerCase(Locale.ROOT)
        : UUID.nameUUIDFromBytes(("opstub-face-subscription:" + key).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * The {@code account} served for snapshots taken with this key, a resource id in the form of
   * the reference sample: {@code /subscriptions/<subscription id>/resourceGroups/opstub/providers/
   * Microsoft.CognitiveServices/accounts/opstub-face}.
   */
  public static String account(String subscriptionKey) {
    return "/subscriptions/" + subscriptionOf(subscriptionKey)
        + "/resourceGroups/opstub/providers/Microsoft.CognitiveServices/accounts/opstub-face";
  }

  /**
   * The path an apply's operation serves as {@code resourceLocation}: {@code /persongroups/{objectId}}
   * for a {@code PersonGroup} snapshot, and likewise {@code /largepersongroups/}, {@code /facelists/},
   * {@code /largefacelists/} (inferred from the Face API's resource paths; not documented).
   */
  public static String targetPath(String type, String objectId) {
    String collection = TARGET_COLLECTIONS.get(type);
    if (collection == null) {
      throw new IllegalArgumentException("unknown snapshot type " + type + "; expected one of " + TYPES);
    }
    return "/" + collection + "/" + objectId;
  }

  /** What one take or apply call does: the started operations' timeline, a refusal, the state. */
  private record Script(Timeline timeline, Refusal refusal, State state) {}

  private ApiReply take(ApiRequest request, String key, Script script) {
    Body body = Body.parse(request.body());
    if (body.error != null) {
      return body.error;
    }
    String problem = firstProblem(
        () -> typeProblem(body.json.get("type")),
        () -> objectIdProblem(body.json.get("objectId")),
        () -> applyScopeProblem(body.json.get("applyScope"), true),
        () -> userDataProblem(body.json.get("userData")));
    if (problem != null) {
      return FaceErrors.badArgument(problem);
    }
    String objectId = body.json.get("objectId").asText();
    if (script.refusal() != null) {
      return refuse(script.refusal(), objectId);
    }
    String snapshotId = Ids.randomUuid().toString();
    OperationView operation = startOperation(script, "/snapshots/" + snapshotId);
    Instant now = operation.createdTime();
    Snapshot snapshot = new Snapshot(snapshotId, subscriptionOf(key), account(key), canonicalType(body.json.get("type").asText()),
        objectId, uuids(body.json.get("applyScope")), text(body.json.get("userData")), now, now);
    script.state().putResource(FaceApi.NAME, KIND, snapshotId, new Taken(snapshot, operation.id(), false).toJson(), LIFETIME);
    return accepted(operation);
  }

  private ApiReply apply(ApiRequest request, String caller, String id, Script script) {
    Body body = Body.parse(request.body());
    if (body.error != null) {
      return body.error;
    }
    String problem = firstProblem(() -> objectIdProblem(body.json.get("objectId")),
        () -> modeProblem(body.json.get("mode")));
    if (problem != null) {
      return FaceErrors.badArgument(problem);
    }
    Optional<Snapshot> snapshot = find(script.state(), id).filter(s -> s.isVisibleTo(caller));
    if (snapshot.isEmpty()) {
      return notFound(id);
    }
    if (!snapshot.get().applyScope().contains(caller)) {
      return forbidden(id, "only subscriptions in its applyScope may apply it");
    }
    String objectId = body.json.get("objectId").asText();
    if (script.refusal() != null) {
      return refuse(script.refusal(), objectId);
    }
    return accepted(startOperation(script, targetPath(snapshot.get().type(), objectId)));
  }

  private ApiReply list(State state, String caller, String query) {
    Map<String, List<String>> parameters = queryParameters(query);
    String type = joined(parameters.get("type"));
    String canonicalType = null;
    if (type != null) {
      canonicalType = canonicalType(type);
      if (canonicalType == null) {
        return FaceErrors.badArgument("Invalid query parameter 'type' \"" + Ids.shorten(type) + "\": expected one of "
            + String.join(", ", TYPES) + ".");
      }
    }
    String scope = joined(parameters.get("applyScope"));
    Set<String> wanted = new LinkedHashSet<>();
    if (scope != null) {
      for (String item : scope.split(",", -1)) {
        String uuid = item.trim();
        if (!Ids.isUuid(uuid)) {
          return FaceErrors.badArgument("Invalid query parameter 'applyScope': \"" + Ids.shorten(uuid)
              + "\" is not a uuid; expected comma-separated uuids such as " + UUID_EXAMPLE + ".");
        }
        wanted.add(uuid.toLowerCase(Locale.ROOT));
      }
    }
    ArrayNode out = JSON.createArrayNode();
    for (Snapshot snapshot : all(state)) {
      if (!snapshot.isVisibleTo(caller)) {
        continue;
      }
      boolean typeMatches = canonicalType == null || canonicalType.equals(snapshot.type());
      boolean scopeMatches = wanted.isEmpty() || snapshot.applyScope().stream().anyMatch(wanted::contains);
      if (typeMatches && scopeMatches) {
        out.add(snapshot.toJson());
      }
    }
    return ApiReply.text(200, json(), out.toString());
  }

  private ApiReply update(State state, String caller, ApiRequest request, String id) {
    Body body = Body.parse(request.body());
    if (body.error != null) {
      return body.error;
    }
    JsonNode scope = body.json.get("applyScope");
    JsonNode userData = body.json.get("userData");
    String problem = firstProblem(() -> present(scope) ? applyScopeProblem(scope, false) : null,
        () -> userDataProblem(userData));
    if (problem != null) {
      return FaceErrors.badArgument(problem);
    }
    Optional<Taken> stored = state.resource(FaceApi.NAME, KIND, id).map(Taken::fromJson).filter(record -> exists(state, record))
        .filter(record -> record.snapshot().isVisibleTo(caller));
    if (stored.isEmpty()) {
      return notFound(id);
    }
    if (!stored.get().snapshot().owner().equals(caller)) {
      return forbidden(id, "only the subscription that took it may update it");
    }
    // Two updates at once: the last one wins, as with the service.
    Taken record = stored.get();
    Snapshot s = record.snapshot();
    Snapshot updated = new Snapshot(s.id(), s.owner(), s.account(), s.type(), s.objectId(),
        present(scope) ? uuids(scope) : s.applyScope(), present(userData) ? userData.asText() : s.userData(),
        s.createdTime(), state.clock().instant());
    state.putResource(FaceApi.NAME, KIND, id, new Taken(updated, record.takeOperationId(), true).toJson(), remainingLife(state, s));
    return ApiReply.text(200, Map.of(), "");
  }

  private ApiReply delete(State state, String caller, String id) {
    Optional<Snapshot> snapshot = find(state, id).filter(s -> s.isVisibleTo(caller));
    if (snapshot.isEmpty()) {
      return notFound(id);
    }
    if (!snapshot.get().owner().equals(caller)) {
      return forbidden(id, "only the subscription that took it may delete it");
    }
    state.removeResource(FaceApi.NAME, KIND, id);
    return ApiReply.text(200, Map.of(), "");
  }

  private static OperationView startOperation(Script script, String target) {
    return script.state().put(FaceApi.NAME, new OperationSpec(Ids.randomUuid().toString(), script.timeline(), target,
        null));
  }

  private static Duration remainingLife(State state, Snapshot snapshot) {
    Duration left = Duration.between(state.clock().instant(), snapshot.createdTime().plus(LIFETIME));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /**
   * Whether a snapshot exists now: its take operation succeeded (or a look saw it succeed before
   * the operation was forgotten), and its lifetime has not run out.
   */
  private static boolean exists(State state, Taken record) {
    Instant now = state.clock().instant();
    Optional<OperationView> take = state.find(FaceApi.NAME, record.takeOperationId());
    Phase phase = take.map(t -> t.now().step().phase())
        .orElse(record.confirmed() ? Phase.SUCCEEDED : Phase.FAILED);
    boolean expired = !now.isBefore(record.snapshot().createdTime().plus(LIFETIME));
    if (phase == Phase.FAILED || expired) {
      // Never was, or is no more: drop the record.
      state.removeResource(FaceApi.NAME, KIND, record.snapshot().id());
      return false;
    }
    if (phase == Phase.SUCCEEDED && !record.confirmed()) {
      state.putResource(FaceApi.NAME, KIND, record.snapshot().id(), new Taken(record.snapshot(), record.takeOperationId(), true).toJson(),
          remainingLife(state, record.snapshot()));
    }
    return phase == Phase.SUCCEEDED;
  }

  private static ApiReply accepted(OperationView operation) {
    // No body, so no Content-Type; the location is relative, as the service sends it.
    return ApiReply.text(202, Map.of(OPERATION_LOCATION, "/operations/" + operation.id()), "");
  }

  private static ApiReply refuse(Refusal refusal, String objectId) {
    return FaceErrors.error(refusal.status(), refusal.code(), refusal.message(objectId));
  }

  /**
   * A call the snapshot's subscriptions rule out. The service's answer is not published; OpStub
   * answers 403 {@code Forbidden} (see the README). A snapshot the caller may not even see is 404.
   */
  private static ApiReply forbidden(String id, String rule) {
    return FaceErrors.error(403, "Forbidden", "Snapshot '" + id + "': " + rule + ".");
  }

  private static ApiReply notFound(String id) {
    return FaceErrors.notFound("Snapshot '" + id + "' is not found.");
  }

  private static ApiReply wrongMethod(String method, String where, String allowed) {
    return FaceErrors.notFound("Resource not found: " + method + " " + where + " is not a Face API call; use "
        + allowed + ".");
  }

  private static Map<String, String> json() {
    return Map.of("Content-Type", FaceOperations.CONTENT_TYPE);
  }

  // --- request bodies ---

  /** A parsed JSON object body, or the 400 that says why there is none. */
  private static final class Body {
    final JsonNode json;
    final ApiReply error;

    private Body(JsonNode json, ApiReply error) {
      this.json = json;
      this.error = error;
    }

    static Body parse(String text) {
      if (text == null || text.isBlank()) {
        return new Body(null, FaceErrors.badArgument("Request body is invalid."));
      }
      JsonNode json;
      try {
        json = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        return new Body(null, FaceErrors.badArgument("JSON parsing error."));
      }
      if (json == null || !json.isObject()) {
        return new Body(null, FaceErrors.badArgument("Request body is invalid."));
      }
      return new Body(json, null);
    }
  }

  @SafeVarargs
  private static String firstProblem(Supplier<String>... checks) {
    for (Supplier<String> check : checks) {
      String problem = check.get();
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  private static String typeProblem(JsonNode type) {
    String allowed = String.join(", ", TYPES);
    if (!present(type)) {
      return "'type' is required: one of " + allowed + ".";
    }
    if (!type.isTextual() || canonicalType(type.asText()) == null) {
      return "'type' must be one of " + allowed + "; was " + shown(type) + ".";
    }
    return null;
  }

  private static String objectIdProblem(JsonNode objectId) {
    String rule = "at most " + MAX_OBJECT_ID_LENGTH + " characters of lower-case letters, digits, '-' and '_' "
        + "(^[a-z0-9-_]+$)";
    if (!present(objectId) || (objectId.isTextual() && objectId.asText().isEmpty())) {
      return "'objectId' is required: " + rule + ".";
    }
    if (!objectId.isTextual()) {
      return "'objectId' must be a string of " + rule + "; was " + shown(objectId) + ".";
    }
    String text = objectId.asText();
    if (text.length() > MAX_OBJECT_ID_LENGTH) {
      return "'objectId' is too long: at most " + MAX_OBJECT_ID_LENGTH + " characters, was " + text.length() + ".";
    }
    if (!OBJECT_ID.matcher(text).matches()) {
      return "'objectId' may only contain lower-case letters, digits, '-' and '_' (^[a-z0-9-_]+$); was "
          + shown(objectId) + ".";
    }
    return null;
  }

  private static String applyScopeProblem(JsonNode scope, boolean required) {
    String rule = "a non-empty array of subscription ids (uuids), e.g. [\"" + UUID_EXAMPLE + "\"]";
    if (!present(scope)) {
      return required ? "'applyScope' is required: " + rule + "." : null;
    }
    if (!scope.isArray() || scope.isEmpty()) {
      return "'applyScope' must be " + rule + "; was " + shown(scope) + ".";
    }
    if (scope.size() > MAX_APPLY_SCOPE_ITEMS) {
      return "'applyScope' has too many items: at most " + MAX_APPLY_SCOPE_ITEMS + " subscription ids, it has "
          + scope.size() + " (the service publishes no limit; this is OpStub's).";
    }
    for (int i = 0; i < scope.size(); i++) {
      JsonNode item = scope.get(i);
      if (!item.isTextual() || !Ids.isUuid(item.asText())) {
        return "'applyScope' item " + (i + 1) + " is not a uuid: " + shown(item) + "; 'applyScope' must be "
            + rule + ".";
      }
    }
    return null;
  }

  private static String userDataProblem(JsonNode userData) {
    if (!present(userData)) {
      return null;
    }
    if (!userData.isTextual()) {
      return "'userData' must be a string of at most " + MAX_USER_DATA_LENGTH + " characters; was " + shown(userData)
          + ".";
    }
    int length = userData.asText().length();
    if (length > MAX_USER_DATA_LENGTH) {
      return "'userData' is too long. It may have at most " + MAX_USER_DATA_LENGTH + " characters (16 KB); it has "
          + length + ".";
    }
    return null;
  }

  private static String modeProblem(JsonNode mode) {
    if (!present(mode)) {
      return null;
    }
    if (!mode.isTextual() || !CREATE_NEW.equalsIgnoreCase(mode.asText())) {
      return "'mode' must be " + CREATE_NEW + " (the only mode), or left out; was " + shown(mode) + ".";
    }
    return null;
  }

  private static String canonicalType(String type) {
    return TYPES.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst().orElse(null);
  }

  private static List<String> uuids(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(item -> out.add(item.asText().toLowerCase(Locale.ROOT)));
    return out;
  }

  private static String text(JsonNode node) {
    return present(node) ? node.asText() : null;
  }

  private static String shown(JsonNode node) {
    return Ids.shorten(node.toString());
  }


  // --- query ---

  private static Map<String, List<String>> queryParameters(String query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  /** The non-empty values of a repeated parameter joined with commas, or {@code null}. */
  private static String joined(List<String> values) {
    if (values == null) {
      return null;
    }
    List<String> nonEmpty = values.stream().filter(v -> !v.isBlank()).toList();
    return nonEmpty.isEmpty() ? null : String.join(",", nonEmpty);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
