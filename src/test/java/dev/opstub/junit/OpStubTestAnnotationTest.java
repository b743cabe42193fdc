package dev.opstub.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.Http;
import org.junit.jupiter.api.Test;

/** {@link OpStubTest}: a server with only the shipped well-known ids, no stub of one's own needed. */
@OpStubTest
class OpStubTestAnnotationTest {

  private static String faceStatus(OpStubServer server, String id) {
    return JsonPath.read(Http.get(server.faceEndpoint() + "/operations/" + id, "Ocp-Apim-Subscription-Key", "k").body(),
        "$.status");
  }

  @Test
  void theShippedIdsAreServedWithoutAnyStubOfTheTests(OpStubServer server) {
    assertThat(faceStatus(server, "a63a3bdd-a1db-4d05-87b8-dbad6850062a")).isEqualTo("running");
    assertThat(faceStatus(server, "f0000000-0000-4000-8000-000000000001")).isEqualTo("running");
    assertThat(faceStatus(server, "f0000000-0000-4000-8000-000000000001")).isEqualTo("failed");
    assertThat(server.polls(Api.FACE, "f0000000-0000-4000-8000-000000000001")).hasSize(2);
  }

  @Test
  @OperationStub(api = Api.FACE, id = "0c0c0c0c-0000-4000-8000-000000000001", timeline = "succeeded")
  void aMethodMayStillScriptAnOperationOfItsOwn(OpStubServer server) {
    assertThat(faceStatus(server, "0c0c0c0c-0000-4000-8000-000000000001")).isEqualTo("succeeded");
  }
}
