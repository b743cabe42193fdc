package dev.opstub.internal.wiremock;

import dev.opstub.wiremock.OpStubExtensions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.internal.timeline.OperationStore;
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
}
