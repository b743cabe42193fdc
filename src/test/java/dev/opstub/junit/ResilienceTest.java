package dev.opstub.junit;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.Http;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Timelines that break clients: faults, Retry-After, delays, a frozen clock, expiry. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceTest {
  static final String FACE_ID = "0a0a0a0a-0000-4000-8000-0000000000f1";
  static final String MEDIA_ID = "nb:opid:UUID:0a0a0a0a-0000-4000-8000-0000000000f2";

  private static HttpResponse<String> face(OpStubServer server) {
    return Http.get(server.faceEndpoint() + "/operations/" + FACE_ID, "Ocp-Apim-Subscription-Key", "k");
  }

  private static HttpResponse<String> media(OpStubServer server) {
    return Http.get(server.mediaApiRoot() + "Operations('" + MEDIA_ID + "')", "Authorization", "Bearer t",
        "x-ms-version", "2.19", "Accept", "application/json;odata=minimalmetadata");
  }

  @Test
  @OperationStub(api = Api.FACE, id = FACE_ID, timeline = "running, http(429, Retry-After=1), running, succeeded")
  void aFaceClientMeets429OnItsSecondPollInTheFaceFormat(OpStubServer server) {
    assertThat(face(server).statusCode()).isEqualTo(200);
    HttpResponse<String> throttled = face(server);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
    assertThatJson(throttled.body()).node("error.code").isString().isEqualTo("429");
    assertThatJson(face(server).body()).node("status").isEqualTo("running");
    assertThatJson(face(server).body()).node("status").isEqualTo("succeeded");

    assertThat(server.polls(Api.FACE, FACE_ID)).extracting(p -> p.httpStatus() + " " + p.status())
        .containsExactly("200 running", "429 http(429, Retry-After=1000ms)", "200 running", "200 succeeded");
    OpStubAssertions.assertThatPolls(server, Api.FACE, FACE_ID)
        .wasServed("running", "http(429, Retry-After=1000ms)", "running", "succeeded");
    assertThat(server.polls(Api.FACE, FACE_ID).get(1).retryAfter()).hasSeconds(1);
  }

  @Test
  @OperationStub(api = Api.MEDIA, id = MEDIA_ID, timeline = "InProgress, http(429, Retry-After=1), http(503), InProgress, Succeeded")
  void aMediaClientMeetsServerBusyInTheODataFormat(OpStubServer server) {
    assertThat(media(server).statusCode()).isEqualTo(200);
    HttpResponse<String> throttled = media(server);
    HttpResponse<String> busy = media(server);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
    assertThatJson(throttled.body()).node("odata\\.error.code").isEqualTo("ServerBusy");
    assertThat(busy.statusCode()).isEqualTo(503);
    assertThatJson(busy.body()).node("odata\\.error.message.value").asString().startsWith("Server is busy");
    assertThatJson(media(server).body()).node("State").isEqualTo("InProgress");
    assertThatJson(media(server).body()).node("State").isEqualTo("Succeeded");
  }

  @Test
  @OperationStub(api = Api.FACE, id = FACE_ID, timeline = "running, fault(connection-reset), fault(empty-response), succeeded")
  void connectionFaultsBreakOnePollEach(OpStubServer server) {
    assertThat(face(server).statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> face(server)).isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> face(server)).isInstanceOf(UncheckedIOException.class);
    assertThatJson(face(server).body()).node("status").isEqualTo("succeeded");
    assertThatThrownBy(() -> OpStubAssertions.assertThatPolls(server, Api.FACE, FACE_ID).wasServed("running", "succeeded"))
        .as("a failure names fault steps by their notation").hasMessageContaining(
            "but was served [running, fault(connection-reset), fault(empty-response), succeeded]");
  }

  @Test
  @OperationStub(api = Api.FACE, id = FACE_ID, timeline = "running, delay(400ms), succeeded")
  void aDelayHoldsBackTheNextAnswer(OpStubServer server) {
    face(server);
    long start = System.nanoTime();
    HttpResponse<String> delayed = face(server);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThatJson(delayed.body()).node("status").isEqualTo("succeeded");
    assertThat(tookMillis).isGreaterThanOrEqualTo(400);
  }

  @Test
  @Order(1)
  @OperationStub(api = Api.FACE, id = FACE_ID, timeline = "notStarted, running 10s, succeeded")
  void aFrozenClockMakesATimedStepLastUntilTheTestAdvancesIt(OpStubServer server) {
    server.freezeClock();
    assertThatJson(face(server).body()).node("status").isEqualTo("notStarted");
    for (int i = 0; i < 5; i++) {
      assertThatJson(face(server).body()).node("status").isEqualTo("running");
    }
    server.advanceClock(Duration.ofSeconds(9));
    assertThatJson(face(server).body()).node("status").isEqualTo("running");
    server.advanceClock(Duration.ofSeconds(1));
    assertThatJson(face(server).body()).node("status").isEqualTo("succeeded");
  }

  @Test
  @Order(2)
  @OperationStub(api = Api.FACE, id = FACE_ID, timeline = "running")
  void theNextTestStartsOnRealTimeAgain(OpStubServer server) throws InterruptedException {
    var before = server.now();
    Thread.sleep(20);
    assertThat(server.now()).isAfter(before);
  }

  @Test
  @OperationStub(api = Api.FACE, id = FACE_ID, timeline = "running, succeeded", expireAfter = "10m")
  @OperationStub(api = Api.MEDIA, id = MEDIA_ID, timeline = "InProgress, Succeeded", expireAfter = "10m")
  void finishedOperationsVanishAfterTheirTimeToLive(OpStubServer server) {
    server.freezeClock();
    face(server);
    media(server);
    assertThat(JsonPath.<String>read(face(server).body(), "$.status")).isEqualTo("succeeded");
    assertThat(JsonPath.<String>read(media(server).body(), "$.State")).isEqualTo("Succeeded");

    server.advanceClock(Duration.ofMinutes(10));

    HttpResponse<String> goneFace = face(server);
    HttpResponse<String> goneMedia = media(server);
    assertThat(goneFace.statusCode()).isEqualTo(404);
    assertThatJson(goneFace.body()).node("error.code").isEqualTo("NotFound");
    assertThat(goneMedia.statusCode()).isEqualTo(404);
    assertThatJson(goneMedia.body()).node("odata\\.error.code").isEqualTo("OperationNotFound");
  }
}
