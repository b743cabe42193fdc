package dev.opstub.internal.record;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.http.Headers;
import dev.opstub.internal.timeline.TimelineException;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Fault;
import dev.opstub.spi.IdClaim;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Recording.Observed;
import dev.opstub.spi.Recording.StartCall;
import dev.opstub.spi.Recording;
import dev.opstub.spi.Role;
import dev.opstub.spi.Route;
import dev.opstub.spi.Step;
import dev.opstub.spi.StubPriority;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a recording, the requests in the order they came, into OpStub mappings: one per polled
 * operation, whose timeline is what its polls showed, and one per kind of start call, whose
 * started operations follow the timeline the recorded one followed.
 *
 * <pre>{@code
 * Collapser.Result result = new Collapser(Apis.builtIn(), false).collapse(exchanges);
 * result.mappings(); // [face-operation-<id>.json: {... "timeline": "running x2, succeeded" ...}, ...]
 * }</pre>
 *
 * <p>Steps: equal answers in a row are one step ({@code running x3}); an answer of 408, 429 or 5xx
 * is a fault step ({@code http(429, Retry-After=1000ms)}); other errors (401, 404, ...) are about
 * the request, not the operation, and are left out with a note; the timeline ends at the first
 * terminal status. With {@code timed}, a status step lasts from where the previous one ended to
 * halfway between its last poll and the next answer (the change happened in between); fault
 * steps stay counted in polls.
 */
final class Collapser {
  /** A start call the recording kept is one input: before the shipped starts for every input. */
  private static final int STARTER_PRIORITY = StubPriority.ONE_INPUT;
  /** Below the shipped live-operation mappings and above the shipped fallbacks. */
  static final int LIVE_PRIORITY = StubPriority.ADDED_EVERY_OPERATION;

  private final Apis apis;
  private final boolean timed;

  Collapser(Apis apis, boolean timed) {
    this.apis = apis;
    this.timed = timed;
  }

  /** A mapping file to write: its name under the recording's folder and its JSON. */
  record MappingFile(String name, Map<String, Object> mapping) {}

  /** What a recording became. */
  record Result(List<MappingFile> mappings, List<String> notes, int exchanges, int ignored) {}

  private record OperationKey(Dialect api, String id) {}

  private record Start(Dialect api, StartCall call, String operationId, Instant time, Exchange answer) {}

  /** A step's worth of answers: equal answers in a row. */
  private static final class Run {
    final Step step;
    final Object facet;
    final Instant first;
    final List<Recording.Answer> answers = new ArrayList<>();
    Instant last;
    long polls = 1;

    Run(Step step, Object facet, Exchange answer) {
      this.step = step;
      this.facet = facet;
      this.first = answer.time();
      this.last = answer.time();
      answers.add(answer(answer));
    }
  }

  /**
   * What one operation's polls became.
   *
   * @param shown what else the answers showed, in the API's parameters ({@link Recording#shown})
   */
  private record Collapsed(Timeline timeline, String target, Duration retryAfter, Map<String, Object> shown) {}

  Result collapse(List<Exchange> exchanges) {
    Map<OperationKey, List<Exchange>> polls = new LinkedHashMap<>();
    List<Start> starts = new ArrayList<>();
    Set<OperationKey> started = new HashSet<>();
    List<String> notes = new ArrayList<>();
    int ignored = 0;
    for (Exchange exchange : exchanges) {
      if (!sort(exchange, polls, starts, started, notes)) {
        ignored++;
      }
    }
    List<MappingFile> files = new ArrayList<>();
    Map<OperationKey, Start> startedBy = new LinkedHashMap<>();
    starts.forEach(s -> startedBy.putIfAbsent(new OperationKey(s.api, s.operationId), s));
    Map<OperationKey, Collapsed> collapsed = new LinkedHashMap<>();
    polls.forEach((key, answers) -> {
      Start start = startedBy.get(key);
      Collapsed one = collapse(key, answers, start == null ? answers.get(0).time() : start.time,
          start == null ? null : answer(start.answer), notes);
      if (one != null) {
        collapsed.put(key, one);
        files.addAll(operationMappings(key, one));
      }
    });
    Map<String, Start> starters = new LinkedHashMap<>();
    for (Start start : starts) {
      OperationKey key = new OperationKey(start.api, start.operationId);
      String label = start.api.name() + "-start-" + start.call.label();
      Collapsed seen = collapsed.get(key);
      if (seen == null) {
        notes.add(label + ": the operation it started, " + start.operationId + ", was never polled with an answer "
            + "a timeline can hold; no starter mapping for it");
        continue;
      }
      Start first = starters.putIfAbsent(label, start);
      if (first == null) {
        files.add(starterMapping(label, start, seen));
      } else if (!collapsed.get(new OperationKey(first.api, first.operationId)).timeline.equals(seen.timeline)) {
        notes.add(label + ": started again, and operation " + start.operationId + " followed \""
            + seen.timeline.notation() + "\"; the starter mapping keeps the first one's timeline");
      }
    }
    starters.values().stream().map(Start::api).distinct().forEach(api -> files.addAll(liveMappings(api)));
    return new Result(files, notes, exchanges.size(), ignored);
  }

  /**
   * What the operations a starter mapping starts need to be polled without the shipped mappings:
   * the API's poll (and look) routes for every id, answering from the live operations, like the
   * shipped {@code operations-live.json}. At {@link #LIVE_PRIORITY}, below the shipped ones, so
   * that loading the recorded folder with the shipped set changes no answer.
   */
  private static List<MappingFile> liveMappings(Dialect api) {
    List<MappingFile> files = new ArrayList<>();
    List<Route> routes = api.routes(null, Map.of()).stream()
        .filter(route -> route.role() == Role.POLL || route.role() == Role.LOOK).toList();
    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("method", route.method() == null ? "ANY" : route.method());
      request.put("urlPathPattern", route.urlPathPattern());
      files.add(new MappingFile(api.name() + "-operations-live" + (i == 0 ? "" : "-" + (i + 1)) + ".json",
          mapping("Recorded: " + api.statuses().apiName() + " operations the starter mappings start answer from the "
              + "live operations (" + route.role().name().toLowerCase(java.util.Locale.ROOT) + ")", LIVE_PRIORITY,
              request, route.handler().name(), Map.of())));
    }
    return files;
  }

  /** Files the exchange as a poll or a start call; {@code false} when it is neither. */
  private boolean sort(Exchange exchange, Map<OperationKey, List<Exchange>> polls, List<Start> starts,
      Set<OperationKey> started, List<String> notes) {
    OperationKey polled = polled(exchange, started);
    if (polled != null) {
      polls.computeIfAbsent(polled, k -> new ArrayList<>()).add(exchange);
      return true;
    }
    for (Dialect api : apis.all()) {
      Optional<Recording> dialect = api.recording();
      if (dialect.isEmpty()) {
        continue;
      }
      Optional<StartCall> call = dialect.get().startCall(exchange.request());
      if (call.isPresent()) {
        Optional<String> id = exchange.status() / 100 == 2
            ? dialect.get().startedId(exchange.responseHeaders(), exchange.responseBody()) : Optional.empty();
        if (id.isPresent()) {
          starts.add(new Start(api, call.get(), id.get(), exchange.time(), exchange));
          started.add(new OperationKey(api, id.get()));
        } else {
          notes.add(api.name() + "-start-" + call.get().label() + ": answered " + exchange.status()
              + " without starting an operation; not recorded");
        }
        return true;
      }
    }
    return false;
  }

  /**
   * The operation a poll reads, or {@code null} when the exchange is no poll. Where the poll routes
   * of several APIs match (one API's {@code (/<service>)/operations/<id>} matches another's {@code
   * /v1/operations/<id>}), the API whose recorded start handed out the id; else the first.
   */
  private OperationKey polled(Exchange exchange, Set<OperationKey> started) {
    OperationKey first = null;
    for (Dialect api : apis.all()) {
      if (api.recording().isEmpty()) {
        continue;
      }
      Optional<String> id = polledId(api, exchange);
      if (id.isPresent()) {
        OperationKey key = new OperationKey(api, id.get());
        if (started.contains(key)) {
          return key;
        }
        first = first == null ? key : first;
      }
    }
    return first;
  }

  /** The id a request polls, when it is a GET on one of the API's poll routes (a read that advances). */
  private static Optional<String> polledId(Dialect api, Exchange exchange) {
    String path = exchange.request().path();
    if (!"GET".equals(exchange.request().method())) {
      return Optional.empty();
    }
    for (Route poll : pollRoutes(api, null)) {
      if (poll.matchesPath(path)) {
        return api.claimedId("urlPath", path).map(IdClaim::id);
      }
    }
    return Optional.empty();
  }

  private static List<Route> pollRoutes(Dialect api, String id) {
    return api.routes(id, Map.of()).stream().filter(route -> route.role() == Role.POLL).toList();
  }

  private static Recording.Answer answer(Exchange exchange) {
    return new Recording.Answer(exchange.status(), exchange.responseHeaders(), exchange.responseBody());
  }

  private Collapsed collapse(OperationKey key, List<Exchange> answers, Instant created,
      Recording.Answer startAnswer, List<String> notes) {
    Dialect api = key.api;
    Recording dialect = api.recording().orElseThrow();
    List<Run> runs = new ArrayList<>();
    String target = null;
    Duration retryAfter = null;
    int leftOut = 0;
    for (Exchange answer : answers) {
      Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last.step.phase().isTerminal()) {
        leftOut++;
        continue;
      }
      Step step;
      Object facet = null;
      Optional<Observed> seen = dialect.observed(answer.status(), answer.responseHeaders(), answer.responseBody());
      if (seen.isEmpty() && answer.status() / 100 == 2) {
        notes.add(api.name() + " operation " + key.id + ": a " + answer.status()
            + " answer that is not an operation status was left out");
        continue;
      }
      if (seen.isPresent()) {
        Observed observed = seen.get();
        if (observed.note() != null) {
          notes.add(api.name() + " operation " + key.id + ": " + observed.note());
        }
        Phase phase = api.statuses().phaseOf(observed.status()).orElseThrow();
        step = Step.polls(phase, spelled(api, observed.status()), 1, observed.detail());
        facet = observed.facet();
        target = observed.target() != null ? observed.target() : target;
        if (retryAfter == null && !phase.isTerminal()) {
          retryAfter = Headers.retryAfter(answer.responseHeaders());
        }
      } else if (answer.status() == 408 || answer.status() == 429 || answer.status() >= 500) {
        Step before = last == null ? null : last.step;
        step = new Step(before == null ? Phase.RUNNING : before.phase(), before == null ? "" : before.status(), 1, null,
            null, new Fault(Fault.Kind.HTTP, answer.status(), Headers.retryAfter(answer.responseHeaders())), null);
      } else {
        notes.add(api.name() + " operation " + key.id + ": a poll answered " + answer.status()
            + ", which is about the request, not the operation's progress; left out of the timeline");
        continue;
      }
      if (last != null && sameAnswer(last.step, step) && Objects.equals(last.facet, facet)) {
        last.polls++;
        last.last = answer.time();
        last.answers.add(answer(answer));
      } else {
        runs.add(new Run(step, facet, answer));
      }
    }
    if (leftOut > 0) {
      notes.add(api.name() + " operation " + key.id + ": " + leftOut + " poll(s) after the terminal status left out "
          + "(a timeline ends at its terminal status)");
    }
    if (runs.isEmpty()) {
      return null;
    }
    List<Step> steps = steps(runs, created);
    Map<String, Object> shown = dialect.shown(startAnswer,
        runs.subList(0, steps.size()).stream().map(run -> List.copyOf(run.answers)).toList(), notes);
    return new Collapsed(new Timeline(steps), target, retryAfter, shown);
  }

  private static boolean sameAnswer(Step a, Step b) {
    return Objects.equals(a.status(), b.status()) && Objects.equals(a.detail(), b.detail())
        && Objects.equals(a.fault(), b.fault());
  }

  private List<Step> steps(List<Run> runs, Instant created) {
    List<Step> steps = new ArrayList<>();
    Instant begins = created;
    for (int i = 0; i < runs.size(); i++) {
      Run run = runs.get(i);
      Step step = run.step;
      boolean last = i == runs.size() - 1;
      if (step.phase().isTerminal() && !step.isFault()) {
        steps.add(step);
        break;
      }
      if (timed && !step.isFault() && !last) {
        Instant next = runs.get(i + 1).first;
        Instant ends = run.last.plus(Duration.between(run.last, next).dividedBy(2));
        long millis = Math.max(1, Duration.between(begins, ends).toMillis());
        steps.add(new Step(step.phase(), step.status(), 1, Duration.ofMillis(millis), step.detail(), null, null));
        begins = begins.plusMillis(millis);
      } else {
        steps.add(new Step(step.phase(), step.status(), run.polls, null, step.detail(), step.fault(), null));
        begins = run.last; // a counted step ends with its last poll
      }
    }
    return steps;
  }

  /** The status as the API documents it ({@code notstarted} is {@code notStarted}). */
  private static String spelled(Dialect api, String status) {
    return api.statuses().statusNames().stream().filter(status::equalsIgnoreCase).findFirst().orElse(status);
  }


  /**
   * One mapping per URL that polls the operation (a monitor, a Location URL): whichever the replayed
   * client polls first creates it with the recorded timeline, and the others read the same one.
   */
  private List<MappingFile> operationMappings(OperationKey key, Collapsed seen) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("timeline", written(key.api, seen.timeline));
    if (seen.target != null) {
      parameters.put(key.api.fields().get(0).name(), seen.target); // its first field, as Observed says
    }
    if (seen.retryAfter != null && !seen.retryAfter.isZero()) {
      parameters.put(Parameter.RETRY_AFTER.name(), seen.retryAfter.toMillis() + "ms");
    }
    parameters.putAll(seen.shown);
    List<MappingFile> files = new ArrayList<>();
    for (Route poll : pollRoutes(key.api, key.id)) {
      Map<String, Object> carried = new LinkedHashMap<>(parameters);
      carried.keySet().retainAll(poll.parameters());
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("method", poll.method() == null ? "ANY" : poll.method()); // a route of any method
      request.put("urlPathPattern", poll.urlPathPattern());
      String suffix = files.isEmpty() ? "" : "-" + poll.handler().name().substring(("opstub-" + key.api.name() + "-").length());
      files.add(new MappingFile(key.api.name() + "-operation-" + fileSafe(key.id) + suffix + ".json", mapping(
          "Recorded: " + key.api.statuses().apiName() + " operation " + key.id + " follows " + seen.timeline.notation(),
          key.api.recording().orElseThrow().operationPriority(), request, poll.handler().name(), carried)));
    }
    return files;
  }

  private MappingFile starterMapping(String label, Start start, Collapsed seen) {
    Timeline timeline = seen.timeline;
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", start.call.method());
    request.put("urlPathPattern", start.call.urlPathPattern());
    if (start.call.bodyJsonPath() != null) {
      request.put("bodyPatterns", List.of(Map.of("matchesJsonPath", start.call.bodyJsonPath())));
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("timeline", written(start.api, timeline));
    List<String> taken = start.call.handler().parameters().stream().map(Parameter::name).toList();
    seen.shown.forEach((name, value) -> {
      if (taken.contains(name)) {
        parameters.put(name, value);
      }
    });
    return new MappingFile(fileSafe(label) + ".json", mapping("Recorded: " + label
        + " starts an operation that follows " + timeline.notation(), STARTER_PRIORITY, request,
        start.call.handler().name(), parameters));
  }

  private static Map<String, Object> mapping(String name, int priority, Map<String, Object> request, String transformer,
      Map<String, Object> parameters) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("status", 200);
    response.put("transformers", List.of(transformer));
    if (!parameters.isEmpty()) {
      response.put("transformerParameters", parameters);
    }
    Map<String, Object> mapping = new LinkedHashMap<>();
    mapping.put("name", name);
    mapping.put("priority", priority);
    mapping.put("request", request);
    mapping.put("response", response);
    return mapping;
  }

  /**
   * The timeline in the notation when the notation reads back as the same steps; otherwise (a
   * message with an unbalanced parenthesis, leading spaces) the JSON form, which holds any text.
   */
  static Object written(Dialect api, Timeline timeline) {
    String notation = timeline.notation();
    try {
      if (TimelineParser.parse(notation, api.statuses()).equals(timeline)) {
        return notation;
      }
    } catch (TimelineException e) {
      // falls through to the JSON form
    }
    List<Object> items = new ArrayList<>();
    for (Step step : timeline.steps()) {
      if (step.isFault()) {
        items.add(step.notation());
        continue;
      }
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("status", step.status());
      if (step.isTimed()) {
        item.put("duration", step.duration().toMillis() + "ms");
      } else if (step.polls() > 1) {
        item.put("polls", step.polls());
      }
      if (step.detail() != null) {
        item.put("message", step.detail());
      }
      items.add(item);
    }
    return items;
  }

  private static String fileSafe(String text) {
    return text.replaceAll("[^A-Za-z0-9_.-]+", "-");
  }
}
