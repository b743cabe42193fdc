package dev.opstub.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.internal.api.Apis;
import dev.opstub.junit.OpStubServer;
import dev.opstub.junit.OpStubTest;
import dev.opstub.junit.OperationStub;
import dev.opstub.spi.Dialect;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code GET /__admin/opstub/ui} on an in-process server: every API of the registry, live operations, their traces. */
@OpStubTest
class AdminUiTest {
  static final String FACE_ID = "0c0c0c0c-0000-4000-8000-0000000000a1";
  static final String MEDIA_ID = "nb:opid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833";
  static final String KEY = "Ocp-Apim-Subscription-Key";

  @Test
  @OperationStub(apiName = "face", id = FACE_ID, timeline = "running x2, succeeded")
  void theUiListsEveryApiOfTheRegistryAndEachLiveOperationWithItsState(OpStubServer server) {
    Http.get(server.baseUrl() + "/face/v1.0-preview/operations/" + FACE_ID, KEY, "k");

    HttpResponse<String> page = Http.get(server.baseUrl() + "/__admin/opstub/ui");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    for (Dialect api : Apis.builtIn().all()) {
      assertThat(page.body()).contains("<h2 id=\"api-" + api.name() + "\">");
    }
    assertThat(page.body()).contains("<a href=\"ui/operations/face/" + FACE_ID + "\">" + FACE_ID + "</a></td>"
        + "<td>running</td><td>running</td><td>1</td><td><code>running x2, succeeded</code>");
  }

  @Test
  @OperationStub(apiName = "face", id = FACE_ID, timeline = "running, succeeded")
  void theUiReloadsWhileAnOperationRunsAndStandsStillOnceEveryOneHasFinished(OpStubServer server) {
    String poll = server.baseUrl() + "/face/v1.0-preview/operations/" + FACE_ID;
    Http.get(poll, KEY, "k");
    assertThat(Http.get(server.baseUrl() + "/__admin/opstub/ui").body())
        .contains("<meta http-equiv=\"refresh\" content=\"2\">");
    assertThat(Http.get(server.baseUrl() + "/__admin/opstub/ui/operations/face/" + FACE_ID).body())
        .contains("<meta http-equiv=\"refresh\" content=\"2\">");

    Http.get(poll, KEY, "k");

    assertThat(Http.get(server.baseUrl() + "/__admin/opstub/ui").body()).doesNotContain("http-equiv=\"refresh\"")
        .contains("does not reload");
    assertThat(Http.get(server.baseUrl() + "/__admin/opstub/ui/operations/face/" + FACE_ID).body())
        .doesNotContain("http-equiv=\"refresh\"");
  }

  @Test
  @OperationStub(apiName = "media", id = MEDIA_ID, timeline = "InProgress, Succeeded")
  void anOperationsLinkLeadsToItsTraceEvenWithColonsInItsId(OpStubServer server) {
    server.addOperation("media", MEDIA_ID, "InProgress, Succeeded");
    String list = Http.get(server.baseUrl() + "/__admin/opstub/ui").body();
    String link = "ui/operations/media/nb%3Aopid%3AUUID%3A1e518dbc-91ef-4044-a8bd-d20769dae833";
    assertThat(list).contains("<a href=\"" + link + "\">");

    HttpResponse<String> trace = Http.get(server.baseUrl() + "/__admin/opstub/" + link);

    assertThat(trace.statusCode()).isEqualTo(200);
    assertThat(trace.body()).contains("<h1>Media Services API operation " + MEDIA_ID + "</h1>", "<svg",
        "<a href=\"../../../ui\">Every live operation</a>");
  }

  @Test
  void anUnknownOperationOrApiIsAPageThatSaysSoWithA404(OpStubServer server) {
    HttpResponse<String> operation = Http.get(server.baseUrl() + "/__admin/opstub/ui/operations/face/" + FACE_ID);
    HttpResponse<String> api = Http.get(server.baseUrl() + "/__admin/opstub/ui/operations/nope/x");

    assertThat(operation.statusCode()).isEqualTo(404);
    assertThat(operation.body()).contains("No live face operation &quot;" + FACE_ID + "&quot; and no polls of it.");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.body()).contains("No API is named &quot;nope&quot;; this server serves " + Apis.builtIn().names() + ".");
  }
}
