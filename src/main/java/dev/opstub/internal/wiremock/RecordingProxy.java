package dev.opstub.internal.wiremock;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.Admin;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.opstub.internal.record.Recordings;
import java.util.UUID;

/**
 * The proxy a recording runs through: the stub WireMock's own recorder adds ({@code proxyAllTo}),
 * but at priority 1, so that it wins over every mapping the server serves (the shipped ones use
 * 1 to 10) and the real service answers everything while the recording runs. It is identified by
 * its stub id, which {@link RecordingListener} compares each served request with.
 */
final class RecordingProxy implements Recordings.Proxy {
  private final Admin admin;

  RecordingProxy(Admin admin) {
    this.admin = admin;
  }

  @Override
  public Object start(String targetBaseUrl) {
    StubMapping proxy = WireMock.any(WireMock.anyUrl()).atPriority(1)
        .willReturn(WireMock.aResponse().proxiedFrom(targetBaseUrl).withTransformers(RecordingUrlRewriter.NAME)
            .withTransformerParameter(RecordingUrlRewriter.TARGET, targetBaseUrl)).build();
    proxy.setName("OpStub recording: every request goes to " + targetBaseUrl);
    admin.addStubMapping(proxy);
    return proxy.getId();
  }

  @Override
  public void stop(Object proxy) {
    try {
      admin.removeStubMapping((UUID) proxy);
    } catch (RuntimeException gone) {
      // Removed already (a reset of the mappings): nothing left to take down.
    }
  }
}
