package dev.opstub.junit;

import static dev.opstub.junit.OpStubAssertions.assertThatServer;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.testing.Http;
import org.junit.jupiter.api.Test;

@OperationStub(api = Api.FACE, id = "0d0d0d0d-0000-4000-8000-000000000001", timeline = "running")
class ServerAssertTest {

  @Test
  void pollingOnlyHandedOutIdsPasses(OpStubServer server) {
    Http.get(server.faceEndpoint() + "/operations/0d0d0d0d-0000-4000-8000-000000000001", "Ocp-Apim-Subscription-Key", "k");

    assertThatCode(() -> assertThatServer(server).neverPolledAnIdThatWasNotHandedOut()).doesNotThrowAnyException();
  }

  @Test
  void pollingAnUnknownOrMalformedIdFailsNamingIt(OpStubServer server) {
    Http.get(server.faceEndpoint() + "/operations/0d0d0d0d-0000-4000-8000-000000000001", "Ocp-Apim-Subscription-Key", "k");
    Http.get(server.faceEndpoint() + "/operations/0d0d0d0d-0000-4000-8000-000000000999", "Ocp-Apim-Subscription-Key", "k");
    Http.get(server.mediaApiRoot() + "Operations('nb:opid:UUID:oops')", "Authorization", "Bearer t", "x-ms-version", "2.19");

    assertThatThrownBy(() -> assertThatServer(server).neverPolledAnIdThatWasNotHandedOut())
        .hasMessageContaining("these were not: [face 0d0d0d0d-0000-4000-8000-000000000999, media nb:opid:UUID:oops]")
        .hasMessageContaining("HTTP 404 (error)");
  }
}
