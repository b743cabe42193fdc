package dev.opstub.internal.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollingStrategyOptions;
import com.azure.core.util.polling.SyncDefaultPollingStrategy;
import com.azure.core.util.polling.SyncOperationResourcePollingStrategy;
import com.azure.core.util.polling.SyncPollingStrategy;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.util.serializer.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.opstub.internal.openapi.OpenApiSpec;
import dev.opstub.testing.ImportedSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mapping the importer writes from the fixture specs is used: each long-running operation is
 * started, and its well-known failing input too, and azure-core's generic poller polls each to its
 * end: the default {@code SyncDefaultPollingStrategy} (it follows {@code Operation-Location}, then
 * {@code Location}: beside an {@code Azure-AsyncOperation} monitor it advances the operation
 * too), and for an {@code azure-async-operation} PUT azure-core's operation-resource strategy on
 * that header, as ARM's pollers follow it (the default strategy does not read {@code
 * Azure-AsyncOperation}: it takes a PUT's 201 as the end).
 */
class EveryImportedOperationPolledTest {
  private static final Context EAGERLY_READ = new Context("azure-eagerly-read-response", true);
  private static final TypeReference<BinaryData> RAW = TypeReference.createInstance(BinaryData.class);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
  private static final HttpPipeline PIPELINE = new HttpPipelineBuilder().httpClient(new JdkHttpClientBuilder().build())
      .build();

  @TempDir
  Path root;

  @Test
  void everyGeneratedMappingIsStartedAndPolledToItsEndByAzureCoresDefaultPoller() throws Exception {
    ImportedSpecs.importInto(root, ImportedSpecs.ALL.toArray(Path[]::new));
    WireMockServer server = ImportedSpecs.serve(root);
    // Each operation is its own client, as in a suite; they run side by side (each waits the
    // Retry-After of 1 s its polls are served, which one after the other took 16 s). Calls on one
    // resource path take turns: a second call on a resource replaces the operation running on it.
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      Map<String, List<Runnable>> byPath = new LinkedHashMap<>();
      for (Path spec : ImportedSpecs.ALL) {
        SpecPlan plan = ImportPlanner.plan(OpenApiSpec.read(spec), Map.of());
        for (OperationPlan op : plan.operations()) {
          byPath.computeIfAbsent(url(server.baseUrl(), op, null).toLowerCase(java.util.Locale.ROOT), path -> new ArrayList<>()).add(() -> {
            SyncPoller<BinaryData, BinaryData> succeeds = start(server.baseUrl(), op, null);
            assertThat(endOf(succeeds, op)).as(op.operationId()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
            if (op.method().equals("PUT")) {
              assertThat(succeeds.getFinalResult()).as(op.operationId()).isNotNull();
            }
          });
          if (op.failing() != null) {
            byPath.computeIfAbsent(url(server.baseUrl(), op, op.failing()).toLowerCase(java.util.Locale.ROOT), path -> new ArrayList<>()).add(() ->
                assertThat(endOf(start(server.baseUrl(), op, op.failing()), op)).as(op.operationId() + " " + op.failing())
                    .isEqualTo(LongRunningOperationStatus.FAILED));
          }
        }
      }
      List<Future<?>> runs = new ArrayList<>();
      for (List<Runnable> inTurn : byPath.values()) {
        runs.add(clients.submit(() -> inTurn.forEach(Runnable::run)));
      }
      for (Future<?> run : runs) {
        try {
          run.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Error error ? error : new AssertionError(e.getCause());
        }
      }
      Set<String> generated = new TreeSet<>();
      for (StubMapping mapping : server.getStubMappings()) {
        if (mapping.getMetadata() != null && mapping.getMetadata().containsKey(MappingJson.MARKER)) {
          generated.add(mapping.getName());
        }
      }
      Set<String> served = new TreeSet<>();
      for (ServeEvent event : server.getAllServeEvents()) {
        if (event.getStubMapping() != null && generated.contains(event.getStubMapping().getName())) {
          served.add(event.getStubMapping().getName());
        }
      }
      assertThat(generated).hasSize(ImportCommandTest.files(root).size());
      assertThat(served).containsExactlyElementsOf(generated);
    } finally {
      clients.shutdownNow();
      server.stop();
    }
  }

  private static LongRunningOperationStatus endOf(SyncPoller<BinaryData, BinaryData> poller, OperationPlan op) {
    try {
      return poller.waitForCompletion(Duration.ofSeconds(30)).getStatus();
    } catch (RuntimeException e) {
      throw new AssertionError(op.operationId() + " did not end: " + e, e);
    }
  }

  /** The operation's call, polled by azure-core. */
  private static SyncPoller<BinaryData, BinaryData> start(String baseUrl, OperationPlan op, OperationPlan.FailingInput failing) {
    String url = url(baseUrl, op, failing);
    boolean json = !"other".equals(op.contentType());
    String body = failing != null && failing.bodyProperty() != null
        ? new ObjectMapper().createObjectNode().put(failing.bodyProperty(), failing.value()).toString() : "{}";
    HttpMethod method = HttpMethod.valueOf(op.method());
    PollingStrategyOptions options = new PollingStrategyOptions(PIPELINE).setEndpoint(baseUrl).setContext(EAGERLY_READ);
    SyncPollingStrategy<BinaryData, BinaryData> strategy = op.pattern().equals("azure-async-operation") && method != HttpMethod.DELETE
        ? new SyncOperationResourcePollingStrategy<>(HttpHeaderName.fromString("Azure-AsyncOperation"), options)
        : new SyncDefaultPollingStrategy<>(options);
    try {
      return SyncPoller.createPoller(Duration.ofMillis(50), () -> send(method, url, json, method == HttpMethod.DELETE ? null : body),
          strategy, RAW, RAW);
    } catch (RuntimeException e) {
      throw new AssertionError(op.operationId() + " " + method + " " + url + " did not start: " + e, e);
    }
  }

  /** The URL of the operation's call with a value for each placeholder (the failing input's where it has one). */
  private static String url(String baseUrl, OperationPlan op, OperationPlan.FailingInput failing) {
    String call = op.call().substring(op.method().length() + 1);
    StringBuilder path = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(call);
    int at = 0;
    while (m.find()) {
      path.append(call, at, m.start());
      String name = m.group(1);
      boolean whole = op.urlPathPattern().contains(".+") && call.startsWith("/{" + name + "}");
      path.append(failing != null && name.equals(failing.placeholder()) ? failing.value()
          : whole ? "subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Test/things/t1"
          : name.equals("subscriptionId") ? "sub1" : "x-" + name.toLowerCase(java.util.Locale.ROOT));
      at = m.end();
    }
    path.append(call.substring(at));
    return baseUrl + path + (path.indexOf("?") < 0 ? "?" : "&") + "api-version=2024-11-30";
  }

  private static Response<BinaryData> send(HttpMethod method, String url, boolean json, String body) {
    HttpRequest request = new HttpRequest(method, url)
        .setHeader(HttpHeaderName.CONTENT_TYPE, json ? "application/json" : "application/pdf");
    if (body != null) {
      request.setBody(json ? body : "%PDF-1.7");
    }
    try (HttpResponse response = PIPELINE.sendSync(request, EAGERLY_READ)) {
      BinaryData data = response.getBodyAsBinaryData();
      if (response.getStatusCode() >= 400) {
        throw new HttpResponseException("Status code " + response.getStatusCode() + ", " + data, response, data);
      }
      return new SimpleResponse<>(request, response.getStatusCode(), response.getHeaders(), data);
    }
  }
}
