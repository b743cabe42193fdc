package dev.opstub.junit;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.opstub.journal.RecordedPoll;
import dev.opstub.media.MediaIds;
import dev.opstub.timeline.ControllableClock;
import dev.opstub.timeline.Operation;
import dev.opstub.timeline.Timeline;
import dev.opstub.timeline.TimelineParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

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
    Timeline parsed = TimelineParser.parse(timeline, api.statuses());
    StubServer current = server();
    String key = normalise(api, id);
    current.pack().store().put(api.storeName(),
        new Operation(key, parsed, current.pack().store().clock().instant(), target));
  }

  /** The status the operation's last poll served (its first step before any poll), in the API's spelling. */
  public String currentStatus(Api api, String id) {
    StubServer current = server();
    String key = normalise(api, id);
    Operation operation = current.pack().store().find(api.storeName(), key).orElseThrow(() ->
        new IllegalArgumentException("no live " + api + " operation " + id));
    return operation.peek(current.pack().store().clock().instant()).step().status();
  }

  /** The polls of one operation this test's server answered, oldest first. */
  public List<RecordedPoll> polls(Api api, String id) {
    return server().pack().journal().of(api.storeName(), normalise(api, id));
  }

  /** Every poll this test's server answered, oldest first. */
  public List<RecordedPoll> allPolls() {
    return server().pack().journal().all();
  }

  /**
   * Stops the operations' clock: a timed step ({@code running 10s}) then lasts until {@link
   * #advanceClock(Duration)} moves it. Every test starts on real time again.
   */
  public void freezeClock() {
    clock().freeze();
  }

  /** Moves the operations' clock forward (frozen or not). */
  public void advanceClock(Duration by) {
    clock().advance(by);
  }

  /** Lets the operations' clock run again from where it stands. */
  public void resumeClock() {
    clock().resume();
  }

  /** The operations' clock's time. */
  public Instant now() {
    return server().pack().store().clock().instant();
  }

  private ControllableClock clock() {
    ControllableClock clock = server().pack().clock();
    if (clock == null) {
      throw new IllegalStateException("this server's OpStubExtensions was given a store with a clock of its own, "
          + "which cannot be frozen; construct it with new OpStubExtensions()");
    }
    return clock;
  }

  /** Whether an operation with this id is live (declared, added, or started by the client). */
  public boolean isLive(Api api, String id) {
    return server().pack().store().find(api.storeName(), normalise(api, id)).isPresent();
  }

  private static String normalise(Api api, String id) {
    if (api == Api.MEDIA) {
      return MediaIds.operationId(id).orElseThrow(() ->
          new IllegalArgumentException("a Media Services operation id is nb:opid:UUID:<guid>; was \"" + id + "\""));
    }
    return id.toLowerCase(Locale.ROOT);
  }
}
