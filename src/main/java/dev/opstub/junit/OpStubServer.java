package dev.opstub.junit;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.opstub.internal.state.OperationSpec;
import dev.opstub.internal.state.OperationView;
import dev.opstub.internal.state.State;
import dev.opstub.internal.timeline.Timeline;
import dev.opstub.internal.timeline.TimelineParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The running test's OpStub server, injected into test methods, {@code @BeforeEach}/{@code
 * @AfterEach} methods and test constructors by {@link OperationStub}'s extension.
 *
 * <pre>{@code
 * @Test
 * @OperationStub(api = Api.MEDIA, timeline = "InProgress, Failed(InsufficientCapacity)")
 * void reportsCapacityProblems(OpStubServer server) {
 *   MyMediaClient client = new MyMediaClient(server.mediaApiRoot(), "token");
 *   assertThatThrownBy(() -> client.startChannel("nb:chid:UUID:...")).hasMessageContaining("InsufficientCapacity");
 * }
 * }</pre>
 *
 * <p>The handle stays valid across tests; it always speaks to the server of the test that is
 * running (outside a test it throws {@link IllegalStateException}).
 */
public final class OpStubServer {
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

  /** Scheme, loopback host and port, e.g. {@code http://127.0.0.1:50123}. */
  public String baseUrl() {
    return server().baseUrl();
  }

  /** The Face API endpoint a client is configured with: {@code <base>/face/v1.0-preview}. */
  public String faceEndpoint() {
    return baseUrl() + "/face/v1.0-preview";
  }

  /** The Media Services API root a client is configured with: {@code <base>/api/}. */
  public String mediaApiRoot() {
    return baseUrl() + "/api/";
  }

  /** A WireMock client of this server, for stubs of your own (they are removed after the test). */
  public WireMock wireMock() {
    return server().client();
  }

  /** Adds (or replaces) an operation that follows {@code timeline} from now on. */
  public void addOperation(Api api, String id, String timeline) {
    addOperation(api, id, timeline, null);
  }

  /**
   * Adds (or replaces) an operation.
   *
   * @param target Face: the {@code resourceLocation} served on success; Media: the {@code
   *     TargetEntityId}; may be {@code null}
   * @throws IllegalArgumentException for a malformed id or timeline, saying what is allowed
   */
  public void addOperation(Api api, String id, String timeline, String target) {
    Timeline parsed = TimelineParser.parse(timeline, api.operations().statuses());
    state().put(api.operations().name(), new OperationSpec(api.normalise(id), parsed, target, null));
  }

  /** The status the operation's last poll served (its first step before any poll), in the API's spelling. */
  public String currentStatus(Api api, String id) {
    OperationView operation = state().find(api.operations().name(), api.normalise(id)).orElseThrow(() ->
        new IllegalArgumentException("no live " + api + " operation " + id));
    return operation.now().step().status();
  }

  /** The polls of one operation this test's server answered, oldest first. */
  public List<RecordedPoll> polls(Api api, String id) {
    return state().polls(api.operations().name(), api.normalise(id)).stream().map(RecordedPoll::of).toList();
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
  public boolean isLive(Api api, String id) {
    return state().find(api.operations().name(), api.normalise(id)).isPresent();
  }

  private State state() {
    return server().pack().state();
  }
}
