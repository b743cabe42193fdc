package dev.opstub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.internal.api.StubParameters;
import dev.opstub.internal.azure.AzureStart;
import dev.opstub.internal.http.ApiReply;
import dev.opstub.internal.http.ApiRequest;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.state.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Live Azure operations for benchmarks 2 and 5, started as the shipped Document Intelligence
 * analyze mapping starts them (its parameters, its path, a new operation id each), with the
 * shipped result or one of 64 KB. Its {@link #main} is the -Xmx256m capacity check: it runs in a
 * JVM of its own.
 */
final class AzureOperations {
  private AzureOperations() {}

  static final String PATH = "/documentintelligence/documentModels/prebuilt-layout:analyze";

  /** The shipped analyze mapping's {@code transformerParameters}, with {@code result} replaced when given. */
  @SuppressWarnings("unchecked")
  static StubParameters parameters(Path project, String result) {
    try {
      Map<String, Object> mapping = new ObjectMapper().readValue(
          Files.readString(project.resolve("mappings/azure/document-intelligence-analyze.json")), Map.class);
      Map<String, Object> parameters = new java.util.HashMap<>(
          (Map<String, Object>) ((Map<String, Object>) mapping.get("response")).get("transformerParameters"));
      if (result != null) {
        parameters.put("result", result);
      }
      return StubParameters.read(AzureStart.INSTANCE, parameters);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON object of about 64 KB. */
  static String result64k() {
    return "{\"content\":\"" + "x".repeat(64 * 1024 - 20) + "\",\"pages\":[]}";
  }

  /** Starts one operation (a new uuid as its id, as a call without {@code operation-id} gets). */
  static ApiReply start(State state, StubParameters parameters) {
    ApiRequest request = new ApiRequest("POST", PATH, "http://127.0.0.1:8080", Map.of("Content-Type",
        "application/json"), "{}", "api-version=2024-11-30");
    ApiReply reply = AzureStart.INSTANCE.handle(request, parameters, state);
    if (reply.status() != 202) {
      throw new IllegalStateException("the start answered " + reply.status() + ": " + reply.body());
    }
    return reply;
  }

  /**
   * Fills a store of the default capacity (100,000) with 100,000 operations of a 64 KB result and
   * prints {@code held <MiB used after GC> <max heap MiB>}; an OutOfMemoryError ends the JVM otherwise.
   */
  public static void main(String[] args) throws Exception {
    int size = Integer.parseInt(args[1]);
    InMemoryState state = new InMemoryState(size);
    StubParameters parameters = parameters(Path.of(args[0]), result64k());
    for (int i = 0; i < size; i++) {
      start(state, parameters);
    }
    if (state.operations().size() != size) {
      throw new IllegalStateException("the store holds " + state.operations().size() + " operations, not " + size);
    }
    long used = HeapMeter.usedAfterGc();
    System.out.println("held " + used / (1024 * 1024) + " " + Runtime.getRuntime().maxMemory() / (1024 * 1024));
    java.lang.ref.Reference.reachabilityFence(state);
  }
}
