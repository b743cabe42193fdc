package dev.opstub.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Benchmark 3's suite on plain WireMock: the same {@value SuitePolls#METHODS} x {@value
 * SuitePolls#REPETITIONS} invocations and requests as {@link OpStubJUnitSuite}, with the timeline
 * hand-written as three scenario stubs per test on a {@code WireMockExtension} (which resets its
 * server before each test).
 */
class PlainWireMockJUnitSuite {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  private static final String RUNNING = """
      {
        "status": "running",
        "createdTime": "2026-01-01T00:00:00.0000000Z",
        "lastActionTime": "2026-01-01T00:00:00.0000000Z",
        "message": null
      }""";
  private static final String SUCCEEDED = """
      {
        "status": "succeeded",
        "createdTime": "2026-01-01T00:00:00.0000000Z",
        "lastActionTime": "2026-01-01T00:00:01.0000000Z",
        "finishedTime": "2026-01-01T00:00:01.0000000Z",
        "resourceLocation": "/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc",
        "message": null
      }""";

  /** The hand-written equivalent of {@code @OperationStub(timeline = "running x2, succeeded")}. */
  private static void stubTimeline(String id) {
    String path = "/face/v1.0-preview/operations/" + id;
    wm.stubFor(get(urlPathEqualTo(path)).inScenario(id).whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("running-2").willReturn(json(RUNNING)));
    wm.stubFor(get(urlPathEqualTo(path)).inScenario(id).whenScenarioStateIs("running-2")
        .willSetStateTo("succeeded").willReturn(json(RUNNING)));
    wm.stubFor(get(urlPathEqualTo(path)).inScenario(id).whenScenarioStateIs("succeeded")
        .willReturn(json(SUCCEEDED)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  void operation01() throws Exception {
    stubTimeline("c0000000-0000-4000-8000-000000000001");
    SuitePolls.pollToSuccess(wm.baseUrl() + "/face/v1.0-preview", "c0000000-0000-4000-8000-000000000001");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  void operation02() throws Exception {
    stubTimeline("c0000000-0000-4000-8000-000000000002");
    SuitePolls.pollToSuccess(wm.baseUrl() + "/face/v1.0-preview", "c0000000-0000-4000-8000-000000000002");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  void operation03() throws Exception {
    stubTimeline("c0000000-0000-4000-8000-000000000003");
    SuitePolls.pollToSuccess(wm.baseUrl() + "/face/v1.0-preview", "c0000000-0000-4000-8000-000000000003");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  void operation04() throws Exception {
    stubTimeline("c0000000-0000-4000-8000-000000000004");
    SuitePolls.pollToSuccess(wm.baseUrl() + "/face/v1.0-preview", "c0000000-0000-4000-8000-000000000004");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  void operation05() throws Exception {
    stubTimeline("c0000000-0000-4000-8000-000000000005");
    SuitePolls.pollToSuccess(wm.baseUrl() + "/face/v1.0-preview", "c0000000-0000-4000-8000-000000000005");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  void operation06() throws Exception {
    stubTimeline("c0000000-0000-4000-8000-000000000006");
    SuitePolls.pollToSuccess(wm.baseUrl() + "/face/v1.0-preview", "c0000000-0000-4000-8000-000000000006");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  void operation07() throws Exception {
    stubTimeline("c0000000-0000-4000-8000-000000000007");
    SuitePolls.pollToSuccess(wm.baseUrl() + "/face/v1.0-preview", "c0000000-0000-4000-8000-000000000007");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  void operation08() throws Exception {
    stubTimeline("c0000000-0000-4000-8000-000000000008");
    SuitePolls.pollToSuccess(wm.baseUrl() + "/face/v1.0-preview", "c0000000-0000-4000-8000-000000000008");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  void operation09() throws Exception {
    stubTimeline("c0000000-0000-4000-8000-000000000009");
    SuitePolls.pollToSuccess(wm.baseUrl() + "/face/v1.0-preview", "c0000000-0000-4000-8000-000000000009");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  void operation10() throws Exception {
    stubTimeline("c0000000-0000-4000-8000-000000000010");
    SuitePolls.pollToSuccess(wm.baseUrl() + "/face/v1.0-preview", "c0000000-0000-4000-8000-000000000010");
  }
}
