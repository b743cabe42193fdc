package dev.opstub.internal.wiremock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.tomakehurst.wiremock.common.ClasspathFileSource;
import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ExtensionFactory;
import com.github.tomakehurst.wiremock.extension.Extensions;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.extension.WireMockServices;
import dev.opstub.internal.admin.AdminApi;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.record.Recordings;
import dev.opstub.internal.report.LivePages;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.state.RedisState;
import dev.opstub.internal.state.State;
import dev.opstub.internal.timeline.OperationStore;
import dev.opstub.internal.validate.OtherTransformers;
import dev.opstub.spi.BodyWriter;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Handler;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What one {@code OpStubExtensions} is made of: the APIs it serves and the state it serves them
 * from, as an extension factory of its own. The JUnit extension and the tests reach a pack's state
 * through here; users only see {@code OpStubExtensions}, which makes its pack here and names
 * itself with {@link #servedBy}, so that {@link #of} finds the pack again.
 *
 * <pre>{@code
 * Pack pack = new Pack(new InMemoryState(1_000), Apis.builtIn());
 * WireMockServer server = new WireMockServer(options().dynamicPort().extensions(pack.extensions()));
 * pack.state().reset();
 * }</pre>
 */
public final class Pack implements ExtensionFactory {
  /** System property: the number of live operations a server keeps (default 100000). */
  public static final String CAPACITY_PROPERTY = "opstub.capacity";
  /** System property (or environment variable {@value #STORE_VARIABLE}): where the state lives. */
  public static final String STORE_PROPERTY = "opstub.store";
  /** Environment variable read when {@value #STORE_PROPERTY} is not set. */
  public static final String STORE_VARIABLE = "OPSTUB_STORE";
  /**
   * System property (or environment variable {@value #PUBLIC_URL_VARIABLE}): the base URL clients
   * reach the server by behind a proxy; every URL handed out is built on it instead of on the
   * request's own {@code Host}.
   */
  public static final String PUBLIC_URL_PROPERTY = "opstub.publicUrl";
  /** Environment variable read when {@value #PUBLIC_URL_PROPERTY} is not set. */
  public static final String PUBLIC_URL_VARIABLE = "OPSTUB_PUBLIC_URL";

  /** The pack behind each public extension factory, weakly: a factory dropped takes its entry along. */
  private static final Cache<ExtensionFactory, Pack> BEHIND = Caffeine.newBuilder().weakKeys().build();

  private final State state;
  private final Apis apis;
  private final Ticker templateTicker;
  private final String publicUrl;

  public Pack(State state, Apis apis) {
    this(state, apis, Ticker.systemTicker());
  }

  /** A pack whose template files are re-read on {@code templateTicker}'s time (tests move it by hand). */
  Pack(State state, Apis apis, Ticker templateTicker) {
    this(state, apis, templateTicker, null);
  }

  private Pack(State state, Apis apis, Ticker templateTicker, String publicUrl) {
    this.state = Objects.requireNonNull(state, "state");
    this.apis = Objects.requireNonNull(apis, "apis");
    this.templateTicker = Objects.requireNonNull(templateTicker, "templateTicker");
    this.publicUrl = publicUrl;
  }

  /**
   * This pack handing out every URL on {@code url} ({@code https://stubs.example.com}, or with a
   * path prefix the proxy strips), whatever {@code Host} a request names; {@code null} or blank for
   * each request's own scheme, host and port.
   *
   * @throws IllegalArgumentException naming what is allowed
   */
  public Pack withPublicUrl(String url) {
    return new Pack(state, apis, templateTicker, publicUrl(url, "public URL "));
  }

  /** The configured public base URL, or {@code null}. */
  public String publicUrl() {
    return publicUrl;
  }

  private static String publicUrl(String url, String named) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String trimmed = url.trim();
    URI parsed;
    try {
      parsed = new URI(trimmed);
    } catch (URISyntaxException e) {
      parsed = null;
    }
    if (parsed == null || !("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
        || parsed.getHost() == null || parsed.getRawQuery() != null || parsed.getRawFragment() != null
        || parsed.getRawUserInfo() != null) {
      throw new IllegalArgumentException(named + trimmed + " is not allowed: give the base URL clients reach the "
          + "server by, http(s)://host[:port][/prefix] without query or fragment, e.g. https://stubs.example.com");
    }
    return trimmed.replaceAll("/+$", "");
  }

  /**
   * The pack the standalone jar starts: every API of {@link Apis#builtIn()}, with the state
   * {@value #STORE_PROPERTY} (or {@value #STORE_VARIABLE}) names, in memory and sized by {@value
   * #CAPACITY_PROPERTY} when neither is set; URLs handed out on the base {@value
   * #PUBLIC_URL_PROPERTY} (or {@value #PUBLIC_URL_VARIABLE}) names, else on each request's own.
   */
  public static Pack fromSystemProperties() {
    String store = System.getProperty(STORE_PROPERTY);
    String named = "-D" + STORE_PROPERTY + "=";
    if (store == null || store.isBlank()) {
      store = System.getenv(STORE_VARIABLE);
      named = STORE_VARIABLE + "=";
    }
    String url = System.getProperty(PUBLIC_URL_PROPERTY);
    String urlNamed = "-D" + PUBLIC_URL_PROPERTY + "=";
    if (url == null || url.isBlank()) {
      url = System.getenv(PUBLIC_URL_VARIABLE);
      urlNamed = PUBLIC_URL_VARIABLE + "=";
    }
    String publicUrl = publicUrl(url, urlNamed);
    Pack pack = withStore(store, named);
    return new Pack(pack.state, pack.apis, pack.templateTicker, publicUrl);
  }

  /**
   * Every API of {@link Apis#builtIn()} with its state in {@code store}: {@code
   * redis://[:password@]host:port[/db]} or {@code rediss://...} for Redis shared by several
   * servers; {@code null}, blank or {@code memory} for this JVM's memory.
   *
   * @throws IllegalArgumentException naming what is allowed (and never the password)
   */
  public static Pack withStore(String store) {
    return withStore(store, "store ");
  }

  /** As {@link #withStore(String)}; an error shows the value as {@code named + store}, as the user wrote it. */
  private static Pack withStore(String store, String named) {
    Apis apis = Apis.builtIn();
    if (store == null || store.isBlank() || store.trim().equals("memory")) {
      return new Pack(new InMemoryState(capacityFromSystemProperty()), apis);
    }
    URI url;
    try {
      url = new URI(store.trim());
    } catch (URISyntaxException e) {
      url = null;
    }
    if (url == null || !(isRedis(url) && url.getHost() != null)) {
      throw new IllegalArgumentException(named + withoutPassword(store) + " is not allowed" + didYouMean(url)
          + ": give redis://host:port[/db] or rediss://host:port[/db] (a password as redis://:password@host:port), "
          + "or leave it unset to keep the state in memory");
    }
    RedisState redis = new RedisState(url, apis::statuses);
    // On standard error, whatever the log level: WireMock sets up its notifier only after it has
    // created the extensions, and a replica may start before its Redis (pods start in any order).
    System.err.println(redis.isReachable() ? "OpStub keeps its state in " + redis.shown()
        : "OpStub keeps its state in " + redis.shown() + ", which cannot be reached yet: polls answer 503 "
            + "OpStubStoreUnavailable until it can");
    return new Pack(redis, apis);
  }

  private static boolean isRedis(URI url) {
    return "redis".equals(url.getScheme()) || "rediss".equals(url.getScheme());
  }

  /** The store as the user typed it, but for a password ({@code redis://:secret@h} shows {@code redis://***@h}). */
  private static String withoutPassword(String store) {
    return store.replaceFirst("(^|/)[^/@]*@", "$1***@"); // whatever precedes an @ up to a slash, however mistyped
  }

  /** {@code  (did you mean redis://127.0.0.1:6379?)} for a Redis URL with a slash too few or many. */
  private static String didYouMean(URI url) {
    if (url == null || !isRedis(url) || url.getHost() != null) {
      return "";
    }
    String rest = url.getSchemeSpecificPart().replaceFirst("^/*", "");
    try {
      URI meant = new URI(url.getScheme() + "://" + rest);
      return meant.getHost() == null ? "" : " (did you mean " + withoutPassword(meant.toString()) + "?)";
    } catch (URISyntaxException e) {
      return "";
    }
  }

  public State state() {
    return state;
  }

  public Apis apis() {
    return apis;
  }

  /**
   * WireMock's extensions: one transformer per handler of every API, the filter that keeps
   * oversized bodies from the pack's routes, the admin routes, the mapping check.
   */
  @Override
  public List<Extension> create(WireMockServices services) {
    Supplier<OtherTransformers> others = () -> otherTransformers(services);
    StartupMappings.check(services.getOptions() == null ? null : services.getOptions().filesRoot(), apis, others);
    Map<String, BodyWriter> writers = new HashMap<>();
    apis.all().forEach(api -> writers.putAll(api.defaultBodies()));
    BodyTemplates templates = new BodyTemplates(services.getTemplateEngine(), services.getStores().getFilesBlobStore(),
        writers, templateTicker);
    List<Extension> extensions = new ArrayList<>();
    for (Dialect api : apis.all()) {
      for (Handler handler : api.handlers()) {
        extensions.add(new HandlerTransformer(api, handler, state, templates, publicUrl));
      }
    }
    Recordings recordings = new Recordings(apis, mappingsFolder(services));
    extensions.add(new BodyLimitFilter(apis, services::getAdmin, () -> recordings.proxy() != null));
    extensions.add(new OpStubAdminRoutes(new AdminApi(state, apis), recordings,
        new LivePages(state, apis)));
    extensions.add(new RecordingListener(recordings, services::getAdmin));
    extensions.add(new RecordingUrlRewriter());
    // Read when a stub is checked, after WireMock has loaded every extension (not all are loaded yet here).
    extensions.add(new MappingCheck(apis, others));
    return extensions;
  }

  /**
   * The server's extensions besides the pack and whether a transformer reads every stub's
   * parameters (global response templating, or another global transformer).
   */
  private static OtherTransformers otherTransformers(WireMockServices services) {
    Extensions extensions = services.getExtensions();
    if (extensions == null) {
      return OtherTransformers.NONE;
    }
    boolean global = services.getOptions() != null && services.getOptions().getResponseTemplatingGlobal()
        || extensions.ofType(ResponseDefinitionTransformerV2.class).values().stream().anyMatch(t -> t.applyGlobally())
        || extensions.ofType(ResponseTransformerV2.class).values().stream().anyMatch(t -> t.applyGlobally());
    return new OtherTransformers(extensions.getAllExtensionNames(), global);
  }

  /** Where a recording is written: the server's {@code mappings/} on disk, or {@code null} for a classpath root. */
  private static Path mappingsFolder(WireMockServices services) {
    FileSource root = services.getOptions() == null ? null : services.getOptions().filesRoot();
    return root == null || root instanceof ClasspathFileSource ? null : Path.of(root.getPath()).resolve("mappings");
  }

  /** This pack as the extension factory a WireMock server takes (a pack is one itself). */
  public ExtensionFactory extensions() {
    return this;
  }

  /**
   * Names {@code factory} as the public face of this pack (it hands WireMock this pack's extensions
   * and keeps the pack private), so that {@link #of} finds the pack behind it.
   */
  public void servedBy(ExtensionFactory factory) {
    BEHIND.put(factory, this);
  }

  /**
   * The pack behind an extension factory: a pack itself, or the factory that named itself with
   * {@link #servedBy}.
   *
   * @throws IllegalArgumentException for a factory that is no pack's
   */
  public static Pack of(ExtensionFactory factory) {
    Pack pack = factory instanceof Pack itself ? itself : BEHIND.getIfPresent(factory);
    if (pack == null) {
      throw new IllegalArgumentException(factory.getClass().getName() + " is not OpStub's extension factory");
    }
    return pack;
  }

  static int capacityFromSystemProperty() {
    String value = System.getProperty(CAPACITY_PROPERTY);
    if (value == null || value.isBlank()) {
      return OperationStore.DEFAULT_CAPACITY;
    }
    try {
      int capacity = Integer.parseInt(value.trim());
      if (capacity >= 1) {
        return capacity;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("-D" + CAPACITY_PROPERTY + "=" + value
        + " is not allowed: give a whole number of live operations, at least 1 (default "
        + OperationStore.DEFAULT_CAPACITY + ")");
  }
}
