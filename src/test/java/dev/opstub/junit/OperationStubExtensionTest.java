package dev.opstub.junit;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@OperationStub(api = Api.FACE, id = OperationStubExtensionTest.FACE_ID, timeline = "running x2, succeeded",
    resourceLocation = "/snapshots/class-level")
@OperationStub(api = Api.MEDIA, id = OperationStubExtensionTest.MEDIA_ID, timeline = "InProgress, Succeeded")
class OperationStubExtensionTest {
  static final String FACE_ID = "0a0a0a0a-0000-4000-8000-000000000001";
  static final String MEDIA_ID = "nb:opid:UUID:0a0a0a0a-0000-4000-8000-000000000002";

  private final OpStubServer constructed;
  private OpStubServer fromBeforeEach;

  OperationStubExtensionTest(OpStubServer server) {
    this.constructed = server;
  }

  @BeforeEach
  void remember(OpStubServer server) {
    fromBeforeEach = server;
  }

  static List<String> facePolls(OpStubServer server, String id, int count) {
    List<String> statuses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String body = Http.get(server.faceEndpoint() + "/operations/" + id, "Ocp-Apim-Subscription-Key", "k").body();
      statuses.add(JsonPath.read(body, "$.status"));
    }
    return statuses;
  }

  static List<String> mediaPolls(OpStubServer server, String id, int count) {
    List<String> states = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String body = Http.get(server.mediaApiRoot() + "Operations('" + id + "')",
          "Authorization", "Bearer t", "x-ms-version", "2.19").body();
      states.add(JsonPath.read(body, "$.State"));
    }
    return states;
  }

  @Test
  void classLevelStubsServeTheirTimelines(OpStubServer server) {
    assertThat(facePolls(server, FACE_ID, 4)).containsExactly("running", "running", "succeeded", "succeeded");
    assertThat(mediaPolls(server, MEDIA_ID, 2)).containsExactly("InProgress", "Succeeded");
  }

  @Test
  @OperationStub(api = Api.FACE, id = FACE_ID, timeline = "failed(method level)")
  void aMethodLevelStubReplacesTheClassLevelOneForTheSameId(OpStubServer server) {
    assertThat(facePolls(server, FACE_ID, 1)).containsExactly("failed");
    assertThat(mediaPolls(server, MEDIA_ID, 1)).as("other class-level stubs stay").containsExactly("InProgress");
  }

  @Test
  @OperationStub(api = Api.FACE, timeline = "notStarted, succeeded")
  void aStubWithoutIdScriptsEveryIdOfItsApiIndependently(OpStubServer server) {
    String a = "0b0b0b0b-0000-4000-8000-00000000000a";
    String b = "0b0b0b0b-0000-4000-8000-00000000000b";

    assertThat(facePolls(server, a, 2)).containsExactly("notStarted", "succeeded");
    assertThat(facePolls(server, b, 1)).containsExactly("notStarted");
    assertThat(facePolls(server, FACE_ID, 1)).as("a class-level id stays as declared").containsExactly("running");
  }

  @Test
  void operationsAddedThroughTheHandleAreServed(OpStubServer server) {
    server.addOperation(Api.FACE, "0c0c0c0c-0000-4000-8000-000000000001", "running, succeeded", "/persongroups/pg");
    server.addOperation(Api.MEDIA, "nb:opid:UUID:0c0c0c0c-0000-4000-8000-000000000002", "Failed(Timeout: slow)");

    assertThat(server.currentStatus(Api.FACE, "0c0c0c0c-0000-4000-8000-000000000001")).isEqualTo("running");
    assertThat(facePolls(server, "0c0c0c0c-0000-4000-8000-000000000001", 2)).containsExactly("running", "succeeded");
    assertThat(server.currentStatus(Api.FACE, "0c0c0c0c-0000-4000-8000-000000000001")).isEqualTo("succeeded");
    assertThat(mediaPolls(server, "nb:opid:UUID:0c0c0c0c-0000-4000-8000-000000000002", 1)).containsExactly("Failed");
  }

  @Test
  void theShippedWellKnownIdsAreServedToo(OpStubServer server) {
    assertThat(facePolls(server, "f0000000-0000-4000-8000-000000000001", 2)).containsExactly("running", "failed");
    assertThat(mediaPolls(server, "nb:opid:UUID:e0000000-0000-4000-8000-000000000002", 2))
        .containsExactly("InProgress", "Failed");
  }

  /** The test's stub for every Media operation stands before the shipped well-known failing entities (StubPriority). */
  @Test
  @OperationStub(api = Api.MEDIA, timeline = "InProgress, Succeeded")
  void aStubForEveryMediaOperationAlsoScriptsActionsOnTheWellKnownFailingEntities(OpStubServer server) {
    String id = Http.send("POST", server.mediaApiRoot() + "Channels('nb:chid:UUID:e0000000-0000-4000-8000-000000000001')/Start",
        "", "Authorization", "Bearer t", "x-ms-version", "2.19").headers().firstValue("operation-id").orElseThrow();

    assertThat(mediaPolls(server, id, 2)).containsExactly("InProgress", "Succeeded");
  }

  @Test
  void withoutAStubOfTheTestTheWellKnownFailingEntitiesFail(OpStubServer server) {
    String id = Http.send("POST", server.mediaApiRoot() + "Channels('nb:chid:UUID:e0000000-0000-4000-8000-000000000001')/Start",
        "", "Authorization", "Bearer t", "x-ms-version", "2.19").headers().firstValue("operation-id").orElseThrow();

    assertThat(mediaPolls(server, id, 2)).containsExactly("InProgress", "Failed");
  }

  @Test
  void theHandleIsInjectedIntoTheConstructorBeforeEachAndTestAlike(OpStubServer server) {
    assertThat(constructed.baseUrl()).isEqualTo(server.baseUrl()).isEqualTo(fromBeforeEach.baseUrl());
    assertThat(server.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(server.faceEndpoint()).isEqualTo(server.baseUrl() + "/face/v1.0-preview");
    assertThat(server.mediaApiRoot()).isEqualTo(server.baseUrl() + "/api/");
  }

  @Test
  @OperationStub(api = Api.FACE, id = FACE_ID, timeline = "running", retryAfter = "2s")
  void retryAfterIsServedOnRunningPolls(OpStubServer server) {
    var reply = Http.get(server.faceEndpoint() + "/operations/" + FACE_ID, "Ocp-Apim-Subscription-Key", "k");

    assertThat(reply.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(server.polls(Api.FACE, FACE_ID)).singleElement()
        .satisfies(poll -> assertThat(poll.retryAfter()).hasSeconds(2));
  }

  @Test
  void ownStubsThroughTheWireMockClientWork(OpStubServer server) {
    server.wireMock().register(com.github.tomakehurst.wiremock.client.WireMock.get("/hello")
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"hi\":1}")));

    assertThatJson(Http.get(server.baseUrl() + "/hello").body()).isEqualTo("{\"hi\":1}");
  }

  @Test
  void outsideATestTheHandleSaysWhy() {
    OpStubServer unbound = new OpStubServer();

    assertThatThrownBy(unbound::baseUrl).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("OpStub assigns a server to each test");
  }

  @Nested
  @OperationStub(api = Api.MEDIA, id = MEDIA_ID, timeline = "InProgress x3, Succeeded")
  class NestedTests {
    @Test
    void aNestedClassSeesTheOuterStubsAndReplacesWhatItRedeclares(OpStubServer server) {
      assertThat(facePolls(server, FACE_ID, 3)).containsExactly("running", "running", "succeeded");
      assertThat(mediaPolls(server, MEDIA_ID, 4)).containsExactly("InProgress", "InProgress", "InProgress", "Succeeded");
    }
  }
}
