package dev.opstub.internal.wiremock;

import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.WireMockServices;
import dev.opstub.internal.admin.AdminApi;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.api.Handler;
import dev.opstub.internal.api.OperationApi;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.state.State;
import dev.opstub.internal.timeline.OperationStore;
import dev.opstub.wiremock.OpStubExtensions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link OpStubExtensions} is made of: the APIs it serves and the state it serves them
 * from. The JUnit extension and the tests reach a pack's state through here; users only see
 * {@link OpStubExtensions}.
 *
 * <pre>{@code
 * Pack pack = new Pack(new InMemoryState(1_000), Apis.builtIn());
 * WireMockServer server = new WireMockServer(options().dynamicPort().extensions(pack.extensions()));
 * pack.state().reset();
 * }</pre>
 */
public final class Pack {
  /** System property: the number of live operations a server keeps (default 100000). */
  public static final String CAPACITY_PROPERTY = "opstub.capacity";

  private static volatile Bridge bridge;

  private final State state;
  private final Apis apis;

  public Pack(State state, Apis apis) {
    this.state = Objects.requireNonNull(state, "state");
    this.apis = Objects.requireNonNull(apis, "apis");
  }

  /** The pack the standalone jar starts: in memory, sized by {@value #CAPACITY_PROPERTY}, Face and Media. */
  public static Pack fromSystemProperties() {
    return new Pack(new InMemoryState(capacityFromSystemProperty()), Apis.builtIn());
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
  public List<Extension> create(WireMockServices services) {
    BodyTemplates templates = new BodyTemplates(services.getTemplateEngine(), services.getStores().getFilesBlobStore());
    List<Extension> extensions = new ArrayList<>();
    for (OperationApi api : apis.all()) {
      for (Handler handler : api.handlers()) {
        extensions.add(new HandlerTransformer(api, handler, state, templates));
      }
    }
    extensions.add(new BodyLimitFilter(apis));
    extensions.add(new OpStubAdminRoutes(new AdminApi(state, apis)));
    extensions.add(new MappingCheck(apis));
    return extensions;
  }

  /** This pack as the extension factory a WireMock server takes. */
  public OpStubExtensions extensions() {
    return bridge().extensionsOf(this);
  }

  /** The pack behind an extension factory. */
  public static Pack of(OpStubExtensions extensions) {
    return bridge().packOf(extensions);
  }

  /**
   * How this package reaches into {@link OpStubExtensions} without widening its public surface:
   * the class installs its bridge when it is initialised.
   */
  public interface Bridge {
    Pack packOf(OpStubExtensions extensions);

    OpStubExtensions extensionsOf(Pack pack);
  }

  /** Called once, by {@link OpStubExtensions}' static initialiser. */
  public static void install(Bridge installed) {
    if (bridge != null) {
      throw new IllegalStateException("the OpStubExtensions bridge is installed already");
    }
    bridge = installed;
  }

  private static Bridge bridge() {
    if (bridge == null) {
      try {
        Class.forName(OpStubExtensions.class.getName(), true, Pack.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return bridge;
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
