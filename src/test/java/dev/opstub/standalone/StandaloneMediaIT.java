package dev.opstub.standalone;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.internal.media.MediaErrorCode;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The repository's Media Services mappings on the real standalone jar, in its own JVM. */
class StandaloneMediaIT {
  private static final String JSON_LIGHT = "application/json;odata=minimalmetadata";
  private static final String ATOM = "application/atom+xml";
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

  private static String[] headers(String accept) {
    return new String[] {"Authorization", "Bearer token", "x-ms-version", "2.19", "Accept", accept};
  }

  private static HttpResponse<String> poll(String operationId, String accept) {
    return Http.get(server.baseUrl() + "/api/Operations('" + operationId + "')", headers(accept));
  }

  @ParameterizedTest
  @EnumSource(MediaErrorCode.class)
  void anActionOnEachWellKnownEntityFailsWithItsCodeInJsonLightAndAtom(MediaErrorCode code) {
    String entity = String.format("nb:oid:UUID:e0000000-0000-4000-8000-0000000000%02d", code.ordinal() + 1);
    for (String accept : List.of(JSON_LIGHT, ATOM)) {
      HttpResponse<String> started = Http.send("POST",
          server.baseUrl() + "/api/StreamingEndpoints('" + entity + "')/Start", "", headers(accept));
      assertThat(started.statusCode()).as(server.log()).isEqualTo(202);
      String id = started.headers().firstValue("operation-id").orElseThrow();

      HttpResponse<String> first = poll(id, accept);
      HttpResponse<String> second = poll(id, accept);

      if (accept.equals(JSON_LIGHT)) {
        assertThatJson(first.body()).node("State").isEqualTo("InProgress");
        assertThatJson(second.body()).isEqualTo("""
            {"odata.metadata":"%s/api/$metadata#Operations/@Element","Id":"%s","State":"Failed",
             "TargetEntityId":"%s","ErrorCode":"%s","ErrorMessage":"%s"}"""
            .formatted(server.baseUrl(), id, entity, code.code(), code.defaultMessage()));
      } else {
        assertThat(second.headers().firstValue("Content-Type")).hasValue("application/atom+xml;type=entry;charset=utf-8");
        assertThat(first.body()).contains("<d:State>InProgress</d:State>");
        assertThat(second.body()).contains("<d:State>Failed</d:State>", "<d:ErrorCode>" + code.code() + "</d:ErrorCode>");
      }
    }
  }

  @Test
  void theSeedOperationMatchesTheSeedsSampleFieldForField() {
    String id = "nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b";
    poll(id, JSON_LIGHT);
    poll(id, JSON_LIGHT);

    assertThatJson(poll(id, JSON_LIGHT).body()).isEqualTo("""
        {"odata.metadata":"%s/api/$metadata#Operations/@Element",
         "Id":"nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b","State":"Succeeded",
         "TargetEntityId":"nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833","ErrorCode":null,"ErrorMessage":null}"""
        .formatted(server.baseUrl()));
  }

  @Test
  void getErrorsAreODataErrorsInTheRequestedFormat() {
    HttpResponse<String> unknown = poll("nb:opid:UUID:0b0b0b0b-0000-4000-8000-000000000000", JSON_LIGHT);
    HttpResponse<String> malformed = poll("nb:opid:UUID:zz", ATOM);
    HttpResponse<String> noToken = Http.get(server.baseUrl() + "/api/Operations('nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b')",
        "x-ms-version", "2.19", "Accept", "application/json;odata=verbose");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThatJson(unknown.body()).node("odata\\.error.code").isEqualTo("OperationNotFound");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("<m:code>InvalidIdentifierFormat</m:code>");
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThatJson(noToken.body()).node("error.code").isPresent();
  }

  @Test
  void theMediaTransformersLoadedWithoutExtensionsFlag() {
    assertThat(server.log()).contains("opstub-media-operation", "opstub-media-action");
  }
}
