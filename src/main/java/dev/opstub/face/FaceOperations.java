package dev.opstub.face;

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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Face API "Get Operation Status": {@code GET /face/v1.0-preview/operations/{operationId}} (and
 * the stable {@code /face/v1.0/...}).
 *
 * <p>Checks the subscription key, then the id, then serves one poll of the operation in the
 * dialect of the path. An operation that is not live is created on its first poll when the stub
 * gives a {@link Script} for it (a well-known id in a mapping file); otherwise it is 404.
 *
 * <pre>{@code
 * FaceOperations face = new FaceOperations(store);
 * ApiReply reply = face.getStatus(request, new FaceOperations.Script(timeline, "/snapshots/e58b..."));
 * }</pre>
 */
public final class FaceOperations {
  /** The store namespace of Face operations. */
  public static final String API = "face";
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";
  public static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";
  /** The pack's default body template, a path under {@code __files}. */
  public static final String STATUS_TEMPLATE = "opstub/face/operation-status.json";
  /** The message of a {@code failed} step written without one. */
  public static final String DEFAULT_FAILURE_MESSAGE =
      "The source object was edited while the snapshot was being taken. Take the snapshot again.";

  private static final Pattern PATH = Pattern.compile("/face/v1\\.0(?:-preview)?/operations(?:/([^/?#]*))?/?");
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final OperationStore store;

  public FaceOperations(OperationStore store) {
    this.store = store;
  }

  /**
   * What a stub says about the operation it answers for: the timeline it follows from its first
   * poll, and the {@code resourceLocation} served once it succeeded.
   */
  public record Script(Timeline timeline, String resourceLocation, Duration expireAfter) {

    /** A script whose operations never expire. */
    public Script(Timeline timeline, String resourceLocation) {
      this(timeline, resourceLocation, null);
    }
  }

  /** Serves one poll; {@code script} may be {@code null} (then only live operations answer). */
  public ApiReply getStatus(ApiRequest request, Script script) {
    FaceDialect dialect = FaceDialect.ofPath(request.path());
    Matcher m = PATH.matcher(request.path());
    String rawId = dialect != null && m.matches() && m.group(1) != null ? m.group(1) : "";
    boolean wellFormed = UUID.matcher(rawId).matches();
    String id = wellFormed ? rawId.toLowerCase(Locale.ROOT) : rawId;
    ApiReply.Polled refused = new ApiReply.Polled(API, id, null, false);
    String key = request.header(KEY_HEADER);
    if (key == null || key.isBlank()) {
      return FaceErrors.unauthorized().withPolled(refused);
    }
    if (rawId.isEmpty()) {
      return FaceErrors.notFound("Resource not found.");
    }
    if (!wellFormed) {
      return FaceErrors.badArgument("Invalid operation id '" + shorten(rawId)
          + "': expected a uuid such as a63a3bdd-a1db-4d05-87b8-dbad6850062a.").withPolled(refused);
    }
    Operation.Poll poll = store.poll(API, id, script == null ? null
        : newId -> new Operation(newId, script.timeline(), store.clock().instant(), script.resourceLocation(),
            script.expireAfter()));
    if (poll == null) {
      return FaceErrors.notFound("Operation '" + id + "' is not found.").withPolled(refused);
    }
    if (poll.step().isFault()) {
      return FaultReplies.of(poll.step().fault(), FaceErrors::forStatus).withPolled(refused).withDelay(poll.delay());
    }
    Map<String, Object> model = model(poll, dialect);
    return ApiReply.templated(200, Map.of("Content-Type", CONTENT_TYPE), STATUS_TEMPLATE, model)
        .withPolled(new ApiReply.Polled(API, id, (String) model.get("status"), poll.isTerminal()))
        .withDelay(poll.delay());
  }

  /**
   * The values a status body template reads: {@code operationId, status, createdTime,
   * lastActionTime, finishedTime, resourceLocation, message, poll, terminal}. Absent values are
   * {@code null}.
   */
  public static Map<String, Object> model(Operation.Poll poll, FaceDialect dialect) {
    Phase phase = poll.step().phase();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("operationId", poll.operationId());
    model.put("status", dialect.statusName(phase));
    model.put("createdTime", timestamp(poll.createdTime()));
    model.put("lastActionTime", timestamp(poll.lastActionTime()));
    model.put("finishedTime",
        dialect.showsFinishedTime() && poll.finishedTime() != null ? timestamp(poll.finishedTime()) : null);
    model.put("resourceLocation", phase == Phase.SUCCEEDED ? poll.target() : null);
    model.put("message", phase == Phase.FAILED
        ? (poll.step().detail() != null ? poll.step().detail() : DEFAULT_FAILURE_MESSAGE) : null);
    model.put("poll", poll.number());
    model.put("terminal", poll.isTerminal());
    return model;
  }

  /** UTC with seven fraction digits and {@code Z}, as the seed's sample. */
  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  private static String shorten(String id) {
    return id.length() <= 80 ? id : id.substring(0, 80) + "...";
  }
}
