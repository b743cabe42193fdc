package dev.opstub.wiremock;

import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ExtensionFactory;
import com.github.tomakehurst.wiremock.extension.WireMockServices;
import dev.opstub.journal.PollJournal;
import dev.opstub.admin.AdminApi;
import dev.opstub.timeline.ControllableClock;
import dev.opstub.timeline.OperationStore;
import java.util.List;

/**
 * The OpStub extension pack for WireMock: the transformers that replay operation timelines.
 *
 * <p>The standalone jar finds it on its own (it is registered as a {@link ExtensionFactory}
 * service). In Java, hand it to the server's options; each factory instance keeps its own store of
 * live operations, so give every server its own instance:
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
 * with {@code "transformerParameters": {"timeline": "running x2, succeeded"}}.
 */
public final class OpStubExtensions implements ExtensionFactory {
  /** Transformer for Face {@code GET .../operations/{operationId}}. */
  public static final String FACE_OPERATION = "opstub-face-operation";
  /** Transformer for Media Services {@code GET /api/Operations('<id>')}. */
  public static final String MEDIA_OPERATION = "opstub-media-operation";
  /** Transformer for the Face snapshot calls (take, list, get, update, delete, apply). */
  public static final String FACE_SNAPSHOTS = "opstub-face-snapshots";
  /** Transformer for the Media Services actions that start operations (202 + operation-id). */
  public static final String MEDIA_ACTION = "opstub-media-action";
  /** System property: the number of live operations a server keeps (default 100000). */
  public static final String CAPACITY_PROPERTY = "opstub.capacity";

  private final OperationStore store;
  private final PollJournal journal = new PollJournal();

  /**
   * A pack with its own store, sized by {@value #CAPACITY_PROPERTY}, on a {@link
   * ControllableClock} that runs in real time until a test or the admin API freezes it (used by
   * the standalone jar).
   */
  public OpStubExtensions() {
    this(new OperationStore(capacityFromSystemProperty(), new ControllableClock()));
  }

  /** A pack serving the operations of {@code store}. */
  public OpStubExtensions(OperationStore store) {
    this.store = store;
  }

  /** The polls this pack answered, most recent {@value PollJournal#DEFAULT_CAPACITY} kept. */
  public PollJournal journal() {
    return journal;
  }

  /**
   * The operations' clock, when it can be frozen and advanced (it can unless the pack was given a
   * store with a clock of its own); otherwise {@code null}.
   */
  public ControllableClock clock() {
    return store.clock() instanceof ControllableClock controllable ? controllable : null;
  }

  /** The live operations this pack serves. */
  public OperationStore store() {
    return store;
  }

  @Override
  public List<Extension> create(WireMockServices services) {
    BodyTemplates templates = new BodyTemplates(services.getTemplateEngine(), services.getStores().getFilesBlobStore());
    return List.of(new FaceOperationTransformer(store, templates, journal),
        new FaceSnapshotTransformer(store, templates, journal),
        new MediaOperationTransformer(store, templates, journal), new MediaActionTransformer(store, templates, journal),
        new OpStubAdminRoutes(new AdminApi(store, journal, clock())), new MappingCheck());
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
