package dev.opstub.wiremock;

import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ExtensionFactory;
import com.github.tomakehurst.wiremock.extension.WireMockServices;
import dev.opstub.internal.wiremock.ExtensionsFlag;
import dev.opstub.internal.wiremock.JacksonVersions;
import dev.opstub.internal.wiremock.Pack;
import dev.opstub.internal.wiremock.StartupFailure;
import java.util.List;

/**
 * The OpStub extension pack for WireMock: the transformers that replay operation timelines, the
 * admin API under {@code /__admin/opstub/}, and the check that rejects a broken OpStub mapping when
 * it is loaded.
 *
 * <p>The standalone jar finds it on its own (it is registered as an {@link ExtensionFactory}
 * service); WireMock's {@code --extensions} flag is not for it (it takes {@code Extension}
 * classes), and naming it there stops the server with a line saying to drop the flag. In Java,
 * hand it to the server's options; each instance keeps its own state (live operations, snapshots,
 * poll history, clock), so give every server its own instance:
 *
 * <pre>{@code
 * WireMockServer server = new WireMockServer(options()
 *     .dynamicPort()
 *     .bindAddress("127.0.0.1")
 *     .usingFilesUnderDirectory(".")      // the repository's mappings/ and __files/
 *     .extensions(new OpStubExtensions()));
 * }</pre>
 *
 * <p>A mapping uses a transformer by name, e.g. {@code "transformers": ["opstub-face-operation"]}
 * with {@code "transformerParameters": {"timeline": "running x2, succeeded"}}. The number of live
 * operations kept is set by the system property {@code opstub.capacity} (default 100000).
 */
public final class OpStubExtensions implements ExtensionFactory {
  private final Pack pack;

  /**
   * A pack with state of its own: in memory, sized by the system property {@code opstub.capacity},
   * unless the system property {@code opstub.store} or the environment variable {@code
   * OPSTUB_STORE} names a Redis ({@code redis://host:port[/db]}).
   */
  public OpStubExtensions() {
    this(newPack());
  }

  private static Pack newPack() {
    ExtensionsFlag.refuseExtensionsFlag(OpStubExtensions.class); // --extensions dev.opstub.wiremock.OpStubExtensions: say how to fix it
    try {
      JacksonVersions.check();
    } catch (IllegalStateException e) {
      StartupFailure.stopStandalone(e.getMessage(), e);
      throw e;
    }
    try {
      return Pack.fromSystemProperties();
    } catch (IllegalArgumentException e) {
      // The standalone server: one paragraph and exit 1, not a ServiceConfigurationError's stack trace.
      StartupFailure.stopStandalone(e.getMessage(), e);
      throw e;
    }
  }

  /**
   * A pack whose state lives in {@code store}, so that several servers share it:
   *
   * <pre>{@code
   * new OpStubExtensions("redis://127.0.0.1:6379/0")   // every server with this store: one timeline per operation
   * }</pre>
   *
   * @param store {@code redis://[:password@]host:port[/db]}, {@code rediss://...}, or {@code memory}
   * @throws IllegalArgumentException for anything else, naming what is allowed
   */
  public OpStubExtensions(String store) {
    this(Pack.withStore(store));
  }

  private OpStubExtensions(Pack pack) {
    this.pack = pack;
    pack.servedBy(this); // the JUnit extension finds the pack behind a test class's instance
  }

  @Override
  public List<Extension> create(WireMockServices services) {
    return pack.create(services);
  }
}
