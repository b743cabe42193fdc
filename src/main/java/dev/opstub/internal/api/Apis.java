package dev.opstub.internal.api;

import dev.opstub.internal.azure.AzureApi;
import dev.opstub.internal.face.FaceApi;
import dev.opstub.internal.google.GoogleApi;
import dev.opstub.internal.media.MediaApi;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Handler;
import dev.opstub.spi.Operations;
import dev.opstub.spi.StatusVocabulary;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one list of APIs a server serves. {@link #builtIn()} is the pack's own APIs, one line each
 * below, and any other {@link Dialect} on the class path, found by {@link ServiceLoader} (a
 * jar, or a test's classes, that lists it in {@code
 * META-INF/services/dev.opstub.spi.Dialect}; it needs a public no-argument
 * constructor). A test adds one with {@link #with(Dialect)}. Nothing else names an API.
 *
 * <pre>{@code
 * Apis apis = Apis.builtIn();
 * apis.byName(MediaApi.NAME).orElseThrow().statuses().statusNames(); // [InProgress, Succeeded, Failed]
 * apis.handler("opstub-face-operation");                        // the Face poll handler
 * }</pre>
 */
public final class Apis {
  private static final Apis BUILT_IN = new Apis(withDiscovered(List.of(
      FaceApi.INSTANCE,
      MediaApi.INSTANCE,
      AzureApi.INSTANCE,
      GoogleApi.INSTANCE)));

  private final List<Dialect> apis;
  private final Map<String, Dialect> byName = new LinkedHashMap<>();
  private final Map<String, Handler> handlers = new LinkedHashMap<>();
  private final Map<String, Dialect> apiOfHandler = new LinkedHashMap<>();

  private Apis(List<Dialect> apis) {
    this.apis = List.copyOf(apis);
    for (Dialect api : this.apis) {
      if (byName.putIfAbsent(api.name(), api) != null) {
        throw new IllegalArgumentException("two APIs are named " + api.name());
      }
      if (api.fields().size() > 1 && !overridesOperation(api)) {
        throw new IllegalArgumentException(api.name() + " declares " + api.fields().size() + " fields ("
            + String.join(", ", OperationReader.fieldNames(api)) + "); its Dialect must say how an operation keeps "
            + "them: override operation(id, timeline, fields, expireAfter, operations)");
      }
      for (Handler handler : api.handlers()) {
        if (!handler.name().startsWith("opstub-" + api.name() + "-")) {
          throw new IllegalArgumentException("handler " + handler.name() + " of " + api.name()
              + " must be named opstub-" + api.name() + "-...");
        }
        handlers.put(handler.name(), handler);
        apiOfHandler.put(handler.name(), api);
      }
    }
  }

  /** Whether {@code api}'s class (or one between it and the interface) overrides {@link Dialect#operation}. */
  private static boolean overridesOperation(Dialect api) {
    try {
      return api.getClass().getMethod("operation", String.class, Timeline.class, Map.class, Duration.class,
          Operations.class).getDeclaringClass() != Dialect.class;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e); // the interface declares it
    }
  }

  /** The pack's APIs and those found on the class path. */
  public static Apis builtIn() {
    return BUILT_IN;
  }

  /** {@code shipped}, then every API the class path declares (a duplicate name fails at start). */
  private static List<Dialect> withDiscovered(List<Dialect> shipped) {
    List<Dialect> all = new ArrayList<>(shipped);
    for (Dialect found : ServiceLoader.load(Dialect.class, Apis.class.getClassLoader())) {
      all.add(found);
    }
    return all;
  }

  /** These APIs and {@code another}. */
  public Apis with(Dialect another) {
    List<Dialect> more = new ArrayList<>(apis);
    more.add(another);
    return new Apis(more);
  }

  public List<Dialect> all() {
    return apis;
  }

  public Optional<Dialect> byName(String name) {
    return Optional.ofNullable(name == null ? null : byName.get(name));
  }

  /**
   * The status vocabulary of the API named {@code name}, if this list has it: what a store needs to
   * read a stored timeline back ({@code new RedisState(url, apis::statuses)}).
   */
  public Optional<StatusVocabulary> statuses(String name) {
    return byName(name).map(Dialect::statuses);
  }

  /** The names, for "allowed:" in messages, in the list's order ({@code face, media, azure, google} and any found). */
  public String names() {
    return String.join(", ", byName.keySet());
  }

  /** The handler a transformer name stands for, or {@code null}. */
  public Handler handler(String transformerName) {
    return handlers.get(transformerName);
  }

  /** The API of a handler's transformer name, or {@code null}. */
  public Dialect apiOf(String transformerName) {
    return apiOfHandler.get(transformerName);
  }

  /** Every handler, by transformer name, in registration order. */
  public Map<String, Handler> handlers() {
    return java.util.Collections.unmodifiableMap(handlers);
  }
}
