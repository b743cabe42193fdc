package dev.opstub.internal.azure;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateOperation;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.AzureClients;
import dev.opstub.testing.Http;
import dev.opstub.wiremock.OpStubExtensions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Key Vault's certificates client 4.7.3 completes {@code beginCreateCertificate} against one
 * hand-written start mapping with Key Vault's own statuses ({@code inProgress}, {@code completed},
 * case-sensitive as its poller reads them) and its {@code /certificates/{name}/pending} monitor
 * (src/test/resources/service-shaped/key-vault): the certificate name is the operation id.
 */
class KeyVaultCertificatesTest {
  private static WireMockServer server;
  private static CertificateClient certificates;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory("src/test/resources/service-shaped/key-vault").extensions(new OpStubExtensions()));
    server.start();
    certificates = AzureClients.keyVaultCertificates(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> create(String name) {
    SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> poller =
        certificates.beginCreateCertificate(name, new CertificatePolicy("Self", "CN=example"));
    poller.setPollInterval(Duration.ofMillis(10));
    return poller;
  }

  private static List<String> history(String id) {
    return JsonPath.read(Http.get(server.baseUrl() + "/__admin/opstub/operations/azure/" + id).body(),
        "$.history[*].status");
  }

  @Test
  void beginCreateCertificateCompletesAndReadsTheCertificate() {
    String name = "web-" + UUID.randomUUID();
    SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> poller = create(name);

    PollResponse<CertificateOperation> done = poller.waitForCompletion(Duration.ofSeconds(30));

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThat(done.getValue().getStatus()).isEqualTo("completed");
    assertThat(poller.getFinalResult().getName()).isEqualTo(name);
    assertThat(history(name)).containsExactly("inProgress", "inProgress", "completed");
    List<String> methods = server.getAllServeEvents().stream()
        .filter(event -> event.getRequest().getUrl().startsWith("/certificates/" + name + "/"))
        .map(event -> event.getRequest().getMethod().value() + " " + event.getRequest().getUrl().replaceFirst("\\?.*", ""))
        .toList();
    assertThat(methods).as("what the client really sends, newest first").containsExactly(
        "GET /certificates/" + name + "/", "GET /certificates/" + name + "/pending",
        "GET /certificates/" + name + "/pending", "GET /certificates/" + name + "/pending",
        "POST /certificates/" + name + "/create");
  }

  @Test
  void aFailingTimelineFailsTheCreateWithTheIssuersError() {
    SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> poller = create("failing-issuer");

    PollResponse<CertificateOperation> done = poller.waitForCompletion(Duration.ofSeconds(30));

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
    assertThat(done.getValue().getStatus()).isEqualTo("failed");
    assertThat(done.getValue().getError().getCode()).isEqualTo("CertificateIssuerError");
    assertThat(done.getValue().getError().getMessage()).isEqualTo("The issuer refused the request.");
    assertThat(history("failing-issuer")).containsExactly("inProgress", "failed");
  }
}
