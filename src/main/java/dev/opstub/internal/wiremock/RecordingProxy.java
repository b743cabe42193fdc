package dev.opstub.internal.wiremock;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.Admin;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.opstub.internal.record.Recordings;
import dev.opstub.spi.Recording;
import dev.opstub.spi.StubPriority;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The proxy a recording runs through: the stub WireMock's own recorder adds ({@code proxyAllTo}),
 * but at {@link StubPriority#TEST_ONE_OPERATION} (1), so that it wins over every mapping the server
 * serves (the shipped ones use 1 to 10) and the real service answers everything while the recording runs. It is identified by
 * its stub id, which {@link RecordingListener} compares each served request with.
 *
 * <p>Every request it passes on carries {@value #MARKER_HEADER} with that id; a second stub, added
 * after it at the same priority (so it wins), answers a request that comes back with this
 * recording's marker 508 at once. A loop that gets past {@link #leadsHere} (another host name for
 * this server, a proxy in between) so ends at its first hop instead of using up the server's threads.
 */
final class RecordingProxy implements Recordings.Proxy {
  /** Carries the recording's id to the target; a request that brings it back is a loop. */
  static final String MARKER_HEADER = "X-OpStub-Recording";
  /** On the 508 answer to a loop: the recording's id, so the recording notes the loop instead of a 508 step. */
  static final String LOOP_HEADER = "X-OpStub-Recording-Loop";

  private final Admin admin;
  private final Request adminRequest;

  /** @param adminRequest the admin call that starts the recording (its port is one this server listens on), or {@code null} */
  RecordingProxy(Admin admin, Request adminRequest) {
    this.admin = admin;
    this.adminRequest = adminRequest;
  }

  @Override
  public String leadsHere(String targetBaseUrl) {
    URI url = URI.create(targetBaseUrl);
    int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    if (!ownPorts().contains(port)) {
      return null;
    }
    String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (isOwn(address)) {
          return url.getHost() + ":" + port + " is " + address.getHostAddress() + ", where this server listens on port "
              + port;
        }
      }
    } catch (UnknownHostException | SecurityException unknown) {
      return null; // not resolvable here: not this server (the proxy will say it cannot reach it)
    }
    return null;
  }

  private Set<Integer> ownPorts() {
    Set<Integer> ports = new LinkedHashSet<>();
    Options options = admin.getOptions();
    if (options != null && !options.getHttpDisabled() && options.portNumber() > 0) {
      ports.add(options.portNumber());
    }
    if (options != null && options.httpsSettings() != null && options.httpsSettings().enabled()
        && options.httpsSettings().port() > 0) {
      ports.add(options.httpsSettings().port());
    }
    if (adminRequest != null && adminRequest.getPort() > 0) {
      ports.add(adminRequest.getPort()); // the port the admin call came in on (a dynamic port is 0 in the options)
    }
    return ports;
  }

  /** Whether a connection to {@code address} reaches this server's socket. */
  private boolean isOwn(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return true; // connecting to 0.0.0.0 or :: reaches this machine
    }
    String bind = admin.getOptions() == null ? null : admin.getOptions().bindAddress();
    try {
      InetAddress bound = bind == null ? null : InetAddress.getByName(bind);
      if (bound != null && !bound.isAnyLocalAddress()) {
        return bound.equals(address);
      }
      return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
    } catch (UnknownHostException | SocketException e) {
      return false;
    }
  }

  @Override
  public Object start(String targetBaseUrl) {
    UUID id = UUID.randomUUID();
    StubMapping marked = WireMock.any(WireMock.anyUrl()).atPriority(StubPriority.TEST_ONE_OPERATION).withId(id)
        .willReturn(WireMock.aResponse().proxiedFrom(targetBaseUrl).withAdditionalRequestHeader(MARKER_HEADER,
            id.toString()).withTransformers(RecordingUrlRewriter.NAME)
            .withTransformerParameter(RecordingUrlRewriter.TARGET, targetBaseUrl))
        .build();
    marked.setName("OpStub recording: every request goes to " + targetBaseUrl);
    StubMapping guard = WireMock.any(WireMock.anyUrl()).atPriority(StubPriority.TEST_ONE_OPERATION)
        .withId(guardId(marked.getId()))
        .withHeader(MARKER_HEADER, WireMock.equalTo(marked.getId().toString()))
        .willReturn(WireMock.aResponse().withStatus(508).withHeader("Content-Type", "application/json")
            .withHeader(LOOP_HEADER, marked.getId().toString())
            .withBody("{\"error\":\"OpStub: this request came back to the server that is recording it (targetBaseUrl "
                + "leads back to this server); a recording must proxy to the real service\"}"))
        .build();
    guard.setName("OpStub recording: a request that comes back to this server is a loop (508)");
    admin.addStubMapping(marked);
    admin.addStubMapping(guard); // after the proxy: of two stubs at one priority, the newer wins
    return marked.getId();
  }

  private static UUID guardId(UUID proxy) {
    return UUID.nameUUIDFromBytes(("opstub-recording-loop-guard:" + proxy).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void stop(Object proxy) {
    for (UUID id : new UUID[] {(UUID) proxy, guardId((UUID) proxy)}) {
      try {
        admin.removeStubMapping(id);
      } catch (RuntimeException gone) {
        // Removed already (a reset of the mappings): nothing left to take down.
      }
    }
  }
}
