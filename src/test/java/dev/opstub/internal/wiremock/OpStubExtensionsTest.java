package dev.opstub.internal.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.opstub.internal.timeline.OperationStore;
import dev.opstub.wiremock.OpStubExtensions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpStubExtensionsTest {
  @AfterEach
  void clearProperty() {
    System.clearProperty(Pack.CAPACITY_PROPERTY);
  }

  @Test
  void theStoreHoldsOneHundredThousandOperationsUnlessConfigured() {
    assertThat(Pack.of(new OpStubExtensions()).state().capacity()).isEqualTo(OperationStore.DEFAULT_CAPACITY).isEqualTo(100_000);

    System.setProperty(Pack.CAPACITY_PROPERTY, "250");
    assertThat(Pack.of(new OpStubExtensions()).state().capacity()).isEqualTo(250);
  }

  @Test
  void aBadCapacityFailsAtStartSayingWhatIsAllowed() {
    System.setProperty(Pack.CAPACITY_PROPERTY, "lots");

    assertThatThrownBy(OpStubExtensions::new)
        .hasMessageContaining("-Dopstub.capacity=lots is not allowed")
        .hasMessageContaining("a whole number of live operations, at least 1");
  }

  @Test
  void aBadStoreIsEchoedAsGivenWithoutItsPasswordNamingTheUrlMeant() {
    assertThatThrownBy(() -> new OpStubExtensions("redis:/127.0.0.1:18090"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("store redis:/127.0.0.1:18090 is not allowed (did you mean redis://127.0.0.1:18090?): "
            + "give redis://host:port[/db]");
    assertThatThrownBy(() -> new OpStubExtensions("redis:///:s3cret@127.0.0.1:1/0"))
        .hasMessageStartingWith("store redis:///***@127.0.0.1:1/0 is not allowed (did you mean redis://***@127.0.0.1:1/0?)")
        .message().doesNotContain("s3cret");
    assertThatThrownBy(() -> new OpStubExtensions("localhost:6379"))
        .hasMessageStartingWith("store localhost:6379 is not allowed: give redis://host:port[/db]");
  }

  @Test
  void namedAmongWireMocksExtensionClassesItSaysToRemoveItFromThere() {
    // What --extensions dev.opstub.wiremock.OpStubExtensions does in Java; the standalone server
    // prints the same text as its only line (ExtensionsFlagIT).
    assertThatThrownBy(() -> new WireMockServer(options().dynamicPort().extensions("dev.opstub.wiremock.OpStubExtensions")))
        .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessage(ExtensionsFlag.MESSAGE);
  }

  @Test
  @SuppressWarnings("unchecked") // extensionFactories(Class<? extends ExtensionFactory>...)
  void foundByTheServiceLoaderOrGivenAsAFactoryItLoads() {
    WireMockServer scanned = new WireMockServer(options().dynamicPort().extensionScanningEnabled(true));
    WireMockServer given = new WireMockServer(options().dynamicPort().extensions(new OpStubExtensions()));
    WireMockServer byClass = new WireMockServer(options().dynamicPort().extensionFactories(OpStubExtensions.class));

    for (WireMockServer server : new WireMockServer[] {scanned, given, byClass}) {
      assertThat(server.getLoadedExtensionNames()).contains("opstub-face-operation", "opstub-media-action");
    }
  }
}
