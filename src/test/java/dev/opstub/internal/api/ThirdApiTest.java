package dev.opstub.internal.api;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.internal.validate.MappingSource;
import dev.opstub.internal.validate.MappingValidator;
import dev.opstub.internal.validate.Problem;
import dev.opstub.internal.wiremock.Pack;
import dev.opstub.spi.Answers;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Handler;
import dev.opstub.spi.IdClaim;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.Route;
import dev.opstub.spi.StatusVocabulary;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third, test-only API registered next to Face and Media, used through a mapping, the admin API
 * and the validator: proof that adding an API needs no change to the pack's code.
 */
class ThirdApiTest {
  /** Reads of the demo timeline parameter, to prove a stub is read once, not per poll. */
  static final AtomicInteger TIMELINE_READS = new AtomicInteger();

  /** "Demo": ids {@code D-<digits>}, statuses {@code pending, done, broken}, polled at {@code /demo/jobs/<id>}. */
  static final class DemoApi implements Dialect {
    static final DemoApi INSTANCE = new DemoApi();
    static final Pattern ID = Pattern.compile("D-\\d+");

    enum Statuses implements StatusVocabulary {
      INSTANCE;

      @Override
      public String apiName() {
        return "Demo API";
      }

      @Override
      public String example() {
        return "pending, done";
      }

      @Override
      public List<String> statusNames() {
        return List.of("pending", "done", "broken");
      }

      @Override
      public List<Phase> phases() {
        return List.of(Phase.RUNNING, Phase.SUCCEEDED, Phase.FAILED);
      }
    }

    static final Parameter<Timeline> TIMELINE = new Parameter<>("timeline", value -> {
      TIMELINE_READS.incrementAndGet();
      return TimelineParser.parseAny(value, Statuses.INSTANCE);
    });

    static final Handler POLLS = new Handler() {
      @Override
      public String name() {
        return "opstub-demo-job";
      }

      @Override
      public Role role() {
        return Role.POLL;
      }

      @Override
      public List<Parameter<?>> parameters() {
        return List.of(TIMELINE);
      }

      @Override
      public Reply handle(Request request, StubParameters parameters, Operations operations) {
        String id = request.path().substring("/demo/jobs/".length());
        Timeline timeline = parameters.get(TIMELINE);
        return operations.serve("demo", id, timeline == null ? null : new OperationSpec(id, timeline, null, null),
            new Answers() {
              @Override
              public Reply notFound() {
                return Reply.text(404, Map.of("Content-Type", "text/plain"), "no job " + id);
              }

              @Override
              public Reply httpError(int status) {
                return Reply.text(status, Map.of("Content-Type", "text/plain"), "error " + status);
              }

              @Override
              public Reply status(Poll poll) {
                return Reply.text(200, Map.of("Content-Type", "text/plain"), statusName(poll));
              }

              @Override
              public String statusName(Poll poll) {
                return poll.step().status();
              }
            });
      }
    };

    @Override
    public String name() {
      return "demo";
    }

    @Override
    public StatusVocabulary statuses() {
      return Statuses.INSTANCE;
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
      return List.of(Parameter.string("job", "a job name"));
    }

    @Override
    public List<Handler> handlers() {
      return List.of(POLLS);
    }

    @Override
    public Reply error(Request request, int status, String code, String message) {
      return Reply.text(status, Map.of("Content-Type", "text/plain"), code + ": " + message);
    }

    @Override
    public Optional<IdClaim> claimedId(String field, String url) {
      return Optional.empty();
    }

    @Override
    public List<Route> routes(String id, Map<String, Object> parameters) {
      return List.of(new Route("GET", "/demo/jobs/.*", POLLS, List.of("timeline")));
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String MAPPING = """
      {"request": {"method": "GET", "urlPathPattern": "/demo/jobs/D-[0-9]+"},
       "response": {"transformers": ["opstub-demo-job"], "transformerParameters": {"timeline": "%s"}}}
      """;

  private final Apis apis = Apis.builtIn().with(DemoApi.INSTANCE);
  private WireMockServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private WireMockServer start(Path root) {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").usingFilesUnderDirectory(root.toString())
        .extensions(new Pack(new InMemoryState(100), apis).extensions()));
    server.start();
    return server;
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Path rootWith(Path dir, String timeline) throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("__files"));
    Files.writeString(dir.resolve("mappings/demo.json"), MAPPING.formatted(timeline));
    return dir;
  }

  @Test
  void aThirdApiServesItsTimelineThroughAMappingAndReadsTheStubOnce(@TempDir Path dir) throws Exception {
    start(rootWith(dir, "pending x2, done"));
    int readsAtLoad = TIMELINE_READS.get();

    List<String> served = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      served.add(send("GET", "/demo/jobs/D-1", null).body());
    }

    assertThat(served).containsExactly("pending", "pending", "done", "done", "done");
    assertThat(send("GET", "/demo/jobs/D-2", null).body()).as("each id has its own timeline").isEqualTo("pending");
    assertThat(TIMELINE_READS.get() - readsAtLoad).as("reads of the timeline while serving 6 polls").isLessThanOrEqualTo(1);
  }

  @Test
  void theAdminApiCreatesListsAndShowsOperationsOfTheThirdApi(@TempDir Path dir) throws Exception {
    start(rootWith(dir, "pending, done"));

    HttpResponse<String> created = send("POST", "/__admin/opstub/operations",
        "{\"api\": \"demo\", \"id\": \"D-7\", \"timeline\": \"pending x3, broken\", \"job\": \"nightly\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).contains("\"job\":\"nightly\"");

    send("GET", "/demo/jobs/D-7", null);
    assertThat(send("GET", "/__admin/opstub/operations/demo/D-7", null).body()).contains("\"polls\":1");
    assertThat(send("GET", "/__admin/opstub/operations/demo/7", null).body())
        .contains("a Demo API operation id is D- and digits");
    assertThat(send("GET", "/__admin/opstub/operations/fax/D-7", null).body()).contains("allowed: " + apis.names());
  }

  @Test
  void theValidatorChecksAThirdApisMappingsAgainstItsStatuses(@TempDir Path dir) throws Exception {
    Path root = rootWith(dir, "pending, finished");

    List<Problem> problems = MappingValidator.validateSources(List.of(MappingSource.folder(root)), apis);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).toString()).contains("/response/transformerParameters/timeline",
        "unknown status 'finished' for the Demo API", "pending, done, broken");
    assertThat(MappingValidator.validateSources(List.of(MappingSource.folder(root))).get(0).toString())
        .as("without the API registered, its transformer is unknown").contains("unknown OpStub transformer \"opstub-demo-job\"");
  }

  @Test
  void aThirdApisTransformerNamedWithoutItsPrefixIsRefusedNamingTheFix() {
    Map<String, Object> mapping = Map.of("response",
        Map.of("transformers", List.of("demo-job"), "transformerParameters", Map.of("timeline", "pending, done")));

    assertThat(new dev.opstub.internal.validate.MappingRules(apis).check(mapping)).singleElement().asString()
        .contains("/response/transformers/0", "transformer \"demo-job\" (did you mean \"opstub-demo-job\"?)");
  }

  @Test
  void aDialectThatDeclaresSeveralFieldsMustSayHowAnOperationKeepsThemOrTheRegistryRefusesIt() {
    Dialect twoFields = new Dialect() {
      @Override
      public String name() {
        return "two";
      }

      @Override
      public StatusVocabulary statuses() {
        return DemoApi.INSTANCE.statuses();
      }

      @Override
      public String idFormat() {
        return DemoApi.INSTANCE.idFormat();
      }

      @Override
      public Optional<String> operationId(String written) {
        return DemoApi.INSTANCE.operationId(written);
      }

      @Override
      public List<Parameter<?>> fields() {
        return List.of(Parameter.string("job", "a job name"), Parameter.string("owner", "a user name"));
      }

      @Override
      public List<Handler> handlers() {
        return List.of();
      }

      @Override
      public Reply error(Request request, int status, String code, String message) {
        return DemoApi.INSTANCE.error(request, status, code, message);
      }

      @Override
      public Optional<IdClaim> claimedId(String field, String url) {
        return Optional.empty();
      }

      @Override
      public List<Route> routes(String id, Map<String, Object> parameters) {
        return List.of();
      }
    };

    assertThatThrownBy(() -> Apis.builtIn().with(twoFields)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two declares 2 fields (job, owner); its Dialect must say how an operation keeps them: "
            + "override operation(id, timeline, fields, expireAfter, operations)");
  }
}
