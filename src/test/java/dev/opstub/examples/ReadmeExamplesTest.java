package dev.opstub.examples;

import static dev.opstub.junit.OpStubAssertions.assertThatPolls;
import static dev.opstub.junit.OpStubAssertions.assertThatServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.junit.OpStubServer;
import dev.opstub.junit.OperationStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The three examples of docs/junit.md, as they stand there. */
class ReadmeExamplesTest {

  // docs/junit.md example 1: a Face client polls to success and honours Retry-After.
  @Test
  @OperationStub(apiName = "face", id = "a63a3bdd-a1db-4d05-87b8-dbad6850062a", timeline = "running x2, succeeded",
      with = "resourceLocation=/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc", retryAfter = "50ms")
  void faceClientWaitsForTheSnapshot(OpStubServer server) throws Exception {
    FaceOperationClient client = new FaceOperationClient(server.baseUrl() + "/face/v1.0-preview", "test-key", Duration.ofMillis(10));

    String location = client.awaitOperation("a63a3bdd-a1db-4d05-87b8-dbad6850062a", Duration.ofSeconds(5));

    assertThat(location).isEqualTo("/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc");
    assertThatPolls(server, "face", "a63a3bdd-a1db-4d05-87b8-dbad6850062a")
        .wasPolledExactly(3)
        .wasServed("running", "running", "succeeded")
        .stoppedPollingOnceTerminal()
        .waitedAtLeastRetryAfterBetweenPolls()
        .sentSubscriptionKeyOnEveryPoll();
  }

  // docs/junit.md example 2: a Media client reports InsufficientCapacity from whatever operation it starts.
  @Test
  @OperationStub(apiName = "media", name = "channel", timeline = "InProgress x2, Failed(InsufficientCapacity)")
  void mediaClientReportsInsufficientCapacity(OpStubServer server) {
    MediaChannelClient client = new MediaChannelClient(server.baseUrl() + "/api/", "token", Duration.ofMillis(10));

    assertThatThrownBy(() -> client.startChannel("nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833"))
        .isInstanceOfSatisfying(MediaChannelClient.OperationFailedException.class,
            e -> assertThat(e.errorCode()).isEqualTo("InsufficientCapacity"));
    assertThatPolls(server, "channel")
        .wasPolledExactly(3)
        .wasServed("InProgress", "InProgress", "Failed")
        .stoppedPollingOnceTerminal()
        .sentBearerTokenOnEveryPoll();
    assertThatServer(server).neverPolledAnIdThatWasNotHandedOut();
  }

  // docs/junit.md example 3: a client must give up when an operation never finishes.
  @Test
  @OperationStub(apiName = "face", id = "0c0c0c0c-0000-4000-8000-000000000001", timeline = "running")
  void clientGivesUpOnAnEndlessOperation(OpStubServer server) throws InterruptedException {
    FaceOperationClient client = new FaceOperationClient(server.baseUrl() + "/face/v1.0-preview", "test-key", Duration.ofMillis(50));

    assertThatThrownBy(() -> client.awaitOperation("0c0c0c0c-0000-4000-8000-000000000001", Duration.ofSeconds(1)))
        .isInstanceOf(TimeoutException.class);
    int pollsWhenItGaveUp = server.polls("face", "0c0c0c0c-0000-4000-8000-000000000001").size();
    Thread.sleep(200);
    assertThatPolls(server, "face", "0c0c0c0c-0000-4000-8000-000000000001")
        .wasPolledAtLeast(1)
        .wasPolledExactly(pollsWhenItGaveUp); // nothing after it gave up
    assertThat(server.currentStatus("face", "0c0c0c0c-0000-4000-8000-000000000001")).isEqualTo("running");
  }

  @Test
  void theseAreTheExamplesDocsJunitShowsLineForLine() throws IOException {
    String page = Files.readString(Path.of("docs/junit.md"));
    String block = page.substring(page.indexOf("```java\n") + "```java\n".length());
    block = block.substring(0, block.indexOf("```"));

    assertThat(code(Files.readString(Path.of("src/test/java/dev/opstub/examples/ReadmeExamplesTest.java"))))
        .contains(code(block));
  }

  /** The lines of Java source without indentation, blank lines or line comments. */
  private static String code(String source) {
    return String.join("\n", source.lines().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("//")).toList());
  }
}
