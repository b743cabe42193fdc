package dev.opstub.internal.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.media.MediaErrorCode;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.timeline.OperationStore;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The repository's Media Services mappings served in-process. */
class MediaOperationStubTest {
  static final String SEED_ID = "nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b";
  static final String JSON_LIGHT = "application/json;odata=minimalmetadata";
  static final String ATOM = "application/atom+xml";

  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").usingFilesUnderDirectory(".")
        .extensions(new Pack(new InMemoryState(1000), Apis.builtIn()).extensions()));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  static String[] headers(String accept) {
    return new String[] {"Authorization", "Bearer token", "x-ms-version", "2.19", "Accept", accept,
        "DataServiceVersion", "3.0", "MaxDataServiceVersion", "3.0;NetFx"};
  }

  private HttpResponse<String> get(String path, String accept) {
    return Http.get(server.baseUrl() + path, headers(accept));
  }

  static String operationPath(String id) {
    return "/api/Operations('" + id + "')";
  }

  static String entityGuid(int n) {
    return String.format("e0000000-0000-4000-8000-0000000000%02d", n);
  }

  @Test
  void theSeedOperationIsInProgressTwiceThenSucceededInTheSeedsShape() {
    List<String> states = new ArrayList<>();
    HttpResponse<String> last = null;
    for (int i = 0; i < 4; i++) {
      last = get(operationPath(SEED_ID), JSON_LIGHT);
      states.add(JsonPath.read(last.body(), "$.State"));
    }

    assertThat(states).containsExactly("InProgress", "InProgress", "Succeeded", "Succeeded");
    assertThat(last.headers().firstValue("Content-Type"))
        .hasValue("application/json;odata=minimalmetadata;streaming=true;charset=utf-8");
    assertThat(last.headers().firstValue("request-id")).isPresent().isEqualTo(last.headers().firstValue("x-ms-request-id"));
    assertThat(last.headers().firstValue("DataServiceVersion")).hasValue("3.0;");
    assertThat(last.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThatJson(last.body()).isEqualTo("""
        {"odata.metadata":"%s/api/$metadata#Operations/@Element",
         "Id":"nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b","State":"Succeeded",
         "TargetEntityId":"nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833",
         "ErrorCode":null,"ErrorMessage":null}""".formatted(server.baseUrl()));
  }

  @Test
  void everyResponseHasAFreshRequestId() {
    String first = get(operationPath(SEED_ID), JSON_LIGHT).headers().firstValue("request-id").orElseThrow();
    String second = get(operationPath(SEED_ID), JSON_LIGHT).headers().firstValue("request-id").orElseThrow();

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void percentEncodedIdsReachTheSameOperation() {
    get(operationPath(SEED_ID), JSON_LIGHT);
    get("/api/Operations(%27nb%3Aopid%3AUUID%3Aab66eff9-8945-4323-9f91-d257a695899b%27)", JSON_LIGHT);

    assertThatJson(get(operationPath(SEED_ID), JSON_LIGHT).body()).node("State").isEqualTo("Succeeded");
  }

  @Test
  void verboseAndNoMetadataFormatsFollowAccept() {
    String verbose = get(operationPath(SEED_ID), "application/json;odata=verbose").body();
    String plain = get(operationPath(SEED_ID), "application/json;odata=nometadata").body();

    assertThatJson(verbose).node("d.__metadata").isEqualTo("""
        {"id":"%1$s/api/Operations('nb%%3Aopid%%3AUUID%%3Aab66eff9-8945-4323-9f91-d257a695899b')",
         "uri":"%1$s/api/Operations('nb%%3Aopid%%3AUUID%%3Aab66eff9-8945-4323-9f91-d257a695899b')",
         "type":"Microsoft.Cloud.Media.Vod.Rest.Data.Models.Operation"}""".formatted(server.baseUrl()));
    assertThatJson(verbose).node("d.State").isEqualTo("InProgress");
    assertThatJson(plain).isEqualTo("""
        {"Id":"nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b","State":"InProgress",
         "TargetEntityId":"nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833","ErrorCode":null,"ErrorMessage":null}""");
  }

  @Test
  void atomIsAnEntryWithTypeEntry() {
    HttpResponse<String> atom = get(operationPath(SEED_ID), ATOM);

    assertThat(atom.headers().firstValue("Content-Type")).hasValue("application/atom+xml;type=entry;charset=utf-8");
    assertThat(atom.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        .contains("<entry xml:base=\"" + server.baseUrl() + "/api/\"",
            "<d:Id>nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b</d:Id>",
            "<d:State>InProgress</d:State>",
            "<d:ErrorCode m:null=\"true\" />");
  }

  @ParameterizedTest
  @EnumSource(MediaErrorCode.class)
  void eachWellKnownFailingOperationFailsWithItsCode(MediaErrorCode code) {
    String id = "nb:opid:UUID:" + entityGuid(code.ordinal() + 1);

    assertThatJson(get(operationPath(id), JSON_LIGHT).body()).node("State").isEqualTo("InProgress");
    String failed = get(operationPath(id), JSON_LIGHT).body();
    assertThatJson(failed).node("State").isEqualTo("Failed");
    assertThatJson(failed).node("ErrorCode").isEqualTo(code.code());
    assertThatJson(failed).node("ErrorMessage").isEqualTo(code.defaultMessage());
  }

  @ParameterizedTest
  @EnumSource(MediaErrorCode.class)
  void anActionOnAWellKnownEntityStartsAnOperationThatFailsWithItsCodeInJsonAndAtom(MediaErrorCode code) {
    for (String accept : List.of(JSON_LIGHT, ATOM)) {
      String entity = "nb:chid:UUID:" + entityGuid(code.ordinal() + 1);
      HttpResponse<String> started = Http.send("POST", server.baseUrl() + "/api/Channels('" + entity + "')/Start", "",
          headers(accept));
      assertThat(started.statusCode()).isEqualTo(202);
      String operationId = started.headers().firstValue("operation-id").orElseThrow();
      assertThat(operationId).matches("nb:opid:UUID:[0-9a-f-]{36}");

      String first = get(operationPath(operationId), accept).body();
      String second = get(operationPath(operationId), accept).body();
      if (accept.equals(JSON_LIGHT)) {
        assertThatJson(first).node("State").isEqualTo("InProgress");
        assertThatJson(second).node("State").isEqualTo("Failed");
        assertThatJson(second).node("ErrorCode").isEqualTo(code.code());
        assertThatJson(second).node("TargetEntityId").isEqualTo(entity);
      } else {
        assertThat(first).contains("<d:State>InProgress</d:State>");
        assertThat(second).contains("<d:State>Failed</d:State>", "<d:ErrorCode>" + code.code() + "</d:ErrorCode>",
            "<d:TargetEntityId>" + entity + "</d:TargetEntityId>");
      }
    }
  }

  @Test
  void everyActionOfTheApiStartsAnOperationOnItsEntity() {
    Map<String, String> actions = Map.of(
        "POST /api/StreamingEndpoints('nb:oid:UUID:11111111-0000-4000-8000-000000000000')/Start", "nb:oid:UUID:11111111-0000-4000-8000-000000000000",
        "POST /api/StreamingEndpoints('nb:oid:UUID:11111111-0000-4000-8000-000000000000')/Scale", "nb:oid:UUID:11111111-0000-4000-8000-000000000000",
        "POST /api/Channels('nb:chid:UUID:22222222-0000-4000-8000-000000000000')/Reset", "nb:chid:UUID:22222222-0000-4000-8000-000000000000",
        "POST /api/Programs('nb:pgid:UUID:33333333-0000-4000-8000-000000000000')/Stop", "nb:pgid:UUID:33333333-0000-4000-8000-000000000000",
        "POST /api/Origins('nb:oid:UUID:44444444-0000-4000-8000-000000000000')/Start", "nb:oid:UUID:44444444-0000-4000-8000-000000000000",
        "DELETE /api/Channels('nb:chid:UUID:55555555-0000-4000-8000-000000000000')", "nb:chid:UUID:55555555-0000-4000-8000-000000000000",
        "DELETE /api/StreamingEndpoints('nb:oid:UUID:66666666-0000-4000-8000-000000000000')", "nb:oid:UUID:66666666-0000-4000-8000-000000000000",
        "DELETE /api/Origins('nb:oid:UUID:77777777-0000-4000-8000-000000000000')", "nb:oid:UUID:77777777-0000-4000-8000-000000000000");
    actions.forEach((request, entity) -> {
      String[] parts = request.split(" ", 2);
      String body = parts[1].endsWith("/Scale") ? "{\"scaleUnits\":2}" : "";
      HttpResponse<String> started = Http.send(parts[0], server.baseUrl() + parts[1], body, headers(JSON_LIGHT));
      assertThat(started.statusCode()).as(request).isEqualTo(202);
      String id = started.headers().firstValue("operation-id").orElseThrow();
      List<String> states = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String poll = get(operationPath(id), JSON_LIGHT).body();
        states.add(JsonPath.read(poll, "$.State"));
        assertThatJson(poll).node("TargetEntityId").isEqualTo(entity);
      }
      assertThat(states).as(request).containsExactly("InProgress", "InProgress", "Succeeded");
    });
  }

  @Test
  void aMappingTimelineScriptsTheOperationsItsActionsStart() {
    server.stubFor(any(urlPathMatching("/api/Channels.*")).atPriority(1)
        .willReturn(aResponse().withTransformers("opstub-media-action")
            .withTransformerParameters(Map.of("timeline", "InProgress x3, Failed(Timeout: the channel did not start)"))));
    String id = Http.send("POST", server.baseUrl() + "/api/Channels('nb:chid:UUID:22222222-0000-4000-8000-000000000000')/Start",
        "", headers(JSON_LIGHT)).headers().firstValue("operation-id").orElseThrow();

    for (int i = 0; i < 3; i++) {
      get(operationPath(id), JSON_LIGHT);
    }
    String failed = get(operationPath(id), JSON_LIGHT).body();

    assertThatJson(failed).node("ErrorCode").isEqualTo("Timeout");
    assertThatJson(failed).node("ErrorMessage").isEqualTo("the channel did not start");
  }

  @Test
  void errorsOfTheGetItselfComeAsODataErrorsInTheRequestedFormat() {
    HttpResponse<String> unknown = get(operationPath("nb:opid:UUID:0b0b0b0b-0000-4000-8000-000000000000"), JSON_LIGHT);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThatJson(unknown.body()).node("odata\\.error.code").isEqualTo("OperationNotFound");
    assertThatJson(unknown.body()).node("odata\\.error.message.lang").isEqualTo("en-US");

    HttpResponse<String> malformed = get(operationPath("nb:opid:UUID:nope"), "application/json;odata=verbose");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThatJson(malformed.body()).node("error.code").isEqualTo("InvalidIdentifierFormat");

    HttpResponse<String> noToken = Http.get(server.baseUrl() + operationPath(SEED_ID), "x-ms-version", "2.19", "Accept", ATOM);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(noToken.body()).startsWith("<?xml").contains("<m:error", "<m:code>");

    HttpResponse<String> basic = Http.get(server.baseUrl() + operationPath(SEED_ID), "Authorization", "Basic abc", "x-ms-version", "2.19");
    assertThat(basic.statusCode()).isEqualTo(401);

    HttpResponse<String> noVersion = Http.get(server.baseUrl() + operationPath(SEED_ID), "Authorization", "Bearer t");
    assertThat(noVersion.statusCode()).isEqualTo(400);
    assertThatJson(noVersion.body()).node("odata\\.error.message.value").asString().contains("x-ms-version");

    HttpResponse<String> other = get("/api/Assets", JSON_LIGHT);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThatJson(other.body()).node("odata\\.error.code").isEqualTo("ResourceNotFound");
  }

  @Test
  void aPathPrefixBeforeApiIsKeptInTheMetadataUrls() {
    String id = Http.send("POST", server.baseUrl() + "/account1/api/Channels('nb:chid:UUID:22222222-0000-4000-8000-000000000000')/Start",
        "", headers(JSON_LIGHT)).headers().firstValue("operation-id").orElseThrow();

    String body = get("/account1" + operationPath(id), JSON_LIGHT).body();

    assertThatJson(body).node("odata\\.metadata").isEqualTo(server.baseUrl() + "/account1/api/$metadata#Operations/@Element");
  }

  @Test
  void theLegacyGlobalRootRedirectsToAnAccountBaseThatServesTheApi() {
    HttpResponse<String> redirect = Http.send("GET", server.baseUrl() + "/API/", null, headers(JSON_LIGHT));

    assertThat(redirect.statusCode()).isEqualTo(301);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location).isEqualTo("/opstub-account/api/");
    String base = java.net.URI.create(server.baseUrl() + "/API/").resolve(location).toString();
    HttpResponse<String> started = Http.send("POST",
        base + "Channels('nb:chid:UUID:22222222-0000-4000-8000-000000000000')/Start", "", headers(JSON_LIGHT));
    assertThat(started.statusCode()).isEqualTo(202);
    String id = started.headers().firstValue("operation-id").orElseThrow();
    assertThatJson(Http.get(base + "Operations('" + id + "')", headers(JSON_LIGHT)).body())
        .node("odata\\.metadata").isEqualTo(base + "$metadata#Operations/@Element");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(MediaErrorCode.class)
  void anActionOnAWellKnownEntityStartsAnOperationThatFailsWithItsNumberedCode(MediaErrorCode code) {
    String entity = "nb:chid:UUID:E0000000-0000-4000-8000-0000000000" + String.format("%02d", code.ordinal() + 1);
    HttpResponse<String> started = Http.send("POST", server.baseUrl() + "/api/Channels('" + entity + "')/Start", "",
        headers(JSON_LIGHT));
    assertThat(started.statusCode()).isEqualTo(202);
    String poll = operationPath(started.headers().firstValue("operation-id").orElseThrow());

    assertThatJson(get(poll, JSON_LIGHT).body()).node("State").isEqualTo("InProgress");
    String failed = get(poll, JSON_LIGHT).body();
    assertThatJson(failed).node("State").isEqualTo("Failed");
    assertThatJson(failed).node("ErrorCode").isEqualTo(code.code());
    assertThatJson(failed).node("ErrorMessage").isEqualTo(code.defaultMessage());
  }

  @Test
  void entitiesOutsideTheWellKnownRangeFollowTheDefaultTimeline() {
    for (String guid : List.of("e0000000-0000-4000-8000-000000000000", "e0000000-0000-4000-8000-000000000015")) {
      HttpResponse<String> started = Http.send("POST", server.baseUrl() + "/api/Channels('nb:chid:UUID:" + guid
          + "')/Start", "", headers(JSON_LIGHT));
      String poll = operationPath(started.headers().firstValue("operation-id").orElseThrow());
      List<String> states = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        states.add(com.jayway.jsonpath.JsonPath.read(get(poll, JSON_LIGHT).body(), "$.State"));
      }
      assertThat(states).as(guid).containsExactly("InProgress", "InProgress", "Succeeded");
    }
  }
}
