package dev.opstub.demo;

import dev.opstub.spi.Answers;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Handler;
import dev.opstub.spi.IdClaim;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Recording;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.Route;
import dev.opstub.spi.StatusVocabulary;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Demo API: a dialect written only against {@code dev.opstub.spi} and the JDK, the worked
 * example of docs/extending.md. The build packages it with its {@code
 * META-INF/services/dev.opstub.spi.Dialect} file (in {@code src/test/demo-api/resources}) as a jar
 * of its own, {@code target/demo-api/opstub-demo-api.jar}, which the demo tests and the standalone
 * jar find on the class path as a team's own dialect jar would be; nothing in the pack's main
 * sources names it.
 *
 * <p>"Demo jobs": {@code POST /demo/jobs} starts a job (202, {@code Job-Location} names its
 * monitor); {@code GET /demo/jobs/{id}/status} is the monitor, each read a poll; {@code GET
 * /demo/jobs/{id}} shows the job without moving it. Ids are {@code D-<digits>}; statuses {@code
 * queued, working, done, broken, stopped} (the last one canceled).
 */
public final class DemoApi implements Dialect {
  static final String NAME = "demo";
  static final Pattern ID = Pattern.compile("D-\\d{1,18}");
  private static final Pattern MONITOR = Pattern.compile("/demo/jobs/(D-\\d{1,18})/status");
  private static final Pattern JOB = Pattern.compile("/demo/jobs/(D-\\d{1,18})");
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  static final StatusVocabulary STATUSES = new StatusVocabulary() {
    @Override
    public String apiName() {
      return "Demo API";
    }

    @Override
    public String example() {
      return "working x2, done";
    }

    @Override
    public List<String> statusNames() {
      return List.of("queued", "working", "done", "broken", "stopped");
    }

    @Override
    public List<Phase> phases() {
      return List.of(Phase.NOT_STARTED, Phase.RUNNING, Phase.SUCCEEDED, Phase.FAILED, Phase.CANCELED);
    }
  };

  static final Parameter<Timeline> TIMELINE = Parameter.timeline(STATUSES);
  static final Parameter<String> JOB_NAME = Parameter.string("job", "a name such as \"nightly\"");

  /** Every read of a job's status, for the demo's answers. */
  private static Answers answers(String id) {
    return new Answers() {
      @Override
      public Reply notFound() {
        return Reply.text(404, JSON, "{\"error\":\"no job " + id + "\"}");
      }

      @Override
      public Reply httpError(int status) {
        return Reply.text(status, JSON, "{\"error\":\"HTTP " + status + "\"}");
      }

      @Override
      public Reply status(Poll poll) {
        String job = poll.target() == null ? "" : ",\"job\":" + json(poll.target());
        return Reply.text(200, JSON, "{\"id\":\"" + id + "\",\"status\":\"" + poll.step().status() + "\"" + job
            + "}");
      }

      @Override
      public String statusName(Phase phase) {
        return STATUSES.nameOf(phase); // the guess a shared store records before the poll
      }
    };
  }

  static final Handler START = new DemoHandler("opstub-demo-start", Role.START, List.of(TIMELINE, JOB_NAME)) {
    @Override
    public Reply handle(Request request, StubParameters parameters, Operations operations) {
      String id = "D-" + ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
      Timeline timeline = parameters.get(TIMELINE);
      if (timeline == null) {
        return Reply.text(500, JSON, "{\"error\":\"this start stub has no timeline\"}");
      }
      operations.put(NAME, new OperationSpec(id, timeline, parameters.get(JOB_NAME), null));
      return Reply.text(202, Map.of("Content-Type", "application/json",
          "Job-Location", request.baseUrl() + "/demo/jobs/" + id + "/status"), "{\"id\":\"" + id + "\"}");
    }
  };

  static final Handler MONITOR_READS = new DemoHandler("opstub-demo-monitor", Role.POLL,
      List.of(TIMELINE, JOB_NAME, Parameter.RETRY_AFTER)) {
    @Override
    public Reply handle(Request request, StubParameters parameters, Operations operations) {
      String id = id(MONITOR, request);
      Timeline timeline = parameters.get(TIMELINE);
      OperationSpec script = timeline == null ? null : new OperationSpec(id, timeline, parameters.get(JOB_NAME), null);
      return operations.serve(request, parameters, NAME, id, script, answers(id));
    }
  };

  static final Handler JOB_READS = new DemoHandler("opstub-demo-job", Role.LOOK, List.of()) {
    @Override
    public Reply handle(Request request, StubParameters parameters, Operations operations) {
      String id = id(JOB, request);
      return operations.look(NAME, id, answers(id));
    }
  };

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StatusVocabulary statuses() {
    return STATUSES;
  }

  @Override
  public String idFormat() {
    return "D- and digits, e.g. D-7";
  }

  @Override
  public Optional<String> operationId(String written) {
    return written != null && ID.matcher(written).matches() ? Optional.of(written) : Optional.empty();
  }

  @Override
  public List<Parameter<?>> fields() {
    return List.of(JOB_NAME);
  }

  @Override
  public List<Handler> handlers() {
    return List.of(START, MONITOR_READS, JOB_READS);
  }

  @Override
  public Reply error(Request request, int status, String code, String message) {
    return Reply.text(status, JSON, "{\"error\":" + json(code + ": " + message) + "}");
  }

  @Override
  public Optional<IdClaim> claimedId(String field, String url) {
    Matcher monitor = MONITOR.matcher(url);
    return monitor.matches() ? Optional.of(new IdClaim(operationId(monitor.group(1)).orElse(null), monitor.group(1)))
        : Optional.empty();
  }

  @Override
  public List<Route> routes(String id, Map<String, Object> parameters) {
    String idPattern = id == null ? "D-[0-9]+" : Pattern.quote(id);
    List<String> carried = List.of(TIMELINE.name(), JOB_NAME.name(), Parameter.RETRY_AFTER.name());
    List<Route> routes = new ArrayList<>(List.of(
        new Route("GET", "/demo/jobs/" + idPattern + "/status", MONITOR_READS, carried),
        new Route("GET", "/demo/jobs/" + idPattern, JOB_READS, List.of())));
    if (id == null) {
      routes.add(new Route("POST", "/demo/jobs", START, List.of(TIMELINE.name(), JOB_NAME.name())));
    }
    return routes;
  }

  @Override
  public Optional<Recording> recording() {
    return Optional.of(new Recording() {
      private final Pattern status = Pattern.compile("\"status\":\"([a-z]+)\"");

      @Override
      public Optional<Observed> observed(Map<String, String> headers, String body) {
        Matcher m = status.matcher(body == null ? "" : body);
        return m.find() && STATUSES.phaseOf(m.group(1)).isPresent()
            ? Optional.of(new Observed(m.group(1), null, null, null)) : Optional.empty();
      }

      @Override
      public Optional<StartCall> startCall(Request request) {
        return "POST".equals(request.method()) && request.path().equals("/demo/jobs")
            ? Optional.of(new StartCall("job", "POST", "/demo/jobs", null, START)) : Optional.empty();
      }

      @Override
      public Optional<String> startedId(Map<String, String> responseHeaders) {
        String location = header(responseHeaders, "Job-Location");
        Matcher m = location == null ? null : Pattern.compile(".*/demo/jobs/(D-\\d+)/status").matcher(location);
        return m != null && m.matches() ? Optional.of(m.group(1)) : Optional.empty();
      }
    });
  }

  /**
   * {@code text} as a JSON string, quoted and escaped. Written here, not taken from Jackson: the
   * standalone jar carries Jackson relocated, so a dialect jar on its class path sees none.
   */
  private static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  /** A header's value, its name in any case (the recorder hands headers as the service sent them). */
  private static String header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  /** A handler with its name, role and parameters; subclasses answer. */
  private abstract static class DemoHandler implements Handler {
    private final String name;
    private final Role role;
    private final List<Parameter<?>> parameters;

    DemoHandler(String name, Role role, List<Parameter<?>> parameters) {
      this.name = name;
      this.role = role;
      this.parameters = parameters;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Role role() {
      return role;
    }

    @Override
    public List<Parameter<?>> parameters() {
      return parameters;
    }

    static String id(Pattern path, Request request) {
      Matcher m = path.matcher(request.path());
      return m.matches() ? m.group(1) : "";
    }
  }
}
