package dev.opstub.junit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.opstub.wiremock.OpStubExtensions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** @OperationStub on a server the test class runs itself with WireMockExtension. */
@OperationStub(api = Api.FACE, id = "0f0f0f0f-0000-4000-8000-000000000001", timeline = "running, succeeded")
class AttachedWireMockExtensionTest {
  static final OpStubExtensions opstub = new OpStubExtensions();

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
          .maxRequestJournalEntries(1000).asynchronousResponseEnabled(true).stubRequestLoggingDisabled(true)
          .extensions(opstub)).build();

  @Test
  void theStubsAreServedByTheUsersServer(OpStubServer server) {
    assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + wm.getPort());
    assertThat(OperationStubExtensionTest.facePolls(server, "0f0f0f0f-0000-4000-8000-000000000001", 2))
        .containsExactly("running", "succeeded");
  }

  @Test
  @OperationStub(api = Api.MEDIA, timeline = "InProgress, Failed(Timeout)")
  void methodStubsAndTheShippedMappingsAreThereToo(OpStubServer server) {
    assertThat(OperationStubExtensionTest.mediaPolls(server, "nb:opid:UUID:01010101-0000-4000-8000-000000000001", 2))
        .containsExactly("InProgress", "Failed");
    assertThat(OperationStubExtensionTest.facePolls(server, "0f0f0f0f-0000-4000-8000-000000000001", 1))
        .as("fresh operations in every test").containsExactly("running");
    assertThat(OperationStubExtensionTest.facePolls(server, "f0000000-0000-4000-8000-000000000001", 2))
        .containsExactly("running", "failed");
  }
}
