package dev.opstub.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operation made by {@code addOperation}, {@code addOperationWith} or the admin API is read by
 * the same rules: a field its API does not keep, or a value its stubs would refuse, is refused
 * with the same message on every way in.
 */
@OperationStub(apiName = "face", timeline = "running, succeeded")
class OneWayInTest {
  private static final String FACE_ID = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";

  @Test
  void aFieldTheApiDoesNotKeepIsRefusedAlikeByTheServerAndTheAdminApi(OpStubServer server) {
    String expected = "targetEntityId is not a field of a Face API operation; it takes resourceLocation";

    assertThatThrownBy(() -> server.addOperationWith("face", FACE_ID, "running", Map.of("targetEntityId", "x")))
        .hasMessage(expected);
    HttpResponse<String> admin = Http.send("POST", server.baseUrl() + "/__admin/opstub/operations",
        "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running\",\"targetEntityId\":\"x\"}");
    assertThat(admin.statusCode()).isEqualTo(400);
    assertThat((String) JsonPath.read(admin.body(), "$.error")).isEqualTo(expected);
  }

  @Test
  void aTargetThatIsNotTextIsRefusedAlikeByTheServerAndTheAdminApi(OpStubServer server) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
        server.addOperationWith("face", FACE_ID, "running", Map.of("resourceLocation", 7)));
    HttpResponse<String> admin = Http.send("POST", server.baseUrl() + "/__admin/opstub/operations",
        "{\"api\":\"face\",\"id\":\"" + FACE_ID + "\",\"timeline\":\"running\",\"resourceLocation\":7}");

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("resourceLocation must be");
    assertThat(admin.statusCode()).isEqualTo(400);
    assertThat((String) JsonPath.read(admin.body(), "$.error")).isEqualTo(thrown.getMessage());
    assertThatThrownBy(() -> server.currentStatus("face", FACE_ID)).hasMessageContaining("no live face operation");
  }

  @Test
  @OperationStub(apiName = "azure", name = "analyze", timeline = "Running, Succeeded",
      with = {"method=POST", "path=/documentintelligence/documentModels/[^/:]+:analyze"})
  void anAzureTargetIsTheOperationsResultReadAsItsMappingsRead(OpStubServer server) {
    server.addOperation("azure", "job-1", "Running, Succeeded", "{\"modelId\": \"m-1\"}");
    String monitor = server.baseUrl() + "/documentintelligence/operations/job-1";

    Http.get(monitor);
    HttpResponse<String> done = Http.get(monitor);

    assertThat((String) JsonPath.read(done.body(), "$.status")).isEqualTo("Succeeded");
    assertThat((String) JsonPath.read(done.body(), "$.result.modelId")).isEqualTo("m-1");
    assertThatThrownBy(() -> server.addOperation("azure", "job-2", "Running", "not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("result must be a JSON object (or its text)").hasMessageEndingWith("; was \"not json\"");
  }
}
