package dev.opstub.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.cloud.speech.v1.SpeechClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A "real" Speech service for a recording (scripted starts beside the shipped mappings) and
 * Google's own speech client run against it: one recognition that ends with a transcript of its
 * own, one that fails with INVALID_ARGUMENT.
 */
public final class GoogleRecordingScenario {
  /** The transcript the service's recognition of {@code words.raw} ends with. */
  public static final String TRANSCRIPT = "recorded words";
  /** A response with {@link #TRANSCRIPT}, as a stub's {@code response}. */
  public static final String RESPONSE = "{\"@type\":\"type.googleapis.com/google.cloud.speech.v1."
      + "LongRunningRecognizeResponse\",\"results\":[{\"alternatives\":[{\"transcript\":\"" + TRANSCRIPT + "\"}]}]}";
  private static final String START = "/v1/speech:longrunningrecognize";

  private GoogleRecordingScenario() {}

  /** Adds the service's scripted starts to a root that has the shipped mappings; the root. */
  public static Path writeServiceMappings(Path root) {
    Path dir = root.resolve("mappings").resolve("service");
    write(dir.resolve("google-words.json"), "words.raw", "\"timeline\": \"Running x2, Done\", \"response\": " + RESPONSE);
    write(dir.resolve("google-bad.json"), "bad.raw", "\"timeline\": \"Running, Failed(3: bad audio)\"");
    return root;
  }

  /**
   * The transcript of {@code words.raw} and the error of {@code bad.raw}, as Google's speech client
   * sees them (the new operation's name left out: each start names a new one).
   */
  public static List<String> runClient(String baseUrl) throws Exception {
    try (SpeechClient speech = GoogleSpeech.client(baseUrl)) {
      String transcript = GoogleSpeech.transcript(speech.longRunningRecognizeAsync(
          GoogleSpeech.request("gs://b/words.raw")).get());
      Throwable failed = catchThrowable(() -> speech.longRunningRecognizeAsync(GoogleSpeech.request("gs://b/bad.raw")).get());
      assertThat(failed).isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidArgumentException.class);
      return List.of(transcript, failed.getCause().getMessage().replaceAll("name \"[^\"]+\"", "name <new>"));
    }
  }

  private static void write(Path file, String uri, String parameters) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, "{\"priority\": 4, \"request\": {\"method\": \"POST\", \"urlPath\": \"" + START + "\", "
          + "\"bodyPatterns\": [{\"contains\": \"" + uri + "\"}]}, \"response\": {\"status\": 200, \"transformers\": "
          + "[\"opstub-google-start\"], \"transformerParameters\": {" + parameters + "}}}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
