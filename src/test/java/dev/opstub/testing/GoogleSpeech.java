package dev.opstub.testing;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.speech.v1.LongRunningRecognizeRequest;
import com.google.cloud.speech.v1.LongRunningRecognizeResponse;
import com.google.cloud.speech.v1.RecognitionAudio;
import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.SpeechClient;
import com.google.cloud.speech.v1.SpeechSettings;
import java.io.IOException;
import java.time.Duration;

/**
 * Google's own speech client (google-cloud-speech, HTTP/JSON transport) as a test builds it against
 * a local server: no credentials, a plain {@code http://} endpoint, polls 50 ms apart.
 */
public final class GoogleSpeech {
  private GoogleSpeech() {}

  /** A client of {@code baseUrl} whose long-running calls poll every 50 ms for at most 30 s. */
  @SuppressWarnings("deprecation") // setJittered(false): exact delays; deprecated in gax but honoured
  public static SpeechClient client(String baseUrl) throws IOException {
    SpeechSettings.Builder settings = SpeechSettings.newHttpJsonBuilder()
        .setCredentialsProvider(NoCredentialsProvider.create())
        // The scheme decides: gax-httpjson prefixes "https://" only when the endpoint has no "://".
        .setEndpoint(baseUrl);
    settings.longRunningRecognizeOperationSettings().setPollingAlgorithm(
        OperationTimedPollAlgorithm.create(RetrySettings.newBuilder()
            .setInitialRetryDelayDuration(Duration.ofMillis(50))
            .setRetryDelayMultiplier(1.0)
            .setMaxRetryDelayDuration(Duration.ofMillis(50))
            .setInitialRpcTimeoutDuration(Duration.ZERO)
            .setRpcTimeoutMultiplier(1.0)
            .setMaxRpcTimeoutDuration(Duration.ZERO)
            .setTotalTimeoutDuration(Duration.ofSeconds(30))
            .setJittered(false)
            .build()));
    return SpeechClient.create(settings.build());
  }

  /** A request for the audio at {@code uri}, as a user writes it. */
  public static LongRunningRecognizeRequest request(String uri) {
    return LongRunningRecognizeRequest.newBuilder()
        .setConfig(RecognitionConfig.newBuilder()
            .setEncoding(RecognitionConfig.AudioEncoding.LINEAR16)
            .setSampleRateHertz(16000)
            .setLanguageCode("en-US"))
        .setAudio(RecognitionAudio.newBuilder().setUri(uri))
        .build();
  }

  /** The first transcript of a response. */
  public static String transcript(LongRunningRecognizeResponse response) {
    return response.getResults(0).getAlternatives(0).getTranscript();
  }
}
