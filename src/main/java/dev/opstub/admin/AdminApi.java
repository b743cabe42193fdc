package dev.opstub.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.face.FaceOperations;
import dev.opstub.face.FaceStatuses;
import dev.opstub.journal.PollJournal;
import dev.opstub.journal.RecordedPoll;
import dev.opstub.media.MediaIds;
import dev.opstub.media.MediaOperations;
import dev.opstub.media.MediaStatuses;
import dev.opstub.timeline.ControllableClock;
import dev.opstub.timeline.Operation;
import dev.opstub.timeline.OperationStore;
import dev.opstub.timeline.StatusVocabulary;
import dev.opstub.timeline.Timeline;
import dev.opstub.timeline.TimelineException;
import dev.opstub.timeline.TimelineParser;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The pack's admin API, JSON in and out, free of any server library: what a test runner does
 * remotely to a standalone server (mounted under {@code /__admin/opstub/} by the WireMock adapter).
 *
 * <pre>{@code
 * AdminApi admin = new AdminApi(store, journal, clock);
 * AdminApi.Reply created = admin.createOperation("{\"api\":\"face\",\"id\":\"...\",\"timeline\":\"running, succeeded\"}");
 * }</pre>
 *
 * <p>Every error is a 4xx with {@code {"error": "<what was wrong and what is allowed>"}}.
 */
public final class AdminApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Set<String> CREATE_KEYS =
      Set.of("api", "id", "timeline", "resourceLocation", "targetEntityId", "expireAfter");

  private final OperationStore store;
  private final PollJournal journal;
  private final ControllableClock clock;

  /**
   * @param clock the operations' clock if it can be controlled, else {@code null} (then the clock
   *     routes answer 409)
   */
  public AdminApi(OperationStore store, PollJournal journal, ControllableClock clock) {
    this.store = store;
    this.journal = journal;
    this.clock = clock;
  }

  /** An answer: HTTP status and JSON body. */
  public record Reply(int status, String json) {}

  /** A request the admin API refuses, with its status. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** {@code GET operations}: every live operation with its current step and poll count. */
  public Reply listOperations() {
    ArrayNode list = JSON.createArrayNode();
    store.list().stream()
        .sorted(Comparator.comparing((OperationStore.Live l) -> l.api()).thenComparing(l -> l.operation().id()))
        .forEach(live -> list.add(describe(live.api(), live.operation())));
    ObjectNode out = JSON.createObjectNode();
    out.set("operations", list);
    out.put("count", list.size());
    return ok(200, out);
  }

  /** {@code GET operations/{api}/{id}}: one operation with its poll history. */
  public Reply getOperation(String api, String id) {
    return handle(() -> {
      String key = normalisedId(api(api), id);
      Operation operation = find(api, key);
      ObjectNode out = describe(api, operation);
      ArrayNode polls = out.putArray("polls");
      for (RecordedPoll poll : journal.of(api, key)) {
        ObjectNode p = polls.addObject();
        p.put("time", poll.time().toString());
        p.put("httpStatus", poll.httpStatus());
        p.put("status", poll.status());
        if (poll.retryAfter() != null) {
          p.put("retryAfterMs", poll.retryAfter().toMillis());
        }
      }
      return ok(200, out);
    });
  }

  /**
   * {@code POST operations} with {@code {"api": "face"|"media", "id": "...", "timeline": "...",
   * "resourceLocation"|"targetEntityId": "...", "expireAfter": "10m"}}: creates or replaces.
   */
  public Reply createOperation(String body) {
    return handle(() -> {
      JsonNode request = object(body, "{\"api\": \"face\", \"id\": \"<uuid>\", \"timeline\": \"running x2, succeeded\"}");
      for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!CREATE_KEYS.contains(name)) {
          throw new Refused(400, "unknown field \"" + name + "\"; allowed: api, id, timeline, resourceLocation "
              + "(face), targetEntityId (media), expireAfter");
        }
      }
      String api = text(request, "api", true);
      StatusVocabulary statuses = api(api);
      String id = normalisedId(statuses, text(request, "id", true));
      Timeline timeline;
      try {
        timeline = TimelineParser.parseAny(request.has("timeline") && request.get("timeline").isArray()
            ? JSON.convertValue(request.get("timeline"), List.class) : text(request, "timeline", true), statuses);
      } catch (TimelineException e) {
        throw new Refused(400, e.getMessage());
      }
      String target = text(request, api.equals(FaceOperations.API) ? "resourceLocation" : "targetEntityId", false);
      if (request.has(api.equals(FaceOperations.API) ? "targetEntityId" : "resourceLocation")) {
        throw new Refused(400, api.equals(FaceOperations.API)
            ? "targetEntityId is a Media Services field; a Face operation takes resourceLocation"
            : "resourceLocation is a Face API field; a Media Services operation takes targetEntityId");
      }
      Duration expireAfter = span(text(request, "expireAfter", false), "expireAfter");
      Operation operation = store.put(api, new Operation(id, timeline, store.clock().instant(), target, expireAfter));
      return ok(201, describe(api, operation));
    });
  }

  /** {@code DELETE operations/{api}/{id}}. */
  public Reply deleteOperation(String api, String id) {
    return handle(() -> {
      String key = normalisedId(api(api), id);
      find(api, key);
      store.remove(api, key);
      return ok(200, JSON.createObjectNode().put("deleted", api + " " + key));
    });
  }

  /** {@code DELETE operations} or {@code POST reset}: forget every operation and poll; real time again. */
  public Reply reset() {
    store.clear();
    journal.clear();
    if (clock != null) {
      clock.reset();
    }
    return ok(200, JSON.createObjectNode().put("reset", true));
  }

  /** {@code GET clock}. */
  public Reply clock() {
    return handle(() -> ok(200, clockState()));
  }

  /** {@code POST clock/freeze}, optional body {@code {"at": "2026-01-01T00:00:00Z"}}. */
  public Reply freeze(String body) {
    return handle(() -> {
      ControllableClock c = controllable();
      JsonNode request = body == null || body.isBlank() ? JSON.createObjectNode() : object(body, "{\"at\": \"2026-01-01T00:00:00Z\"}");
      String at = text(request, "at", false);
      if (at == null) {
        c.freeze();
      } else {
        c.freezeAt(instant(at));
      }
      return ok(200, clockState());
    });
  }

  /** {@code POST clock/advance} with {@code {"by": "10s"}}. */
  public Reply advance(String body) {
    return handle(() -> {
      ControllableClock c = controllable();
      Duration by = span(text(object(body, "{\"by\": \"10s\"}"), "by", true), "by");
      c.advance(by);
      return ok(200, clockState());
    });
  }

  /** {@code POST clock/resume}: real time again from where the clock stands. */
  public Reply resume() {
    return handle(() -> {
      controllable().resume();
      return ok(200, clockState());
    });
  }

  private ObjectNode clockState() {
    ObjectNode out = JSON.createObjectNode();
    out.put("now", store.clock().instant().toString());
    out.put("mode", clock != null && clock.isFrozen() ? "frozen" : "running");
    out.put("controllable", clock != null);
    return out;
  }

  private ControllableClock controllable() {
    if (clock == null) {
      throw new Refused(409, "this server's operations run on a clock that cannot be controlled "
          + "(it was given its own OperationStore clock)");
    }
    return clock;
  }

  private ObjectNode describe(String api, Operation operation) {
    Operation.Poll now = operation.peek(store.clock().instant());
    ObjectNode out = JSON.createObjectNode();
    out.put("api", api);
    out.put("id", operation.id());
    out.put("timeline", operation.timeline().notation());
    out.put("step", now.stepIndex() + 1);
    out.put("status", now.step().isFault() ? now.step().fault().notation() : now.step().status());
    out.put("polls", now.number());
    out.put("createdTime", operation.createdTime().toString());
    if (operation.target() != null) {
      out.put(api.equals(FaceOperations.API) ? "resourceLocation" : "targetEntityId", operation.target());
    }
    return out;
  }

  private Operation find(String api, String id) {
    return store.find(api, id).orElseThrow(() -> new Refused(404, "no live " + api + " operation '" + id
        + "'; GET /__admin/opstub/operations lists the live ones"));
  }

  private static StatusVocabulary api(String api) {
    if (FaceOperations.API.equals(api)) {
      return FaceStatuses.INSTANCE;
    }
    if (MediaOperations.API.equals(api)) {
      return MediaStatuses.INSTANCE;
    }
    throw new Refused(400, "unknown api '" + api + "'; allowed: face, media");
  }

  private static String normalisedId(StatusVocabulary api, String id) {
    if (api == FaceStatuses.INSTANCE) {
      if (!UUID.matcher(id).matches()) {
        throw new Refused(400, "a Face operation id is a uuid such as a63a3bdd-a1db-4d05-87b8-dbad6850062a; was '" + id + "'");
      }
      return id.toLowerCase(Locale.ROOT);
    }
    return MediaIds.operationId(id).orElseThrow(() ->
        new Refused(400, "a Media Services operation id is nb:opid:UUID:<guid>; was '" + id + "'"));
  }

  private static JsonNode object(String body, String example) {
    JsonNode node;
    try {
      node = body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Refused(400, "the body is not JSON (" + e.getOriginalMessage() + "); expected e.g. " + example);
    }
    if (node == null || !node.isObject()) {
      throw new Refused(400, "expected a JSON object such as " + example);
    }
    return node;
  }

  private static String text(JsonNode request, String field, boolean required) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new Refused(400, "\"" + field + "\" is missing");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new Refused(400, "\"" + field + "\" must be a string; was " + value);
    }
    return value.asText();
  }

  private static Duration span(String value, String field) {
    if (value == null) {
      return null;
    }
    Duration span = TimelineParser.parseDuration(value);
    if (span == null) {
      throw new Refused(400, "\"" + field + "\" must be a positive span such as \"10s\" or \"1500ms\"; was \"" + value + "\"");
    }
    return span;
  }

  private static Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new Refused(400, "\"at\" must be a UTC instant such as 2026-01-01T00:00:00Z; was \"" + value + "\"");
    }
  }

  private static Reply handle(java.util.function.Supplier<Reply> action) {
    try {
      return action.get();
    } catch (Refused e) {
      return ok(e.status, JSON.createObjectNode().put("error", e.getMessage()));
    }
  }

  private static Reply ok(int status, JsonNode body) {
    return new Reply(status, body.toString());
  }
}
