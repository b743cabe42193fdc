package dev.opstub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.internal.api.StateOperations;
import dev.opstub.internal.azure.AzureStart;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.state.State;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.StubParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Live Azure operations for benchmarks 2 and 5, started as the shipped Document Intelligence
 * analyze mapping starts them (its parameters, its path, a new operation id each), with the
 * shipped result or one of 64 KB; and ARM resource group deletes as the shipped mapping starts
 * them, each of its own group (a resource operation keeps its own path). Its {@link #main} is the
 * -Xmx256m capacity check: it runs in a JVM of its own.
 */
final class AzureOperations {
  private AzureOperations() {}

  static final String PATH = "/documentintelligence/documentModels/prebuilt-layout:analyze";
  static final String ANALYZE = "mappings/azure/document-intelligence-analyze.json";
  static final String ARM_DELETE = "mappings/azure/arm-resource-group-delete.json";

  /** The shipped analyze mapping's {@code transformerParameters}, with {@code result} replaced when given. */
  static StubParameters parameters(Path project, String result) {
    return parameters(project, ANALYZE, result);
  }

  /** A shipped start mapping's {@code transformerParameters}, with {@code result} replaced when given. */
  @SuppressWarnings("unchecked")
  static StubParameters parameters(Path project, String file, String result) {
    try {
      Map<String, Object> mapping = new ObjectMapper().readValue(Files.readString(project.resolve(file)), Map.class);
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
  static Reply start(State state, StubParameters parameters) {
    Request request = new Request("POST", PATH, "http://127.0.0.1:8080", Map.of("Content-Type",
        "application/json"), "{}", "api-version=2024-11-30");
    Reply reply = AzureStart.INSTANCE.handle(request, parameters, new StateOperations(state));
    if (reply.status() != 202) {
      throw new IllegalStateException("the start answered " + reply.status() + ": " + reply.body());
    }
    return reply;
  }

  /**
   * Starts the delete of resource group {@code n} (a path of 88 characters, its own; the
   * operation's id is the digest of the call) with the shipped ARM delete's parameters.
   */
  static Reply startArmDelete(State state, StubParameters parameters, long n) {
    Request request = new Request("DELETE", String.format("/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/"
        + "resourcegroups/bench-rg-%012d", n), "http://127.0.0.1:8080", Map.of(), "", "api-version=2021-04-01");
    Reply reply = AzureStart.INSTANCE.handle(request, parameters, new StateOperations(state));
    if (reply.status() != 202) {
      throw new IllegalStateException("the delete answered " + reply.status() + ": " + reply.body());
    }
    return reply;
  }

  /** The operation id a start's answer hands out: its {@code operation-id}, else its URL's last segment. */
  static String idOf(Reply started) {
    String id = started.headers().get("operation-id");
    if (id != null) {
      return id;
    }
    String url = started.headers().getOrDefault("Azure-AsyncOperation", started.headers().get("Location"));
    String path = url.replaceFirst("[?].*", "");
    return path.substring(path.lastIndexOf('/') + 1);
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
