package dev.opstub.testing;

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
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.PollingStrategyOptions;
import com.azure.core.util.polling.SyncOperationResourcePollingStrategy;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.util.serializer.TypeReference;
import java.time.Duration;

/**
 * Test-only: a Face client built from azure-core alone, the way generated Azure clients drive a
 * long-running operation: a pipeline with the subscription key and a retry policy on the JDK
 * HttpClient, and {@link SyncPoller#createPoller} with {@link SyncOperationResourcePollingStrategy}
 * (reads {@code Operation-Location}, resolves it against the endpoint, polls, then GETs {@code
 * resourceLocation}).
 *
 * <pre>{@code
 * AzureLroClient face = new AzureLroClient(server.baseUrl() + "/face/v1.0-preview", "test-key");
 * SyncPoller<BinaryData, BinaryData> take = face.begin(HttpMethod.POST, "/snapshots", json);
 * BinaryData snapshot = take.getFinalResult();
 * }</pre>
 */
public final class AzureLroClient {
  public static final HttpHeaderName SUBSCRIPTION_KEY = HttpHeaderName.fromString("Ocp-Apim-Subscription-Key");
  /** The poll interval: tiny, so tests run fast (the stub serves no Retry-After by default). */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(10);
  /**
   * Read each body whole before the response is closed, as generated clients' RestProxy does for
   * non-streaming calls; without it the strategy reads a poll's streamed body twice and the second
   * read (the poll value) is empty.
   */
  private static final Context EAGERLY_READ = new Context("azure-eagerly-read-response", true);
  private static final TypeReference<BinaryData> RAW = TypeReference.createInstance(BinaryData.class);

  private final String endpoint;
  private final HttpPipeline pipeline;

  /**
   * @param endpoint the API base, e.g. {@code http://127.0.0.1:8080/face/v1.0-preview}
   * @param subscriptionKey sent as {@code Ocp-Apim-Subscription-Key} on every request
   */
  public AzureLroClient(String endpoint, String subscriptionKey) {
    this.endpoint = endpoint;
    // Two quick retries of 408, 429 and 5xx, as a generated client's RetryPolicy (with a tiny delay).
    this.pipeline = new HttpPipelineBuilder()
        .httpClient(new JdkHttpClientBuilder().build())
        .policies(new AddHeadersPolicy(new HttpHeaders().set(SUBSCRIPTION_KEY, subscriptionKey)),
            new RetryPolicy(new FixedDelay(2, Duration.ofMillis(1))))
        .build();
  }

  public String endpoint() {
    return endpoint;
  }

  /**
   * Starts a long-running operation now (an error status throws {@link HttpResponseException},
   * as a generated protocol method does) and returns the poller that follows it.
   */
  public SyncPoller<BinaryData, BinaryData> begin(HttpMethod method, String path, String json) {
    SyncOperationResourcePollingStrategy<BinaryData, BinaryData> strategy = new SyncOperationResourcePollingStrategy<>(
        HttpHeaderName.fromString("Operation-Location"),
        new PollingStrategyOptions(pipeline).setEndpoint(endpoint).setContext(EAGERLY_READ));
    return SyncPoller.createPoller(POLL_INTERVAL, () -> send(method, endpoint + path, json), strategy, RAW, RAW);
  }

  private Response<BinaryData> send(HttpMethod method, String url, String json) {
    HttpRequest request = new HttpRequest(method, url)
        .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json").setBody(json);
    try (HttpResponse response = pipeline.sendSync(request, EAGERLY_READ)) {
      BinaryData body = response.getBodyAsBinaryData();
      if (response.getStatusCode() >= 400) {
        throw new HttpResponseException("Status code " + response.getStatusCode() + ", " + body, response, body);
      }
      return new SimpleResponse<>(request, response.getStatusCode(), response.getHeaders(), body);
    }
  }
}
