package dev.opstub.reliability;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.face.FaceStatuses;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.timeline.Operation;
import dev.opstub.internal.timeline.OperationStore;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.internal.wiremock.Pack;
import dev.opstub.spi.Timeline;
import dev.opstub.testing.Http;
import dev.opstub.wiremock.OpStubExtensions;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many more ids over time than a small store holds: the bound holds, evicted ids are "not found". */
class BoundedMemoryTest {

  @Test
  void manyMoreIdsThanTheBoundLeaveAtMostTheBoundLive() {
    // The heap this bound buys is measured by the benchmark (bytes per live operation, soak), not here.
    OperationStore store = new OperationStore(1_000, Clock.systemUTC());
    Timeline timeline = TimelineParser.parse("running x2, succeeded", FaceStatuses.INSTANCE);

    for (int i = 0; i < 20_000; i++) {
      store.put("face", new Operation("00000000-0000-4000-8000-" + String.format("%012d", i), timeline,
          store.clock().instant(), null)).poll(store.clock().instant());
      assertThat(store.size()).isLessThanOrEqualTo(1_000);
    }

    assertThat(store.find("face", "00000000-0000-4000-8000-000000000000")).as("an early id").isEmpty();
    assertThat(store.find("face", "00000000-0000-4000-8000-000000019999")).as("the latest id").isPresent();
  }

  @Test
  void evictedIdsAnswerNotFoundInEachApisFormat() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(".").extensions(new Pack(new InMemoryState(100), Apis.builtIn()).extensions()));
    server.start();
    try {
      List<String> mediaIds = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        HttpResponse<String> started = Http.send("POST", server.baseUrl()
            + "/api/Channels('nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833')/Start", "",
            "Authorization", "Bearer t", "x-ms-version", "2.19");
        mediaIds.add(started.headers().firstValue("operation-id").orElseThrow());
      }
      List<String> faceIds = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        faceIds.add(String.format("0c0c0c0c-0000-4000-8000-%012d", i));
        Http.send("POST", server.baseUrl() + "/__admin/opstub/operations", "{\"api\":\"face\",\"id\":\""
            + faceIds.get(i) + "\",\"timeline\":\"running\"}");
      }
      // Which ids the bound evicted is the cache's choice (by recency and frequency, partly at
      // random): ask the server which are live, and poll ids that are not.
      String live = Http.get(server.baseUrl() + "/__admin/opstub/operations").body();
      String evictedMediaId = mediaIds.stream().filter(id -> !live.contains(id)).findFirst().orElseThrow();
      String faceId = faceIds.stream().filter(id -> !live.contains(id)).findFirst().orElseThrow();

      HttpResponse<String> evictedMedia = Http.get(server.baseUrl() + "/api/Operations('" + evictedMediaId + "')",
          "Authorization", "Bearer t", "x-ms-version", "2.19", "Accept", "application/atom+xml");
      assertThat(evictedMedia.statusCode()).isEqualTo(404);
      assertThat(evictedMedia.body()).contains("<m:code>OperationNotFound</m:code>");
      HttpResponse<String> evictedFace = Http.get(server.baseUrl() + "/face/v1.0-preview/operations/" + faceId,
          "Ocp-Apim-Subscription-Key", "k");
      assertThat(evictedFace.statusCode()).isEqualTo(404);
      assertThatJson(evictedFace.body()).node("error.code").isEqualTo("NotFound");
      assertThatJson(Http.get(server.baseUrl() + "/__admin/opstub/operations").body()).node("count").isEqualTo(100);
    } finally {
      server.stop();
    }
  }
}
