package dev.opstub.junit;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Entry points of the assertions on how a client polled (AssertJ style).
 *
 * <pre>{@code
 * import static dev.opstub.junit.OpStubAssertions.assertThatPolls;
 * import static dev.opstub.junit.OpStubAssertions.assertThatServer;
 *
 * assertThatPolls(server, "media", operationId).wasPolledAtLeast(2).sentBearerTokenOnEveryPoll();
 * assertThatPolls(server, "channel").wasPolledExactly(3);          // the polls of @OperationStub(name = "channel")
 * assertThatServer(server).neverPolledAnIdThatWasNotHandedOut();
 * assertThatClient(server).followsTheGuidelines();                  // every rule of each API, docs/conformance.md
 * }</pre>
 */
public final class OpStubAssertions {
  private OpStubAssertions() {}

  /**
   * Assertions on the polls of one operation in the running test.
   *
   * @param api the API's name, as {@link OperationStub#apiName()} takes it
   */
  public static PollAssert assertThatPolls(OpStubServer server, String api, String operationId) {
    return new PollAssert(api + " " + operationId, server.polls(api, operationId));
  }

  /** Assertions on the polls of the operations of one named {@link OperationStub}; see {@link OpStubServer#pollsOf}. */
  public static PollAssert assertThatPolls(OpStubServer server, String stubName) {
    return new PollAssert("stub \"" + stubName + "\"", server.pollsOf(stubName));
  }

  /** @deprecated use {@link #assertThatPolls(OpStubServer, String, String)} with the API's name. */
  @Deprecated(since = "0.2.0")
  public static PollAssert assertThatPolls(OpStubServer server, Api api, String operationId) {
    return assertThatPolls(server, api.apiName(), operationId);
  }

  /**
   * Judges how the client polled in the running test against each API's rules (docs/conformance.md):
   * {@code assertThatClient(server).followsTheGuidelines()}, or one rule alone.
   */
  public static ClientAssert assertThatClient(OpStubServer server) {
    return new ClientAssert(server, null);
  }

  /** {@link #assertThatClient(OpStubServer)} for the operations of one named {@link OperationStub} (see {@link OpStubServer#pollsOf}). */
  public static ClientAssert assertThatClient(OpStubServer server, String stubName) {
    return new ClientAssert(server, stubName);
  }

  /** Assertions on every poll the running test's server answered. */
  public static ServerAssert assertThatServer(OpStubServer server) {
    return new ServerAssert(server);
  }

  /** Assertions across all operations of a test's server. */
  public static final class ServerAssert extends AbstractAssert<ServerAssert, OpStubServer> {
    ServerAssert(OpStubServer server) {
      super(server, ServerAssert.class);
    }

    /**
     * Every poll was of an id the server had handed out (declared, added or started by the
     * client): no poll was answered "not found" or "malformed id".
     */
    public ServerAssert neverPolledAnIdThatWasNotHandedOut() {
      List<RecordedPoll> all = actual.allPolls();
      List<String> strangers = new ArrayList<>();
      for (RecordedPoll poll : all) {
        if (poll.httpStatus() == 404 || poll.httpStatus() == 400) {
          strangers.add(poll.api() + " " + poll.operationId());
        }
      }
      if (!strangers.isEmpty()) {
        failWithMessage("Expected only ids the server handed out to be polled, but these were not: %s.%n"
            + "Polls received:%n%s", strangers.stream().distinct().toList(), PollAssert.history(all));
      }
      return this;
    }
  }
}
