package dev.opstub.wiremock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.timeline.OperationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpStubExtensionsTest {
  @AfterEach
  void clearProperty() {
    System.clearProperty(OpStubExtensions.CAPACITY_PROPERTY);
  }

  @Test
  void theStoreHoldsOneHundredThousandOperationsUnlessConfigured() {
    assertThat(new OpStubExtensions().store().capacity()).isEqualTo(OperationStore.DEFAULT_CAPACITY).isEqualTo(100_000);

    System.setProperty(OpStubExtensions.CAPACITY_PROPERTY, "250");
    assertThat(new OpStubExtensions().store().capacity()).isEqualTo(250);
  }

  @Test
  void aBadCapacityFailsAtStartSayingWhatIsAllowed() {
    System.setProperty(OpStubExtensions.CAPACITY_PROPERTY, "lots");

    assertThatThrownBy(OpStubExtensions::new)
        .hasMessageContaining("-Dopstub.capacity=lots is not allowed")
        .hasMessageContaining("a whole number of live operations, at least 1");
  }
}
