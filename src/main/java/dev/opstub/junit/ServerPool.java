package dev.opstub.junit;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The servers of one test class. Tests run one after the other share one server; tests that run
 * at the same time (JUnit's parallel execution) each take a server of their own, so no test ever
 * sees another's operations. Closed with the class's extension context.
 */
@SuppressWarnings("deprecation") // CloseableResource: JUnit 5.x closes only these; 6.x also AutoCloseable.
final class ServerPool implements ExtensionContext.Store.CloseableResource, AutoCloseable {
  private final Supplier<StubServer> factory;
  private final StubServer shared;
  private final Deque<StubServer> idle = new ConcurrentLinkedDeque<>();
  private final List<StubServer> all = new ArrayList<>();
  private boolean closed;

  private ServerPool(Supplier<StubServer> factory, StubServer shared) {
    this.factory = factory;
    this.shared = shared;
  }

  /** A pool that starts servers of its own as tests need them. */
  static ServerPool owned() {
    return new ServerPool(StubServer::start, null);
  }

  /** A pool of one attached server that concurrent tests take turns on. */
  static ServerPool attached(StubServer server) {
    return new ServerPool(null, server);
  }

  StubServer borrow() {
    if (shared != null) {
      shared.take();
      return shared;
    }
    StubServer server = idle.pollFirst();
    if (server == null) {
      server = factory.get();
      synchronized (this) {
        all.add(server);
      }
    }
    server.take();
    return server;
  }

  void giveBack(StubServer server) {
    server.release();
    if (server != shared) {
      idle.addFirst(server);
    }
  }

  /** How many servers this class needed (one unless its tests ran concurrently). */
  synchronized int size() {
    return all.size();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      all.forEach(StubServer::close);
    }
  }
}
