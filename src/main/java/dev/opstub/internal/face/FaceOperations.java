package dev.opstub.internal.face;

import dev.opstub.internal.http.Ids;
import dev.opstub.internal.http.Timestamps;
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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Face API "Get Operation Status": {@code GET /face/v1.0-preview/operations/{operationId}} (and
 * the stable {@code /face/v1.0/...}), the handler of {@value #NAME}.
 *
 * <p>Checks the subscription key, then the id, then serves one poll of the operation in the
 * dialect of the path. An operation that is not live is created on its first poll when the stub
 * gives a {@code timeline} (a well-known id in a mapping file); otherwise it is 404.
 *
 * <p>{@code transformerParameters}: {@code timeline}, {@code resourceLocation} (served on
 * success), {@code retryAfter}, {@code expireAfter}.
 *
 * <pre>{@code
 * StubParameters p = StubParameters.read(FaceOperations.INSTANCE, Map.of("timeline", "running, succeeded"));
 * Reply reply = FaceOperations.INSTANCE.handle(request, p, state);
 * }</pre>
 */
public final class FaceOperations implements Handler {
  /** The transformer's name. */
  public static final String NAME = "opstub-face-operation";
  public static final Parameter<Timeline> TIMELINE = Parameter.timeline(FaceStatuses.INSTANCE);
  public static final Parameter<String> RESOURCE_LOCATION = Parameter.string("resourceLocation",
      "a path such as \"/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc\"").withSchema("""
          {"type": "string", "description": "served as resourceLocation once the operation succeeded",
           "examples": ["/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc"]}""");
  public static final FaceOperations INSTANCE = new FaceOperations();

  public static final String CONTENT_TYPE = "application/json; charset=utf-8";
  public static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";
  /** The pack's default body template, a path under {@code __files}. */
  public static final String STATUS_TEMPLATE = "opstub/face/operation-status.json";
  /** The message of a {@code failed} step written without one. */
  public static final String DEFAULT_FAILURE_MESSAGE =
      "The source object was edited while the snapshot was being taken. Take the snapshot again.";

  private static final Pattern PATH = Pattern.compile("/face/v1\\.0(?:-preview)?/operations(?:/([^/?#]*))?/?");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final List<Parameter<?>> PARAMETERS =
      List.of(TIMELINE, RESOURCE_LOCATION, Parameter.RETRY_AFTER, Parameter.EXPIRE_AFTER);

  private FaceOperations() {}

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
    FaceDialect dialect = FaceDialect.ofPath(request.path());
    Matcher m = PATH.matcher(request.path());
    String rawId = dialect != null && m.matches() && m.group(1) != null ? m.group(1) : "";
    Optional<String> wellFormed = FaceApi.INSTANCE.operationId(rawId);
    String id = wellFormed.orElse(rawId);
    Reply.Polled refused = new Reply.Polled(FaceApi.NAME, id, null, false);
    String key = request.header(KEY_HEADER);
    if (key == null || key.isBlank()) {
      return FaceErrors.unauthorized().withPolled(refused);
    }
    if (rawId.isEmpty()) {
      return FaceErrors.notFound("Resource not found.");
    }
    if (wellFormed.isEmpty()) {
      return FaceErrors.badArgument("Invalid operation id '" + Ids.shorten(rawId)
          + "': expected a uuid such as a63a3bdd-a1db-4d05-87b8-dbad6850062a.").withPolled(refused);
    }
    Timeline timeline = parameters.get(TIMELINE);
    OperationSpec script = timeline == null ? null
        : new OperationSpec(id, timeline, parameters.get(RESOURCE_LOCATION), parameters.get(Parameter.EXPIRE_AFTER));
    return operations.serve(request, parameters, FaceApi.NAME, id, script, new Answers() {
      @Override
      public Reply notFound() {
        return FaceErrors.notFound("Operation '" + id + "' is not found.");
      }

      @Override
      public int notFoundStatus() {
        return FaceErrors.NOT_FOUND;
      }

      @Override
      public Reply httpError(int status) {
        return FaceErrors.forStatus(status);
      }

      @Override
      public Reply status(Poll poll) {
        if (script == null || !Objects.equals(script.target(), poll.target())) {
          // The poll that sees a take end settles its snapshot for good. An operation made from
          // this stub's own script is no take; skipping it keeps a store read off that hot path.
          SnapshotStore.settle(operations, poll);
        }
        return Reply.templated(200, Map.of("Content-Type", CONTENT_TYPE), STATUS_TEMPLATE, model(poll, dialect));
      }

      @Override
      public String statusName(Poll poll) {
        return dialect.statusName(poll.step().phase());
      }
    });
  }

  /**
   * The values a status body template reads: {@code operationId, status, createdTime,
   * lastActionTime, finishedTime, resourceLocation, message, poll, terminal}. Absent values are
   * {@code null}.
   */
  public static Map<String, Object> model(Poll poll, FaceDialect dialect) {
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
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      return TIMESTAMP.format(instant);
    }
    // Written by hand: a poll writes up to three, and the formatter was most of a poll's own cost.
    char[] out = "0000-00-00T00:00:00.0000000Z".toCharArray();
    Timestamps.digits(out, 0, 4, t.getYear());
    Timestamps.digits(out, 5, 2, t.getMonthValue());
    Timestamps.digits(out, 8, 2, t.getDayOfMonth());
    Timestamps.digits(out, 11, 2, t.getHour());
    Timestamps.digits(out, 14, 2, t.getMinute());
    Timestamps.digits(out, 17, 2, t.getSecond());
    Timestamps.digits(out, 20, 7, t.getNano() / 100);
    return new String(out);
  }
}
