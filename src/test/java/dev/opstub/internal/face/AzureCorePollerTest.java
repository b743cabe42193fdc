package dev.opstub.internal.face;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.AzureException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpMethod;
import com.azure.core.util.BinaryData;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.jayway.jsonpath.JsonPath;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.timeline.OperationStore;
import dev.opstub.internal.wiremock.Pack;
import dev.opstub.spi.Step;
import dev.opstub.testing.AzureLroClient;
import dev.opstub.wiremock.OpStubExtensions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Azure SDK client against the repository's mappings in-process: azure-core's generic
 * long-running-operation poller ({@link SyncPoller} with {@code SyncOperationResourcePollingStrategy},
 * see {@link AzureLroClient}) on the JDK HttpClient, taking and applying a snapshot, polling every
 * 10 ms.
 */
class AzureCorePollerTest {
  /** The key of the subscription in the snapshots' applyScope, so it may also apply them. */
  private static final String KEY = "e58b3f08-1e8b-4165-81df-aa9858f233dc";
  private static final String SCOPE = "e58b3f08-1e8b-4165-81df-aa9858f233dc";

  private WireMockServer server;

  @BeforeEach
  void start() {
    InMemoryState store = new InMemoryState(1000);
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(".").extensions(new Pack(store, Apis.builtIn()).extensions()));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private SyncPoller<BinaryData, BinaryData> poller(String version, HttpMethod method, String path, String json) {
    return new AzureLroClient(server.baseUrl() + "/face/" + version, KEY).begin(method, path, json);
  }

  /** The operation polls the server saw: {@code GET .../operations/{id}}. */
  private List<ServeEvent> polls(String version, String operationLocation) {
    return server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getMethod().getName().equals("GET")
            && e.getRequest().getUrl().equals("/face/" + version + operationLocation))
        .toList();
  }

  private String operationLocationOfOnlyStart(String path) {
    List<ServeEvent> starts = server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getMethod().getName().equals("POST") && e.getRequest().getUrl().endsWith(path))
        .toList();
    assertThat(starts).hasSize(1);
    return starts.get(0).getResponse().getHeaders().getHeader("Operation-Location").firstValue();
  }

  private static long pollsOf(dev.opstub.spi.Timeline timeline) {
    return timeline.steps().stream().mapToLong(Step::polls).sum();
  }

  @Test
  void theSdkPollerTakesASnapshotPollingOncePerTimelineStepThenFetchesIt() {
    SyncPoller<BinaryData, BinaryData> take = poller("v1.0-preview", HttpMethod.POST, "/snapshots",
        "{\"type\":\"PersonGroup\",\"objectId\":\"my-group\",\"applyScope\":[\"" + SCOPE + "\"],\"userData\":\"sdk\"}");

    PollResponse<BinaryData> done = take.waitForCompletion(Duration.ofSeconds(30));
    BinaryData snapshot = take.getFinalResult();

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    String resourceLocation = JsonPath.read(done.getValue().toString(), "$.resourceLocation");
    assertThat(resourceLocation).matches("/snapshots/[0-9a-f-]{36}");
    assertThatJson(snapshot.toString()).node("id").isEqualTo(resourceLocation.substring("/snapshots/".length()));
    assertThatJson(snapshot.toString()).node("type").isEqualTo("PersonGroup");
    assertThatJson(snapshot.toString()).node("applyScope").isEqualTo("[\"" + SCOPE + "\"]");
    assertThatJson(snapshot.toString()).node("userData").isEqualTo("sdk");
    String operationLocation = operationLocationOfOnlyStart("/snapshots");
    assertThat(operationLocation).as("relative, resolved by the SDK against the endpoint").startsWith("/operations/");
    // notStarted, running x2, succeeded: the SDK polled once per poll of the mapping's timeline.
    assertThat(polls("v1.0-preview", operationLocation)).hasSize((int) pollsOf(FaceSnapshots.DEFAULT_TIMELINE))
        .hasSize(4);
    server.verify(1, getRequestedFor(urlPathEqualTo("/face/v1.0-preview" + resourceLocation)));
    server.verify(0, anyRequestedFor(anyUrl()).withHeader(AzureLroClient.SUBSCRIPTION_KEY.getCaseSensitiveName(), absent()));
  }

  @Test
  void theSdkPollerAppliesTheSnapshotAndEndsAtTheTargetObjectPath() {
    SyncPoller<BinaryData, BinaryData> take = poller("v1.0-preview", HttpMethod.POST, "/snapshots",
        "{\"type\":\"PersonGroup\",\"objectId\":\"my-group\",\"applyScope\":[\"" + SCOPE + "\"]}");
    String snapshotId = JsonPath.read(take.getFinalResult().toString(), "$.id");
    server.resetRequests();

    SyncPoller<BinaryData, BinaryData> apply = poller("v1.0-preview", HttpMethod.POST,
        "/snapshots/" + snapshotId + "/apply", "{\"objectId\":\"restored-group\",\"mode\":\"CreateNew\"}");
    PollResponse<BinaryData> done = apply.waitForCompletion(Duration.ofSeconds(30));

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThatJson(done.getValue().toString()).node("resourceLocation").isEqualTo("/persongroups/restored-group");
    assertThat(polls("v1.0-preview", operationLocationOfOnlyStart("/apply"))).hasSize(4);
    // The SDK then GETs the target object; OpStub does not serve person groups (the Face 404 answers).
    apply.getFinalResult();
    server.verify(1, getRequestedFor(urlPathEqualTo("/face/v1.0-preview/persongroups/restored-group")));
  }

  @Test
  void theSdkPollerReadsTheStableDialectsLowerCaseStatuses() {
    SyncPoller<BinaryData, BinaryData> take = poller("v1.0", HttpMethod.POST, "/snapshots",
        "{\"type\":\"FaceList\",\"objectId\":\"faces\",\"applyScope\":[\"" + SCOPE + "\"]}");

    assertThat(take.waitForCompletion(Duration.ofSeconds(30)).getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThatJson(take.getFinalResult().toString()).node("type").isEqualTo("FaceList");
    assertThat(polls("v1.0", operationLocationOfOnlyStart("/snapshots"))).hasSize(4);
  }

  @Test
  void aFailingTakeEndsFailedInTheSdkAndItsResultIsAnError() {
    SyncPoller<BinaryData, BinaryData> take = poller("v1.0-preview", HttpMethod.POST, "/snapshots",
        "{\"type\":\"PersonGroup\",\"objectId\":\"fail-snapshot\",\"applyScope\":[\"" + SCOPE + "\"]}");

    PollResponse<BinaryData> done = take.waitForCompletion(Duration.ofSeconds(30));

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
    assertThatJson(done.getValue().toString()).node("message").asString().contains("edited while the snapshot");
    assertThatThrownBy(take::getFinalResult).isInstanceOf(AzureException.class)
        .hasMessageContaining("Long running operation failed");
    assertThat(polls("v1.0-preview", operationLocationOfOnlyStart("/snapshots"))).hasSize(2);
  }

  @Test
  void aRateLimitedTakeIsRetriedByTheSdkThenSurfacesAsAnError() {
    // createPoller starts the operation at once: the refusal surfaces there.
    assertThatThrownBy(() -> poller("v1.0-preview", HttpMethod.POST, "/snapshots",
        "{\"type\":\"PersonGroup\",\"objectId\":\"rate-limited\",\"applyScope\":[\"" + SCOPE + "\"]}"))
        .isInstanceOfSatisfying(HttpResponseException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(429);
          assertThatJson(e.getValue().toString()).isEqualTo(
              "{\"error\":{\"code\":\"429\",\"message\":\"Rate limit is exceeded.\"}}");
        });
    // One call and the two retries of the pipeline's RetryPolicy; no operation was ever polled.
    server.verify(3, postRequestedFor(urlPathEqualTo("/face/v1.0-preview/snapshots")));
    server.verify(0, getRequestedFor(urlPathMatching("/face/.*/operations/.*")));
  }

  @Test
  void aConflictingTakeIsNotRetriedAndSurfacesAsAnError() {
    assertThatThrownBy(() -> poller("v1.0-preview", HttpMethod.POST, "/snapshots",
        "{\"type\":\"PersonGroup\",\"objectId\":\"conflict\",\"applyScope\":[\"" + SCOPE + "\"]}"))
        .isInstanceOfSatisfying(HttpResponseException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
          assertThatJson(e.getValue().toString()).node("error.code").isEqualTo("ConcurrentOperationConflict");
        });
    server.verify(1, postRequestedFor(urlPathEqualTo("/face/v1.0-preview/snapshots")));
  }
}
