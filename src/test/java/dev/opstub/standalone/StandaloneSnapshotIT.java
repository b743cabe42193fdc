package dev.opstub.standalone;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpMethod;
import com.azure.core.util.BinaryData;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.AzureLroClient;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The snapshot flow on the real standalone jar, in its own JVM, with the repository's mappings/:
 * plain HTTP (as the README's curl lines) and azure-core's poller. Needs {@code
 * opstub-face-snapshots} registered by the pack's {@code OpStubExtensions} (the standalone jar
 * loads only what the service registration creates).
 */
class StandaloneSnapshotIT {
  // The key is that of the subscription in the snapshots' applyScope, so it may also apply them.
  private static final String[] KEY = {"Ocp-Apim-Subscription-Key", "e58b3f08-1e8b-4165-81df-aa9858f233dc"};
  private static final String BASE = "/face/v1.0-preview";
  private static final String SCOPE = "e58b3f08-1e8b-4165-81df-aa9858f233dc";
  private static StandaloneServer server;

  @BeforeAll
  static void start() {
    server = StandaloneServer.startWithRepositoryMappings();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static HttpResponse<String> send(String method, String path, String body) {
    return Http.send(method, server.baseUrl() + path, body, KEY);
  }

  private static String takeBody(String type, String objectId) {
    return "{\"type\":\"" + type + "\",\"objectId\":\"" + objectId + "\",\"applyScope\":[\"" + SCOPE + "\"]}";
  }

  @Test
  void thePackRegisteredTheSnapshotTransformer() {
    assertThat(server.log()).contains("opstub-face-snapshots");
  }

  @Test
  void takePollGetThenApplyOverPlainHttp() {
    HttpResponse<String> taken = send("POST", BASE + "/snapshots", takeBody("PersonGroup", "my-group"));
    assertThat(taken.statusCode()).as(taken.body() + "\n" + server.log()).isEqualTo(202);
    String location = taken.headers().firstValue("Operation-Location").orElseThrow();
    assertThat(location).startsWith("/operations/");

    List<String> statuses = new ArrayList<>();
    String last = null;
    for (int i = 0; i < 4; i++) {
      last = send("GET", BASE + location, null).body();
      statuses.add(JsonPath.read(last, "$.status"));
    }
    assertThat(statuses).containsExactly("notStarted", "running", "running", "succeeded");
    String resourceLocation = JsonPath.read(last, "$.resourceLocation");

    HttpResponse<String> snapshot = send("GET", BASE + resourceLocation, null);
    assertThat(snapshot.statusCode()).isEqualTo(200);
    assertThatJson(snapshot.body()).node("type").isEqualTo("PersonGroup");
    String id = JsonPath.read(snapshot.body(), "$.id");
    assertThat(JsonPath.<List<String>>read(send("GET", BASE + "/snapshots?type=PersonGroup&applyScope=" + SCOPE, null)
        .body(), "$[*].id")).contains(id);
    assertThat(send("GET", BASE + "/snapshots?type=FaceList", null).body()).doesNotContain(id);

    HttpResponse<String> applied = send("POST", BASE + "/snapshots/" + id + "/apply", "{\"objectId\":\"restored\"}");
    assertThat(applied.statusCode()).isEqualTo(202);
    String applyLocation = applied.headers().firstValue("Operation-Location").orElseThrow();
    for (int i = 0; i < 4; i++) {
      last = send("GET", BASE + applyLocation, null).body();
    }
    assertThatJson(last).node("resourceLocation").isEqualTo("/persongroups/restored");

    assertThat(send("DELETE", BASE + "/snapshots/" + id, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", BASE + "/snapshots/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void theAzureCorePollerTakesAndAppliesASnapshot() {
    AzureLroClient face = new AzureLroClient(server.baseUrl() + BASE, KEY[1]);

    SyncPoller<BinaryData, BinaryData> take = face.begin(HttpMethod.POST, "/snapshots", takeBody("LargeFaceList", "faces"));
    PollResponse<BinaryData> taken = take.waitForCompletion(Duration.ofSeconds(30));
    BinaryData snapshot = take.getFinalResult();
    SyncPoller<BinaryData, BinaryData> apply = face.begin(HttpMethod.POST,
        "/snapshots/" + JsonPath.read(snapshot.toString(), "$.id") + "/apply", "{\"objectId\":\"copy\"}");
    PollResponse<BinaryData> applied = apply.waitForCompletion(Duration.ofSeconds(30));

    assertThat(taken.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThatJson(snapshot.toString()).node("type").isEqualTo("LargeFaceList");
    assertThat(applied.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThatJson(applied.getValue().toString()).node("resourceLocation").isEqualTo("/largefacelists/copy");
  }

  @Test
  void theWellKnownObjectIdsFailOrAreRefused() {
    AzureLroClient face = new AzureLroClient(server.baseUrl() + BASE, KEY[1]);

    PollResponse<BinaryData> failed = face.begin(HttpMethod.POST, "/snapshots", takeBody("PersonGroup", "fail-snapshot"))
        .waitForCompletion(Duration.ofSeconds(30));
    assertThat(failed.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);

    assertThatThrownBy(() -> face.begin(HttpMethod.POST, "/snapshots", takeBody("PersonGroup", "conflict")))
        .isInstanceOfSatisfying(HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(409));
    HttpResponse<String> limited = send("POST", BASE + "/snapshots", takeBody("PersonGroup", "rate-limited"));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThatJson(limited.body()).node("error.code").isString().isEqualTo("429");
  }
}
