package dev.opstub.standalone;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository's mappings/ and __files/ on the real standalone jar, in its own JVM, with the
 * pack found by service registration (no --extensions).
 */
class StandaloneFaceIT {
  private static final String[] KEY = {"Ocp-Apim-Subscription-Key", "test-key"};
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

  private static HttpResponse<String> get(String path, String... headers) {
    return Http.get(server.baseUrl() + path, headers);
  }

  @Test
  void theSeedIdRunsTwiceThenSucceeds() {
    List<String> statuses = new ArrayList<>();
    String last = null;
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> reply = get("/face/v1.0-preview/operations/a63a3bdd-a1db-4d05-87b8-dbad6850062a", KEY);
      assertThat(reply.statusCode()).as(server.log()).isEqualTo(200);
      last = reply.body();
      statuses.add(JsonPath.read(last, "$.status"));
    }

    assertThat(statuses).containsExactly("running", "running", "succeeded", "succeeded");
    assertThatJson(last).isEqualTo("""
        {"status":"succeeded","createdTime":"${json-unit.regex}\\\\d{4}-\\\\d\\\\d-\\\\d\\\\dT\\\\d\\\\d:\\\\d\\\\d:\\\\d\\\\d\\\\.\\\\d{7}Z",
         "lastActionTime":"${json-unit.any-string}","finishedTime":"${json-unit.any-string}",
         "resourceLocation":"/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc","message":null}""");
  }

  @Test
  void theFailingIdFailsOnItsSecondPoll() {
    String path = "/face/v1.0/operations/f0000000-0000-4000-8000-000000000001";

    assertThatJson(get(path, KEY).body()).node("status").isEqualTo("running");
    String failed = get(path, KEY).body();
    assertThatJson(failed).node("status").isEqualTo("failed");
    assertThatJson(failed).node("message").asString().isNotEmpty();
  }

  @Test
  void withoutTheKeyIs401() {
    HttpResponse<String> reply = get("/face/v1.0-preview/operations/a63a3bdd-a1db-4d05-87b8-dbad6850062a");

    assertThat(reply.statusCode()).isEqualTo(401);
    assertThatJson(reply.body()).node("error.code").isString().isEqualTo("401");
  }

  @Test
  void anUnknownIdIs404AndANonUuidIs400() {
    HttpResponse<String> unknown = get("/face/v1.0-preview/operations/0b0b0b0b-0000-4000-8000-000000000000", KEY);
    HttpResponse<String> notUuid = get("/face/v1.0-preview/operations/not-a-uuid", KEY);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThatJson(unknown.body()).node("error.code").isEqualTo("NotFound");
    assertThat(notUuid.statusCode()).isEqualTo(400);
    assertThatJson(notUuid.body()).node("error.code").isEqualTo("BadArgument");
  }

  @Test
  void thePackLoadedWithoutExtensionsFlag() {
    assertThat(server.log()).contains("opstub-face-operation");
  }
}
