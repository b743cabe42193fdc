package dev.opstub.demo;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.opstub.junit.OpStubAssertions.assertThatClient;
import static dev.opstub.junit.OpStubAssertions.assertThatPolls;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.conformance.RuleBook;
import dev.opstub.internal.conformance.Rules;
import dev.opstub.internal.validate.MappingSource;
import dev.opstub.internal.validate.MappingValidator;
import dev.opstub.internal.validate.Problem;
import dev.opstub.junit.OpStubServer;
import dev.opstub.junit.OperationStub;
import dev.opstub.junit.RecordedPoll;
import dev.opstub.testing.Http;
import dev.opstub.wiremock.OpStubExtensions;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Demo API, defined in test sources only and found on the class path, used as a user would:
 * scripted from {@code @OperationStub} by name, started and polled by a client, looked at without
 * being moved, canceled, listed by the admin API, checked by the validator and recorded. Nothing
 * in the pack's main sources names it.
 */
class DemoApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theClassPathAddsTheDemoApiToTheRegistry() {
    assertThat(Apis.builtIn().names()).isEqualTo("face, media, google, azure, demo");
  }

  @Test
  @OperationStub(apiName = "demo", name = "nightly", timeline = "queued, working x2, done", with = "job=nightly")
  void aStubScriptsTheDemoJobsByNameAndLooksDoNotCount(OpStubServer server) throws Exception {
    assertThat(DemoJobs.runJob(server.baseUrl())).containsExactly("queued", "working", "working", "done");

    assertThatPolls(server, "nightly").wasPolledExactly(4).wasServed("queued", "working", "working", "done")
        .stoppedPollingOnceTerminal();
    String id = server.pollsOf("nightly").get(0).operationId();
    assertThat(server.currentStatus("demo", id)).isEqualTo("done");
    assertThat(Http.get(server.baseUrl() + "/demo/jobs/" + id).body()).contains("\"job\":\"nightly\"");
  }

  @Test
  @OperationStub(apiName = "demo", name = "nightly", timeline = "queued, working x2, done", with = "job=nightly")
  void anApiThatDeclaresNoRulesOfItsOwnIsJudgedByTheGenericOnes(OpStubServer server) throws Exception {
    DemoJobs.runJob(server.baseUrl());

    assertThatClient(server, "nightly").followsTheGuidelines();
    String id = server.pollsOf("nightly").get(0).operationId();
    JsonNode judged = JSON.readTree(Http.get(server.baseUrl() + "/__admin/opstub/operations/demo/" + id
        + "/conformance").body());
    List<String> rules = new ArrayList<>();
    judged.get("rules").forEach(rule -> {
      rules.add(rule.get("id").asText());
      assertThat(rule.get("source").asText()).isEqualTo(RuleBook.GENERIC_SOURCE);
    });
    assertThat(rules).containsExactly(Rules.WAITED_RETRY_AFTER, Rules.STOPPED_ONCE_TERMINAL, Rules.FOLLOWED_HANDED_URL,
        Rules.RETRIED_FAULTS, Rules.BOUNDED_POLLS, Rules.POLLED_HANDED_IDS);
    assertThat(judged.get("conforms").asBoolean()).isTrue();
  }

  @Test
  @OperationStub(apiName = "demo", name = "cancelled", timeline = "working, stopped")
  void aCanceledJobIsTerminalOfItsOwn(OpStubServer server) throws Exception {
    assertThat(DemoJobs.runJob(server.baseUrl())).containsExactly("working", "stopped");

    List<RecordedPoll> polls = server.pollsOf("cancelled");
    assertThat(polls).extracting(RecordedPoll::terminal).containsExactly(false, true);
  }

  @Test
  @OperationStub(apiName = "demo", id = "D-42", timeline = "working x3, broken")
  void theAdminApiListsAndShowsDemoOperations(OpStubServer server) throws Exception {
    Http.get(server.baseUrl() + "/demo/jobs/D-42/status");
    Http.get(server.baseUrl() + "/demo/jobs/D-42");

    JsonNode one = JSON.readTree(Http.get(server.baseUrl() + "/__admin/opstub/operations/demo/D-42").body());
    assertThat(one.get("polls").asInt()).as("the look is not a poll").isEqualTo(1);
    assertThat(Http.get(server.baseUrl() + "/__admin/opstub/operations").body()).contains("\"api\":\"demo\"", "D-42");
    HttpResponse<String> created = Http.send("POST", server.baseUrl() + "/__admin/opstub/operations",
        "{\"api\": \"demo\", \"id\": \"D-7\", \"timeline\": \"working, done\", \"job\": \"weekly\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(Http.get(server.baseUrl() + "/__admin/opstub/operations/demo/D-7").body()).contains("\"weekly\"");
  }

  @Test
  @OperationStub(apiName = "demo", id = "D-43", timeline = "working x2, done")
  void theServersUiListsTheDemoApiAndDrawsItsJobsWithoutThePageNamingIt(OpStubServer server) {
    Http.get(server.baseUrl() + "/demo/jobs/D-43/status");

    String list = Http.get(server.baseUrl() + "/__admin/opstub/ui").body();
    assertThat(list).contains("<h2 id=\"api-demo\">", "<a href=\"ui/operations/demo/D-43\">D-43</a>");
    String trace = Http.get(server.baseUrl() + "/__admin/opstub/ui/operations/demo/D-43").body();
    assertThat(trace).contains("<code>working x2, done</code>", "data-poll=\"1\" data-shape=\"circle\"");
  }

  @Test
  void aBodyPastTheLimitOnADemoPathIsRefusedInTheDemoFormatWithoutTheApiAskingForIt(@TempDir Path root) throws Exception {
    WireMockServer server = start(DemoJobs.demoRoot(root, "working, done"));
    try {
      HttpResponse<String> answer = Http.send("POST", server.baseUrl() + "/demo/jobs", "x".repeat(1_048_577));

      assertThat(answer.statusCode()).isEqualTo(413);
      assertThat(answer.body()).startsWith("{\"error\":\"RequestBodyTooLarge: ");
    } finally {
      server.stop();
    }
  }

  @Test
  void theValidatorChecksDemoMappingsAgainstTheDemoStatuses(@TempDir Path root) throws Exception {
    List<Problem> problems = MappingValidator.validateSources(List.of(MappingSource.folder(DemoJobs.demoRoot(root, "working, finished"))),
        Apis.builtIn());

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).toString()).contains("unknown status 'finished' for the Demo API",
        "queued, working, done, broken, stopped");
  }

  @Test
  void aRecordedDemoJobReplaysWithTheSameTimeline(@TempDir Path service, @TempDir Path root) throws Exception {
    WireMockServer original = start(DemoJobs.demoRoot(service, "queued, working x2, broken"));
    Files.createDirectories(root.resolve("mappings"));
    Files.createDirectories(root.resolve("__files"));
    WireMockServer recorder = start(root);
    List<WireMockServer> servers = new ArrayList<>(List.of(original, recorder));
    try {
      assertThat(Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/start",
          "{\"targetBaseUrl\": \"" + original.baseUrl() + "\"}").statusCode()).isEqualTo(200);
      List<String> throughTheRecorder = DemoJobs.runJob(recorder.baseUrl());
      HttpResponse<String> stopped = Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/stop", null);
      assertThat(stopped.statusCode()).isEqualTo(200);
      assertThat(stopped.body()).as("the stop call's answer names the files").contains("mappings/recorded/");

      List<String> timelines = new ArrayList<>();
      try (Stream<Path> files = Files.list(root.resolve("mappings/recorded"))) {
        for (Path file : files.sorted().toList()) {
          timelines.add(JSON.readTree(file.toFile()).at("/response/transformerParameters/timeline").asText());
        }
      }
      assertThat(timelines).contains("queued, working x2, broken");
      assertThat(MappingValidator.validate(List.of(root))).isEmpty();
      // The recorded folder plus the mappings that serve live jobs, as a shipped set would.
      Files.writeString(root.resolve("mappings/live-jobs.json"), DemoJobs.MONITOR_OF_LIVE_JOBS);
      Files.writeString(root.resolve("mappings/jobs.json"), DemoJobs.JOBS);
      WireMockServer replay = start(root);
      servers.add(replay);
      assertThat(DemoJobs.runJob(replay.baseUrl())).containsExactlyElementsOf(throughTheRecorder)
          .containsExactly("queued", "working", "working", "broken");
    } finally {
      servers.forEach(WireMockServer::stop);
    }
  }

  private static WireMockServer start(Path root) {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .maxRequestJournalEntries(1000).usingFilesUnderDirectory(root.toString()).extensions(new OpStubExtensions()));
    server.start();
    return server;
  }
}
