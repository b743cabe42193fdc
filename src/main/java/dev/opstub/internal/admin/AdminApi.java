package dev.opstub.internal.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.api.OperationReader;
import dev.opstub.internal.api.StateOperations;
import dev.opstub.internal.conformance.Judge;
import dev.opstub.internal.conformance.JudgementJson;
import dev.opstub.internal.conformance.Waivers;
import dev.opstub.internal.http.AdminReply.Refused;
import dev.opstub.internal.http.AdminReply;
import dev.opstub.internal.state.PollRecord;
import dev.opstub.internal.state.State;
import dev.opstub.internal.state.StoreUnavailable;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Timeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The pack's admin API, JSON in and out, free of any server library: what a test runner does
 * remotely to a standalone server (mounted under {@code /__admin/opstub/} by the WireMock adapter).
 *
 * <pre>{@code
 * AdminApi admin = new AdminApi(state, Apis.builtIn());
 * AdminReply created = admin.createOperation("{\"api\":\"face\",\"id\":\"...\",\"timeline\":\"running, succeeded\"}");
 * }</pre>
 *
 * <p>Every error is a 4xx with {@code {"error": "<what was wrong and what is allowed>"}}.
 */
public final class AdminApi {
  // Text after the JSON value is an error, not something to ignore.
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /** The fields of {@code POST operations} every API takes; the rest are the API's {@link Dialect#fields()}. */
  private static final List<String> OWN = List.of("api", "id", "timeline", "expireAfter");

  private final State state;
  private final Apis apis;

  public AdminApi(State state, Apis apis) {
    this.state = state;
    this.apis = apis;
  }

  /** The operations {@code GET operations} answers when no {@code limit} is given. */
  public static final int DEFAULT_PAGE = 100;
  /** The most operations one page of {@code GET operations} holds. */
  public static final int MAX_PAGE = 1_000;

  /** {@code GET operations}: the first page of the live operations (see {@link #listOperations(String, String)}). */
  public AdminReply listOperations() {
    return listOperations(null, null);
  }

  /**
   * {@code GET operations?limit=100&cursor=...}: one page of the live operations, ordered by API and
   * id, with their current step and poll count; {@code next} is the cursor of the next page, absent
   * on the last one.
   *
   * @param limit the page size, 1 to {@link #MAX_PAGE}, or {@code null} for {@link #DEFAULT_PAGE}
   * @param cursor the {@code next} of the previous page, or {@code null} for the first
   */
  public AdminReply listOperations(String limit, String cursor) {
    return handle(() -> {
      int size = pageSize(limit);
      State.OperationKey after = cursor == null || cursor.isEmpty() ? null : afterCursor(cursor);
      List<OperationView> page = state.operations(after, size + 1);
      ArrayNode list = JSON.createArrayNode();
      page.stream().limit(size).forEach(live -> list.add(describe(live)));
      ObjectNode out = JSON.createObjectNode();
      out.set("operations", list);
      out.put("count", list.size());
      out.put("limit", size);
      if (page.size() > size) {
        OperationView last = page.get(size - 1);
        out.put("next", Base64.getUrlEncoder().withoutPadding()
            .encodeToString((last.api() + "\n" + last.id()).getBytes(StandardCharsets.UTF_8)));
      }
      return reply(200, out);
    });
  }

  private static int pageSize(String limit) {
    if (limit == null) {
      return DEFAULT_PAGE;
    }
    try {
      int size = Integer.parseInt(limit.trim());
      if (size >= 1 && size <= MAX_PAGE) {
        return size;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Refused(400, "limit must be a whole number from 1 to " + MAX_PAGE + " (default " + DEFAULT_PAGE
        + "); was \"" + limit + "\"");
  }

  /** The operation a cursor (a {@code next} this API gave) points after. */
  private static State.OperationKey afterCursor(String cursor) {
    try {
      String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int newline = key.indexOf('\n');
      if (newline > 0) {
        return new State.OperationKey(key.substring(0, newline), key.substring(newline + 1));
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw new Refused(400, "cursor \"" + cursor + "\" is not a \"next\" this API gave; "
        + "leave it out to start from the first page");
  }

  /** {@code GET operations/{api}/{id}}: one operation with its poll history. */
  public AdminReply getOperation(String api, String id) {
    return handle(() -> {
      Dialect known = api(api);
      String key = normalisedId(known, id);
      ObjectNode out = describe(find(known, key));
      ArrayNode polls = out.putArray("history");
      for (PollRecord poll : state.polls(known.name(), key)) {
        ObjectNode p = polls.addObject();
        p.put("time", poll.time().toString());
        if (poll.url() != null) {
          p.put("method", poll.method());
          p.put("url", poll.url());
        }
        p.put("httpStatus", poll.httpStatus());
        p.put("status", poll.status());
        if (poll.retryAfter() != null) {
          p.put("retryAfterMs", poll.retryAfter().toMillis());
        }
      }
      return reply(200, out);
    });
  }

  /**
   * {@code GET operations/{api}/{id}/conformance}: how the client polled the operation, judged
   * against its API's rules (docs/conformance.md): one verdict per rule with its source, one line
   * per violation, the polls judged. Answers also once the operation is gone, while its polls are kept.
   */
  public AdminReply conformance(String api, String id) {
    return handle(() -> {
      Dialect known = api(api);
      String key = normalisedId(known, id);
      OperationView live = state.find(known.name(), key).orElse(null);
      List<PollRecord> polls = state.polls(known.name(), key);
      if (live == null && polls.isEmpty()) {
        throw new Refused(404, "no live " + known.name() + " operation '" + key + "' and no poll of it recorded; "
            + "GET /__admin/opstub/operations lists the live ones");
      }
      return reply(200, JudgementJson.of(Judge.judge(known, key, polls, live, state, Waivers.NONE)));
    });
  }

  /**
   * {@code POST operations} with {@code {"api": <name>, "id": "...", "timeline": "...",
   * "resourceLocation"|"targetEntityId": "...", "expireAfter": "10m"}}: creates or replaces.
   */
  public AdminReply createOperation(String body) {
    return handle(() -> {
      // The example is the registry's first API's, so the admin API names none itself.
      Dialect first = apis.all().get(0);
      JsonNode request = AdminReply.object(body, "{\"api\": \"" + first.name() + "\", \"id\": \"<id>\", \"timeline\": \""
          + first.statuses().example() + "\"}");
      Set<String> fields = new LinkedHashSet<>();
      apis.all().forEach(a -> fields.addAll(OperationReader.fieldNames(a)));
      for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!OWN.contains(name) && !fields.contains(name)) {
          StringBuilder allowed = new StringBuilder(String.join(", ", OWN));
          apis.all().forEach(a -> allowed.append(", ").append(String.join(", ", OperationReader.fieldNames(a)))
              .append(" (").append(a.name()).append(')'));
          throw new Refused(400, "unknown field \"" + name + "\"; allowed: " + allowed);
        }
      }
      Dialect api = api(text(request, "api", true));
      String id = normalisedId(api, text(request, "id", true));
      Map<String, Object> given = new LinkedHashMap<>();
      request.fields().forEachRemaining(field -> {
        if (!OWN.contains(field.getKey()) && !field.getValue().isNull()) {
          given.put(field.getKey(), JSON.convertValue(field.getValue(), Object.class));
        }
      });
      Duration expireAfter = span(text(request, "expireAfter", false), "expireAfter");
      OperationSpec spec;
      try { // a field or a timeline (TimelineException) that does not read
        Object timeline = request.has("timeline") && request.get("timeline").isArray()
            ? JSON.convertValue(request.get("timeline"), List.class) : text(request, "timeline", true);
        spec = OperationReader.read(api, id, timeline, given, expireAfter, new StateOperations(state));
      } catch (IllegalArgumentException e) {
        throw new Refused(400, e.getMessage());
      }
      return reply(201, describe(state.put(api.name(), spec)));
    });
  }

  /** {@code DELETE operations/{api}/{id}}. */
  public AdminReply deleteOperation(String api, String id) {
    return handle(() -> {
      Dialect known = api(api);
      String key = normalisedId(known, id);
      find(known, key);
      state.remove(known.name(), key);
      return reply(200, JSON.createObjectNode().put("deleted", api + " " + key));
    });
  }

  /**
   * {@code DELETE operations} or {@code POST reset}: forget every operation, snapshot and poll;
   * real time again. The body must be empty or {@code {}}.
   */
  public AdminReply reset(String body) {
    return handle(() -> {
      noFields(body);
      state.reset();
      return reply(200, JSON.createObjectNode().put("reset", true));
    });
  }

  /** {@code GET clock}. */
  public AdminReply clock() {
    return handle(() -> reply(200, clockState()));
  }

  /** {@code POST clock/freeze}, optional body {@code {"at": "2026-01-01T00:00:00Z"}}. */
  public AdminReply freeze(String body) {
    return handle(() -> {
      JsonNode request = body == null || body.isBlank() ? JSON.createObjectNode() : AdminReply.object(body, "{\"at\": \"2026-01-01T00:00:00Z\"}");
      onlyFields(request, List.of("at"));
      String at = text(request, "at", false);
      Instant instant = at == null ? null : instant(at);
      clockChange(() -> state.freezeClock(instant));
      return reply(200, clockState());
    });
  }

  /** {@code POST clock/advance} with {@code {"by": "10s"}}. */
  public AdminReply advance(String body) {
    return handle(() -> {
      JsonNode request = AdminReply.object(body, "{\"by\": \"10s\"}");
      onlyFields(request, List.of("by"));
      Duration by = span(text(request, "by", true), "by");
      clockChange(() -> state.advanceClock(by));
      return reply(200, clockState());
    });
  }

  /**
   * {@code POST clock/resume}: real time again from where the clock stands. The body must be empty
   * or {@code {}}.
   */
  public AdminReply resume(String body) {
    return handle(() -> {
      noFields(body);
      state.resumeClock();
      return reply(200, clockState());
    });
  }

  /** Runs a change of the clock; the clock's own refusal (a time out of its range) is a 400. */
  private static void clockChange(Runnable change) {
    try {
      change.run();
    } catch (IllegalArgumentException e) {
      throw new Refused(400, e.getMessage());
    }
  }

  private ObjectNode clockState() {
    ObjectNode out = JSON.createObjectNode();
    out.put("now", state.clock().instant().toString());
    out.put("mode", state.isClockFrozen() ? "frozen" : "running");
    out.put("controllable", true);
    return out;
  }

  private ObjectNode describe(OperationView operation) {
    Poll now = operation.now();
    ObjectNode out = JSON.createObjectNode();
    out.put("api", operation.api());
    out.put("id", operation.id());
    Dialect api = apis.byName(operation.api()).orElse(null);
    out.put("timeline", api == null ? operation.timeline().notation()
        : api.shownTimeline(operation.target(), operation.timeline(), new StateOperations(state)));
    out.put("step", now.stepIndex() + 1);
    out.put("status", now.step().isFault() ? now.step().fault().notation()
        : api == null ? now.step().status() : api.shownStatus(operation.target(), now, new StateOperations(state)));
    out.put("polls", now.number());
    out.put("createdTime", operation.createdTime().toString());
    if (operation.canceled()) {
      // The timeline stays as scripted; step is the one it was canceled on, status the canceled one.
      out.put("canceledTime", now.finishedTime().toString());
    }
    if (operation.target() != null && api != null) {
      api.shownFields(operation.target(), new StateOperations(state))
          .forEach((name, value) -> out.set(name, value == null ? NullNode.getInstance() : JSON.valueToTree(value)));
    }
    return out;
  }

  private OperationView find(Dialect api, String id) {
    return state.find(api.name(), id).orElseThrow(() -> new Refused(404, "no live " + api.name() + " operation '"
        + id + "'; GET /__admin/opstub/operations lists the live ones"));
  }

  private Dialect api(String name) {
    return apis.byName(name).orElseThrow(() ->
        new Refused(400, "unknown api '" + name + "'; allowed: " + apis.names()));
  }

  private static String normalisedId(Dialect api, String id) {
    return api.operationId(id).orElseThrow(() -> new Refused(400, api.idProblem(id)));
  }

  /** Refuses a field that is not in {@code allowed}, as a misspelt field would otherwise be ignored. */
  private static void onlyFields(JsonNode request, List<String> allowed) {
    for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new Refused(400, "unknown field \"" + name + "\"; allowed: " + String.join(", ", allowed));
      }
    }
  }

  /** A body for a route without fields: empty, or an empty JSON object. */
  private static void noFields(String body) {
    if (body == null || body.isBlank()) {
      return;
    }
    Iterator<String> names = AdminReply.object(body, "{}").fieldNames();
    if (names.hasNext()) {
      throw new Refused(400, "unknown field \"" + names.next() + "\"; this route takes no fields (send no body)");
    }
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

  /** Runs an admin call, answering a {@link Refused} (and an unreachable store) as {@code {"error": ...}}. */
  private static AdminReply handle(Supplier<AdminReply> action) {
    try {
      return AdminReply.handle(action);
    } catch (StoreUnavailable e) {
      return AdminReply.error(503, e.getMessage());
    }
  }

  private static AdminReply reply(int status, JsonNode body) {
    return new AdminReply(status, body.toString());
  }
}
