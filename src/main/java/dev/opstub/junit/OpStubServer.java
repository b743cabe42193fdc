package dev.opstub.junit;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.opstub.internal.api.OperationReader;
import dev.opstub.internal.api.StateOperations;
import dev.opstub.internal.conformance.Judge;
import dev.opstub.internal.conformance.Judgement;
import dev.opstub.internal.state.PollRecord;
import dev.opstub.internal.state.State;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running test's OpStub server, injected into test methods, {@code @BeforeEach}/{@code
 * @AfterEach} methods and test constructors by {@link OperationStub}'s extension. APIs are named
 * as {@link OperationStub#apiName()} names them.
 *
 * <pre>{@code
 * @Test
 * @OperationStub(apiName = "media", name = "channel", timeline = "InProgress, Failed(InsufficientCapacity)")
 * void reportsCapacityProblems(OpStubServer server) {
 *   MyMediaClient client = new MyMediaClient(server.baseUrl() + "/api/", "token");
 *   assertThatThrownBy(() -> client.startChannel("nb:chid:UUID:...")).hasMessageContaining("InsufficientCapacity");
 *   assertThat(server.pollsOf("channel")).hasSize(2);
 * }
 * }</pre>
 *
 * <p>The handle stays valid across tests; it always speaks to the server of the test that is
 * running (outside a test it throws {@link IllegalStateException}).
 */
public final class OpStubServer {
  /** Reads {@link #addOperationWith}'s fields as JSON. */
  private static final com.fasterxml.jackson.databind.ObjectMapper FIELDS =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private volatile StubServer server;

  OpStubServer() {}

  void bind(StubServer server) {
    this.server = server;
  }

  void unbind() {
    this.server = null;
  }

  private StubServer server() {
    StubServer current = server;
    if (current == null) {
      throw new IllegalStateException("no test is running: OpStub assigns a server to each test, so use "
          + "this handle in a test, @BeforeEach or @AfterEach method");
    }
    return current;
  }

  /** Scheme, loopback host and port, e.g. {@code http://127.0.0.1:50123}: every API's endpoint starts here. */
  public String baseUrl() {
    return server().baseUrl();
  }

  /**
   * The Face API endpoint a client is configured with: {@code <base>/face/v1.0-preview}.
   *
   * @deprecated use {@code baseUrl() + "/face/v1.0-preview"}: the handle names no API.
   */
  @Deprecated(since = "0.2.0")
  public String faceEndpoint() {
    return baseUrl() + "/face/v1.0-preview";
  }

  /**
   * The Media Services API root a client is configured with: {@code <base>/api/}.
   *
   * @deprecated use {@code baseUrl() + "/api/"}: the handle names no API.
   */
  @Deprecated(since = "0.2.0")
  public String mediaApiRoot() {
    return baseUrl() + "/api/";
  }

  /** A WireMock client of this server, for stubs of your own (they are removed after the test). */
  public WireMock wireMock() {
    return server().client();
  }

  /**
   * Adds (or replaces) an operation that follows {@code timeline} from now on.
   *
   * @param api the API's name, as {@link OperationStub#apiName()} takes it
   * @throws IllegalArgumentException for an unknown API or a malformed id or timeline, saying what is allowed
   */
  public void addOperation(String api, String id, String timeline) {
    addOperation(api, id, timeline, null);
  }

  /**
   * Adds (or replaces) an operation.
   *
   * @param api the API's name, as {@link OperationStub#apiName()} takes it
   * @param target the value of the API's first field ({@link #addOperationWith}): Face the {@code
   *     resourceLocation} served on success, Media the {@code TargetEntityId}, Azure the {@code
   *     result}, Google the {@code response}; may be {@code null}
   * @throws IllegalArgumentException for an unknown API, a malformed id, timeline or target, saying what is allowed
   */
  public void addOperation(String api, String id, String timeline, String target) {
    Dialect known = Registry.api(api);
    List<String> fields = OperationReader.fieldNames(known);
    if (target != null && fields.isEmpty()) {
      throw new IllegalArgumentException("a " + known.statuses().apiName() + " operation keeps no target; was \""
          + target + "\"");
    }
    addOperationWith(api, id, timeline, target == null ? Map.of() : Map.of(fields.get(0), target));
  }

  /**
   * Adds (or replaces) an operation with the fields the admin API's {@code POST
   * /__admin/opstub/operations} takes for its API besides {@code api, id, timeline}: Azure's {@code
   * result}, {@code statusCase} and {@code statuses} (the timeline is then written in the declared
   * words), Face's {@code resourceLocation}, Media's {@code targetEntityId}, Google's {@code
   * response} and {@code metadata}: each API's {@code Dialect.fields()}.
   *
   * <pre>{@code
   * server.addOperationWith("azure", "web-cert", "inProgress, completed",
   *     Map.of("statuses", Map.of("inProgress", "running", "completed", "succeeded")));
   * }</pre>
   *
   * @param api the API's name, as {@link OperationStub#apiName()} takes it
   * @param fields the API's fields, as JSON values (maps, lists, strings, numbers)
   * @throws IllegalArgumentException for an unknown API, field or malformed value, saying what is allowed
   */
  public void addOperationWith(String api, String id, String timeline, java.util.Map<String, ?> fields) {
    Dialect known = Registry.api(api);
    @SuppressWarnings("unchecked") // plain JSON values, as the admin API reads them
    Map<String, Object> given = FIELDS.convertValue(fields, Map.class);
    state().put(known.name(), OperationReader.read(known, Registry.normalise(known, id), timeline, given, null,
        new StateOperations(state())));
  }

  /** @deprecated use {@link #addOperation(String, String, String)} with the API's name. */
  @Deprecated(since = "0.2.0")
  public void addOperation(Api api, String id, String timeline) {
    addOperation(api.apiName(), id, timeline);
  }

  /** @deprecated use {@link #addOperation(String, String, String, String)} with the API's name. */
  @Deprecated(since = "0.2.0")
  public void addOperation(Api api, String id, String timeline, String target) {
    addOperation(api.apiName(), id, timeline, target);
  }

  /**
   * The status the operation's last poll served (its first step before any poll), in the API's spelling.
   *
   * @throws IllegalArgumentException when no such operation is live
   */
  public String currentStatus(String api, String id) {
    Dialect known = Registry.api(api);
    OperationView operation = state().find(known.name(), Registry.normalise(known, id)).orElseThrow(() ->
        new IllegalArgumentException("no live " + api + " operation " + id));
    return known.shownStatus(operation.target(), operation.now(), new StateOperations(state())); // as its polls serve it
  }

  /** @deprecated use {@link #currentStatus(String, String)} with the API's name. */
  @Deprecated(since = "0.2.0")
  public String currentStatus(Api api, String id) {
    return currentStatus(api.apiName(), id);
  }

  /** The polls of one operation this test's server answered, oldest first. */
  public List<RecordedPoll> polls(String api, String id) {
    Dialect known = Registry.api(api);
    return state().polls(known.name(), Registry.normalise(known, id)).stream().map(RecordedPoll::of).toList();
  }

  /** @deprecated use {@link #polls(String, String)} with the API's name. */
  @Deprecated(since = "0.2.0")
  public List<RecordedPoll> polls(Api api, String id) {
    return polls(api.apiName(), id);
  }

  /**
   * The polls of the operations one named {@link OperationStub} scripts, oldest first: for a stub
   * with an id, that operation's; for a stub of every id, those of every operation of its API that
   * no stub of this test with an id claims.
   *
   * @param stubName the stub's {@link OperationStub#name()}
   * @throws IllegalArgumentException when no stub of the running test has that name, listing the names
   */
  public List<RecordedPoll> pollsOf(String stubName) {
    return recordsOf(stubName).stream().map(RecordedPoll::of).toList();
  }

  /** The recorded polls {@link #pollsOf} shows. */
  private List<PollRecord> recordsOf(String stubName) {
    List<StubSpec> specs = server().specs();
    StubSpec named = specs.stream().filter(spec -> stubName.equals(spec.name())).findFirst().orElseThrow(() ->
        new IllegalArgumentException("no @OperationStub of this test is named \"" + stubName + "\"; named: "
            + specs.stream().map(StubSpec::name).filter(n -> n != null).toList()));
    String api = named.api().name();
    if (named.id() != null) {
      return state().polls(api, named.id());
    }
    Set<String> claimed = new HashSet<>();
    specs.stream().filter(spec -> spec.api().name().equals(api) && spec.id() != null).forEach(spec -> claimed.add(spec.id()));
    return state().polls().stream().filter(poll -> poll.api().equals(api) && !claimed.contains(poll.operationId()))
        .toList();
  }

  /**
   * How the client did against each API's rules, one judgement per operation polled in the running
   * test (of one named stub, or of all when {@code stubName} is {@code null}), with the rules the
   * test waived: what {@link ClientAssert} asserts and reports show.
   */
  List<Judgement> judgements(String stubName) {
    StubServer current = server();
    List<PollRecord> polls = stubName == null ? state().polls() : recordsOf(stubName);
    return Judge.judgeAll(polls, state(), current.pack().apis(), current.waivers());
  }

  /** Waives {@code rule} for the rest of the running test ({@link ClientAssert#waiving}). */
  void waive(String rule, String reason) {
    server().waive(rule, reason);
  }

  /** Every poll this test's server answered, oldest first. */
  public List<RecordedPoll> allPolls() {
    return state().polls().stream().map(RecordedPoll::of).toList();
  }

  /**
   * Stops the operations' clock: a timed step ({@code running 10s}) then lasts until {@link
   * #advanceClock(Duration)} moves it. Every test starts on real time again.
   */
  public void freezeClock() {
    state().freezeClock(null);
  }

  /** Moves the operations' clock forward (frozen or not). */
  public void advanceClock(Duration by) {
    state().advanceClock(by);
  }

  /** Lets the operations' clock run again from where it stands. */
  public void resumeClock() {
    state().resumeClock();
  }

  /** The operations' clock's time. */
  public Instant now() {
    return state().clock().instant();
  }

  /** Whether an operation with this id is live (declared, added, or started by the client). */
  public boolean isLive(String api, String id) {
    Dialect known = Registry.api(api);
    return state().find(known.name(), Registry.normalise(known, id)).isPresent();
  }

  /** @deprecated use {@link #isLive(String, String)} with the API's name. */
  @Deprecated(since = "0.2.0")
  public boolean isLive(Api api, String id) {
    return isLive(api.apiName(), id);
  }

  private State state() {
    return server().pack().state();
  }
}
