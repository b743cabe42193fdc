package dev.opstub.junit;

import static dev.opstub.junit.OpStubAssertions.assertThatPolls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.Http;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Stubs chosen by API name, with the API's own parameters, and named so that a test finds each
 * stub's polls without counting positions.
 */
@OperationStub(apiName = "face", name = "take", timeline = "running x2, succeeded",
    with = "resourceLocation=/snapshots/named")
@OperationStub(apiName = "media", name = "channel", timeline = "InProgress, Failed(InsufficientCapacity)")
class NamedStubsTest {
  static final String FACE_ID = "0b0b0b0b-0000-4000-8000-000000000001";
  static final String MEDIA_ID = "nb:opid:UUID:0b0b0b0b-0000-4000-8000-000000000002";
  static final String PINNED = "0b0b0b0b-0000-4000-8000-000000000003";

  private final OpStubServer constructed;

  NamedStubsTest(OpStubServer server) {
    this.constructed = server;
  }

  @Test
  @OperationStub(apiName = "face", id = PINNED, name = "pinned", timeline = "succeeded")
  void eachNamedStubGivesThePollsOfItsOwnOperations(OpStubServer server) {
    OperationStubExtensionTest.facePolls(server, FACE_ID, 3);
    OperationStubExtensionTest.mediaPolls(server, MEDIA_ID, 2);
    OperationStubExtensionTest.facePolls(server, PINNED, 1);

    assertThatPolls(server, "take").wasPolledExactly(3).wasServed("running", "running", "succeeded");
    assertThatPolls(server, "channel").wasPolledExactly(2).wasServed("InProgress", "Failed");
    assertThat(server.pollsOf("pinned")).singleElement().extracting(RecordedPoll::operationId).isEqualTo(PINNED);
    assertThat(server.polls("face", FACE_ID)).hasSize(3);
    assertThat(server.allPolls()).hasSize(6);
  }

  @Test
  void theApisOwnParametersReachTheOperation(OpStubServer server) {
    OperationStubExtensionTest.facePolls(server, FACE_ID, 2);
    String body = Http.get(server.baseUrl() + "/face/v1.0-preview/operations/" + FACE_ID,
        "Ocp-Apim-Subscription-Key", "k").body();

    assertThat((String) JsonPath.read(body, "$.resourceLocation")).isEqualTo("/snapshots/named");
    assertThat(server.currentStatus("face", FACE_ID)).isEqualTo("succeeded");
  }

  @Test
  void anUnknownStubNameListsTheNamesOfTheTest(OpStubServer server) {
    assertThatThrownBy(() -> server.pollsOf("tkae")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no @OperationStub of this test is named \"tkae\"; named: [take, channel]");
  }

  @Test
  void aHandleInjectedIntoTheConstructorIsTheTestsOwn(OpStubServer server) {
    assertThat(constructed).isSameAs(server);
    server.addOperation("face", "0b0b0b0b-0000-4000-8000-000000000009", "running");
    assertThat(constructed.isLive("face", "0b0b0b0b-0000-4000-8000-000000000009")).isTrue();
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OneInstanceForAllTests {
    private final OpStubServer perClass;

    OneInstanceForAllTests(OpStubServer server) {
      this.perClass = server;
    }

    @Test
    void theClasssHandleSpeaksToEachTestsServer(OpStubServer server) {
      perClass.addOperation("media", MEDIA_ID, "InProgress");
      assertThat(server.isLive("media", MEDIA_ID)).isTrue();
      assertThat(perClass.baseUrl()).isEqualTo(server.baseUrl());
    }

    @Test
    void aSecondTestStartsAfresh(OpStubServer server) {
      assertThat(perClass.isLive("media", MEDIA_ID)).isFalse();
      assertThat(perClass.pollsOf("take")).isEmpty();
    }
  }
}
