package dev.opstub.testing;

import com.azure.ai.documentintelligence.DocumentIntelligenceAdministrationClient;
import com.azure.ai.documentintelligence.DocumentIntelligenceAdministrationClientBuilder;
import com.azure.ai.documentintelligence.DocumentIntelligenceClient;
import com.azure.ai.documentintelligence.DocumentIntelligenceClientBuilder;
import com.azure.ai.formrecognizer.documentanalysis.DocumentAnalysisClient;
import com.azure.ai.formrecognizer.documentanalysis.DocumentAnalysisClientBuilder;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.AddHeadersPolicy;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.DefaultPollingStrategy;
import com.azure.core.util.polling.PollerFlux;
import com.azure.core.util.polling.PollingStrategyOptions;
import com.azure.core.util.polling.SyncDefaultPollingStrategy;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.util.serializer.TypeReference;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.CertificateClientBuilder;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Test-only: today's Azure clients built against a stub on plain http, as the Azure LRO reference
 * ({@code shared/api/azure-lro.md} 4.5 and 5.3) shows: no credential (key and token credentials
 * refuse http), the key added by a policy, the JDK HttpClient.
 *
 * <pre>{@code
 * DocumentIntelligenceClient di = AzureClients.documentIntelligence(server.baseUrl());
 * AnalyzeResult result = di.beginAnalyzeDocument("prebuilt-read", new AnalyzeDocumentOptions("https://x/a.pdf")).getFinalResult();
 * }</pre>
 */
public final class AzureClients {
  /** Read each body whole before the response closes, as generated clients' RestProxy does. */
  private static final Context EAGERLY_READ = new Context("azure-eagerly-read-response", true);
  private static final TypeReference<BinaryData> RAW = TypeReference.createInstance(BinaryData.class);
  private static final AddHeadersPolicy KEY = new AddHeadersPolicy(
      new HttpHeaders().set(HttpHeaderName.fromString("Ocp-Apim-Subscription-Key"), "test-key"));

  private AzureClients() {}

  public static DocumentIntelligenceClient documentIntelligence(String baseUrl) {
    return new DocumentIntelligenceClientBuilder().endpoint(baseUrl).httpClient(new JdkHttpClientBuilder().build())
        .addPolicy(KEY).buildClient();
  }

  public static DocumentIntelligenceAdministrationClient documentIntelligenceAdministration(String baseUrl) {
    return new DocumentIntelligenceAdministrationClientBuilder().endpoint(baseUrl)
        .httpClient(new JdkHttpClientBuilder().build()).addPolicy(KEY).buildClient();
  }

  /**
   * Form Recognizer 4.1.13's document analysis client (api-version 2023-07-31). Its builder asks for
   * a credential unless it is given a whole pipeline, so it gets one with the key policy.
   */
  public static DocumentAnalysisClient formRecognizer(String baseUrl) {
    HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(new JdkHttpClientBuilder().build())
        .policies(new RetryPolicy(new FixedDelay(2, Duration.ofMillis(10))), KEY).build();
    return new DocumentAnalysisClientBuilder().endpoint(baseUrl).pipeline(pipeline).buildClient();
  }

  /**
   * ARM's resource manager for subscription {@code sub1} at {@code baseUrl}; its pollers honour the
   * stub's {@code Retry-After} (in whole seconds), so polls come a second apart.
   */
  public static ResourceManager resourceManager(String baseUrl) {
    HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(new JdkHttpClientBuilder().build())
        .policies(new RetryPolicy(new FixedDelay(2, Duration.ofMillis(10))),
            new AddHeadersPolicy(new HttpHeaders().set(HttpHeaderName.AUTHORIZATION, "Bearer test-token")))
        .build();
    AzureEnvironment environment = new AzureEnvironment(Map.of("resourceManagerEndpointUrl", baseUrl + "/"));
    AzureProfile profile = new AzureProfile("00000000-0000-0000-0000-000000000000", "sub1", environment);
    return ResourceManager.authenticate(pipeline, profile).withSubscription("sub1");
  }

  /**
   * Key Vault's certificates client at {@code baseUrl}, on plain http without credentials: the
   * pipeline has no bearer-token policy (Key Vault's own refuses http), only retries.
   */
  public static CertificateClient keyVaultCertificates(String baseUrl) {
    HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(new JdkHttpClientBuilder().build())
        .policies(new RetryPolicy(new FixedDelay(2, Duration.ofMillis(10)))).build();
    return new CertificateClientBuilder().vaultUrl(baseUrl).pipeline(pipeline).buildClient();
  }

  /** A generic azure-core client: {@code method url} started now, followed by {@link SyncDefaultPollingStrategy}. */
  public static SyncPoller<BinaryData, BinaryData> syncPoller(String baseUrl, HttpMethod method, String path, String json) {
    HttpPipeline pipeline = pipeline();
    SyncDefaultPollingStrategy<BinaryData, BinaryData> strategy =
        new SyncDefaultPollingStrategy<>(new PollingStrategyOptions(pipeline).setEndpoint(baseUrl).setContext(EAGERLY_READ));
    return SyncPoller.createPoller(Duration.ofMillis(50), () -> send(pipeline, method, baseUrl + path, json), strategy,
        RAW, RAW);
  }

  /** The same with the async {@link DefaultPollingStrategy} and {@link PollerFlux}. */
  public static PollerFlux<BinaryData, BinaryData> pollerFlux(String baseUrl, HttpMethod method, String path, String json) {
    HttpPipeline pipeline = pipeline();
    DefaultPollingStrategy<BinaryData, BinaryData> strategy =
        new DefaultPollingStrategy<>(new PollingStrategyOptions(pipeline).setEndpoint(baseUrl).setContext(EAGERLY_READ));
    return PollerFlux.create(Duration.ofMillis(50),
        () -> Mono.fromCallable(() -> send(pipeline, method, baseUrl + path, json)), strategy, RAW, RAW);
  }

  private static HttpPipeline pipeline() {
    return new HttpPipelineBuilder().httpClient(new JdkHttpClientBuilder().build())
        .policies(new RetryPolicy(new FixedDelay(2, Duration.ofMillis(10)))).build();
  }

  private static Response<BinaryData> send(HttpPipeline pipeline, HttpMethod method, String url, String json) {
    HttpRequest request = new HttpRequest(method, url).setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
    if (json != null) {
      request.setBody(json);
    }
    try (HttpResponse response = pipeline.sendSync(request, EAGERLY_READ)) {
      BinaryData body = response.getBodyAsBinaryData();
      if (response.getStatusCode() >= 400) {
        throw new HttpResponseException("Status code " + response.getStatusCode() + ", " + body, response, body);
      }
      return new SimpleResponse<>(request, response.getStatusCode(), response.getHeaders(), body);
    }
  }
}
