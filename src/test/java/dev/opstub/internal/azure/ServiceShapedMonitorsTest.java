package dev.opstub.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpMethod;
import com.azure.core.util.BinaryData;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.AzureClients;
import dev.opstub.testing.Http;
import dev.opstub.testing.RepositoryServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Service-shaped monitors over HTTP, as hand-written mappings make them: a start call that hands
 * out a monitor URL templated on its own path (Key Vault's {@code /certificates/{id}/pending}, a
 * query monitor {@code /operations?snapshot={id}}), an operation id taken from the start path, and
 * statuses served exactly as the mapping declares them, in the answers and in the history. The
 * same tours run on Redis ({@link ServiceShapedMonitorsOnRedisTest}).
 */
class ServiceShapedMonitorsTest {
  static final String KEY_VAULT_STATUSES =
      "{\"inProgress\": \"running\", \"completed\": \"succeeded\", \"failed\": \"failed\", \"cancelled\": \"canceled\"}";

  WireMockServer server;
  String base;

  WireMockServer startServer() {
    return RepositoryServer.start();
  }

  @BeforeEach
  void start() {
    server = startServer();
    base = server.baseUrl();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private void addMapping(String json) {
    HttpResponse<String> added = Http.send("POST", base + "/__admin/mappings", json, "Content-Type", "application/json");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
  }

  /** A start mapping: {@code request} (the mapping's request object) starts operations with these parameters. */
  private void addStart(String request, String parameters) {
    addMapping("{\"priority\": 5, \"request\": " + request + ", \"response\": {\"transformers\": "
        + "[\"opstub-azure-start\"], \"transformerParameters\": " + parameters + "}}");
  }

  private void addMonitor(String request, String parameters) {
    addMapping("{\"priority\": 3, \"request\": " + request + ", \"response\": {\"transformers\": "
        + "[\"opstub-azure-monitor\"], \"transformerParameters\": " + parameters + "}}");
  }

  private void addKeyVault(String timeline) {
    addStart("{\"method\": \"POST\", \"urlPathPattern\": \"/certificates/[^/]+/create\"}",
        "{\"startPath\": \"/certificates/{certificate-name}/create\", \"monitorPath\": \"/certificates/{id}/pending\", "
            + "\"operationId\": \"{certificate-name}\", \"statuses\": " + KEY_VAULT_STATUSES + ", \"timeline\": \""
            + timeline + "\"}");
    addMonitor("{\"urlPathPattern\": \"/certificates/[^/]+/pending\"}",
        "{\"monitorPath\": \"/certificates/{id}/pending\"}");
  }

  private static String status(HttpResponse<String> reply) {
    return JsonPath.read(reply.body(), "$.status");
  }

  private List<String> history(String id) {
    HttpResponse<String> reply = Http.get(base + "/__admin/opstub/operations/azure/" + id);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return JsonPath.read(reply.body(), "$.history[*].status");
  }

  @Test
  void aKeyVaultCreateHandsOutItsPendingUrlNamedByTheCertificateAndServesItsOwnWords() {
    addKeyVault("inProgress x2, completed");
    String name = "web-" + UUID.randomUUID();

    HttpResponse<String> started = Http.send("POST", base + "/certificates/" + name + "/create?api-version=7.5", "{}");

    assertThat(started.statusCode()).isEqualTo(202);
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow();
    assertThat(monitor).isEqualTo(base + "/certificates/" + name + "/pending?api-version=7.5");
    assertThat(status(started)).isEqualTo("inProgress");
    assertThat((String) JsonPath.read(started.body(), "$.id")).isEqualTo(name);
    List<String> served = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      served.add(status(Http.get(monitor)));
    }
    assertThat(served).containsExactly("inProgress", "inProgress", "completed");
    assertThat(history(name)).containsExactly("inProgress", "inProgress", "completed");
    String view = Http.get(base + "/__admin/opstub/operations/azure/" + name).body();
    assertThat((String) JsonPath.read(view, "$.timeline")).isEqualTo("inProgress x2, completed");
    assertThat((String) JsonPath.read(view, "$.status")).isEqualTo("completed");
  }

  @Test
  void aFailedCertificateServesTheDeclaredFailedWordWithItsError() {
    addKeyVault("inProgress, failed(CertificateIssuerError: The issuer refused.)");
    String name = "bad-" + UUID.randomUUID();
    String monitor = Http.send("POST", base + "/certificates/" + name + "/create?api-version=7.5", "{}").headers()
        .firstValue("Operation-Location").orElseThrow();

    Http.get(monitor);
    HttpResponse<String> failed = Http.get(monitor);

    assertThat(status(failed)).isEqualTo("failed");
    assertThat((String) JsonPath.read(failed.body(), "$.error.code")).isEqualTo("CertificateIssuerError");
  }

  @Test
  void aCertificateNameThatIsNoOperationIdIsA400InAzuresErrorShape() {
    addKeyVault("inProgress, completed");

    HttpResponse<String> refused = Http.send("POST", base + "/certificates/-web/create?api-version=7.5", "{}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat((String) JsonPath.read(refused.body(), "$.error.code")).isEqualTo("InvalidOperationId");
    assertThat((String) JsonPath.read(refused.body(), "$.error.message"))
        .isEqualTo("The operation id, the {certificate-name} part of the path, must be " + AzureApi.ID_FORMAT
            + "; was '-web'.");
  }

  @Test
  void aMonitorPathCopiesTheStartPathsNamesAndFindsTheIdBeforeItsLastSegment() {
    addStart("{\"method\": \"POST\", \"urlPathPattern\": \"/models/[^/]+:analyze\"}",
        "{\"startPath\": \"/models/{modelId}:analyze\", \"monitorPath\": \"/models/{modelId}/analyzeResults/{id}/status\", "
            + "\"timeline\": \"Running, Succeeded\"}");
    addMonitor("{\"urlPathPattern\": \"/models/[^/]+/analyzeResults/[^/]+/status\"}",
        "{\"monitorPath\": \"/models/{modelId}/analyzeResults/{id}/status\"}");

    HttpResponse<String> started = Http.send("POST", base + "/models/my-model:analyze?api-version=2024-11-30", "{}");
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow();
    String id = started.headers().firstValue("operation-id").orElseThrow();

    assertThat(monitor).isEqualTo(base + "/models/my-model/analyzeResults/" + id + "/status?api-version=2024-11-30");
    assertThat(status(Http.get(monitor))).isEqualTo("Running");
    assertThat(status(Http.get(monitor))).isEqualTo("Succeeded");
    assertThat(history(id)).containsExactly("Running", "Succeeded");
  }

  @Test
  void aQueryMonitorJoinsTheApiVersionWithAnAmpersandAndReadsTheIdFromItsQuery() {
    addStart("{\"method\": \"PUT\", \"urlPathPattern\": \"/kv/snapshots/[^/]+\"}",
        "{\"startPath\": \"/kv/snapshots/{name}\", \"operationId\": \"{name}\", "
            + "\"monitorPath\": \"/kv/operations?snapshot={id}\", \"startStatus\": 201, "
            + "\"timeline\": \"NotStarted, Running, Succeeded\"}");
    addMonitor("{\"urlPath\": \"/kv/operations\", \"queryParameters\": {\"snapshot\": {\"matches\": \".+\"}}}",
        "{\"monitorPath\": \"/kv/operations?snapshot={id}\"}");

    HttpResponse<String> started = Http.send("PUT", base + "/kv/snapshots/nightly?api-version=2023-10-01", "{}");

    assertThat(started.statusCode()).isEqualTo(201);
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow();
    assertThat(monitor).isEqualTo(base + "/kv/operations?snapshot=nightly&api-version=2023-10-01");
    assertThat(status(Http.get(monitor))).isEqualTo("NotStarted");
    assertThat(status(Http.get(base + "/kv/operations?api-version=2023-10-01&snapshot=nightly"))).isEqualTo("Running");
    assertThat(status(Http.get(monitor))).isEqualTo("Succeeded");
    assertThat(history("nightly")).containsExactly("NotStarted", "Running", "Succeeded");
  }

  @Test
  void cancelingAnOperationWithDeclaredStatusesServesTheDeclaredCanceledWord() {
    addStart("{\"method\": \"POST\", \"urlPath\": \"/jobs:run\"}",
        "{\"monitorPath\": \"/jobs/{id}\", \"statuses\": " + KEY_VAULT_STATUSES + ", \"timeline\": \"inProgress x5, completed\"}");
    addMonitor("{\"urlPathPattern\": \"/jobs/[^/:]+(:cancel)?\"}", "{}");
    HttpResponse<String> started = Http.send("POST", base + "/jobs:run", "{}");
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow();
    String id = started.headers().firstValue("operation-id").orElseThrow();
    Http.get(monitor);

    HttpResponse<String> canceled = Http.send("POST", monitor + ":cancel", null);

    assertThat(canceled.statusCode()).isEqualTo(200);
    assertThat(status(canceled)).isEqualTo("cancelled");
    assertThat(status(Http.get(monitor))).isEqualTo("cancelled");
    assertThat(history(id)).containsExactly("inProgress", "cancelled");
    assertThat((String) JsonPath.read(Http.get(base + "/__admin/opstub/operations/azure/" + id).body(), "$.status"))
        .isEqualTo("cancelled");
  }

  @Test
  void anOperationWhoseStatusesHaveNoCanceledOneCannotBeCanceled() {
    addStart("{\"method\": \"POST\", \"urlPath\": \"/jobs:run\"}",
        "{\"monitorPath\": \"/jobs/{id}\", \"statuses\": {\"inProgress\": \"running\", \"completed\": \"succeeded\"}, "
            + "\"timeline\": \"inProgress x5, completed\"}");
    addMonitor("{\"urlPathPattern\": \"/jobs/[^/:]+(:cancel)?\"}", "{}");
    HttpResponse<String> started = Http.send("POST", base + "/jobs:run", "{}");
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow();

    HttpResponse<String> refused = Http.send("POST", monitor + ":cancel", null);

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat((String) JsonPath.read(refused.body(), "$.error.code")).isEqualTo("OperationNotCancelable");
    assertThat(status(Http.get(monitor))).isEqualTo("inProgress");
  }

  @Test
  void finalStatusIsWhatArmsLocationAnswersOnceSucceeded() {
    addStart("{\"method\": \"POST\", \"urlPathPattern\": \"/subscriptions/s/providers/Test.Ops/run[0-9]\"}",
        "{\"pattern\": \"location\", \"finalStatus\": 200, \"timeline\": \"Running, Succeeded\"}");

    HttpResponse<String> started = Http.send("POST", base + "/subscriptions/s/providers/Test.Ops/run1", "{}");
    String location = started.headers().firstValue("Location").orElseThrow();

    assertThat(Http.get(location).statusCode()).isEqualTo(202);
    assertThat(Http.get(location).statusCode()).isEqualTo(200);
  }

  @Test
  void anAdminOperationTakesDeclaredStatusesAndAStatusCase() {
    String declared = "op-" + UUID.randomUUID();
    String camel = "op-" + UUID.randomUUID();
    HttpResponse<String> made = Http.send("POST", base + "/__admin/opstub/operations", "{\"api\": \"azure\", \"id\": \""
        + declared + "\", \"timeline\": \"inProgress, completed\", \"statuses\": " + KEY_VAULT_STATUSES + "}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    assertThat((String) JsonPath.read(made.body(), "$.timeline")).isEqualTo("inProgress, completed");
    assertThat(Http.send("POST", base + "/__admin/opstub/operations", "{\"api\": \"azure\", \"id\": \"" + camel
        + "\", \"timeline\": \"Running, Succeeded\", \"statusCase\": \"camelCase\"}").statusCode()).isEqualTo(201);

    assertThat(status(Http.get(base + "/documentintelligence/operations/" + declared))).isEqualTo("inProgress");
    assertThat(status(Http.get(base + "/documentintelligence/operations/" + declared))).isEqualTo("completed");
    assertThat(status(Http.get(base + "/documentintelligence/operations/" + camel))).isEqualTo("running");
    assertThat(history(declared)).containsExactly("inProgress", "completed");
    assertThat(history(camel)).containsExactly("running");
  }

  @Test
  void anAdminOperationWithAWordItsStatusesDoNotDeclareIsA400() {
    HttpResponse<String> refused = Http.send("POST", base + "/__admin/opstub/operations", "{\"api\": \"azure\", "
        + "\"id\": \"op-1\", \"timeline\": \"inProgress, succeeded\", \"statuses\": " + KEY_VAULT_STATUSES + "}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("unknown status 'succeeded' for the declared statuses");
    HttpResponse<String> both = Http.send("POST", base + "/__admin/opstub/operations", "{\"api\": \"azure\", "
        + "\"id\": \"op-1\", \"timeline\": \"inProgress\", \"statusCase\": \"camelCase\", \"statuses\": "
        + KEY_VAULT_STATUSES + "}");
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(both.body()).contains("statuses and statusCase both say how statuses are spelled");
  }

  @Test
  void azureCoresDefaultPollerFollowsAnAppConfigurationShapedQueryMonitorToTheSnapshot() {
    addStart("{\"method\": \"PUT\", \"urlPathPattern\": \"/snapshots/[^/]+\"}",
        "{\"startPath\": \"/snapshots/{name}\", \"operationId\": \"{name}\", \"monitorPath\": \"/operations?snapshot={id}\", "
            + "\"startStatus\": 201, \"retryAfter\": \"10ms\", \"timeline\": \"NotStarted, Running, Succeeded\"}");
    addMonitor("{\"urlPath\": \"/operations\", \"queryParameters\": {\"snapshot\": {\"matches\": \".+\"}}}",
        "{\"monitorPath\": \"/operations?snapshot={id}\"}");
    addMapping("{\"priority\": 6, \"request\": {\"method\": \"GET\", \"urlPathPattern\": \"/snapshots/[^/]+\"}, "
        + "\"response\": {\"status\": 200, \"headers\": {\"Content-Type\": \"application/json\"}, "
        + "\"jsonBody\": {\"name\": \"nightly\", \"status\": \"ready\"}}}");

    SyncPoller<BinaryData, BinaryData> poller = AzureClients.syncPoller(base, HttpMethod.PUT,
        "/snapshots/nightly?api-version=2023-10-01", "{\"filters\": [{\"key\": \"app1/*\"}]}");
    PollResponse<BinaryData> done = poller.waitForCompletion(Duration.ofSeconds(30));

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThat((String) JsonPath.read(poller.getFinalResult().toString(), "$.status")).isEqualTo("ready");
    assertThat(history("nightly")).containsExactly("NotStarted", "Running", "Succeeded");
  }

  @Test
  void aQueryMonitorWithATimelineMakesTheOperationOfThePolledIdInItsDeclaredWords() {
    addMonitor("{\"urlPath\": \"/kv/operations\", \"queryParameters\": {\"snapshot\": {\"equalTo\": \"fixed\"}}}",
        "{\"monitorPath\": \"/kv/operations?snapshot={id}\", \"statuses\": {\"provisioning\": \"running\", "
            + "\"ready\": \"succeeded\"}, \"timeline\": \"provisioning, ready\"}");

    HttpResponse<String> first = Http.get(base + "/kv/operations?snapshot=fixed&api-version=2023-10-01");
    HttpResponse<String> second = Http.get(base + "/kv/operations?api-version=2023-10-01&snapshot=fixed");

    assertThat(status(first)).isEqualTo("provisioning");
    assertThat((String) JsonPath.read(first.body(), "$.id")).isEqualTo("fixed");
    assertThat(status(second)).isEqualTo("ready");
    assertThat(history("fixed")).containsExactly("provisioning", "ready");
  }

  @Test
  void aStartCallOutsideTheStartPathIsA400NamingBoth() {
    addStart("{\"method\": \"POST\", \"urlPathPattern\": \"/certificates/.+/create\"}",
        "{\"startPath\": \"/certificates/{name}/create\", \"operationId\": \"{name}\", "
            + "\"monitorPath\": \"/certificates/{id}/pending\"}");

    HttpResponse<String> refused = Http.send("POST", base + "/certificates/a/b/create", "{}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat((String) JsonPath.read(refused.body(), "$.error.code")).isEqualTo("InvalidRequestPath");
    assertThat((String) JsonPath.read(refused.body(), "$.error.message"))
        .isEqualTo("The path '/certificates/a/b/create' is not one of the mapping's startPath '/certificates/{name}/create'.");
  }
}
