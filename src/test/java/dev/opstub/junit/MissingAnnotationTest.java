package dev.opstub.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A test that takes an {@link OpStubServer} without any OpStub annotation fails, as JUnit makes it
 * fail, and the failure names the annotation to add. Runs through JUnit's own launcher, which
 * loads the pack's listener by itself, as Surefire's and the IDEs' do.
 */
class MissingAnnotationTest {

  /** What a user writes when they forget the annotation; run only by the launcher below. */
  static class ForgotTheAnnotation {
    @Test
    void pollsTheSeedOperation(OpStubServer server) {
      server.currentStatus(Api.FACE, "a63a3bdd-a1db-4d05-87b8-dbad6850062a");
    }
  }

  @Test
  void aServerParameterWithoutAnAnnotationFailsNamingTheAnnotationToAdd() {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();

    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(ForgotTheAnnotation.class)).build(),
        summary);

    assertThat(summary.getSummary().getTestsFailedCount()).isEqualTo(1);
    Throwable failure = summary.getSummary().getFailures().stream().map(TestExecutionSummary.Failure::getException)
        .findFirst().orElseThrow();
    assertThat(failure).hasMessageContaining("No ParameterResolver registered for parameter [dev.opstub.junit.OpStubServer");
    assertThat(failure.getSuppressed()).singleElement().satisfies(hint -> assertThat(hint.getMessage())
        .contains("pollsTheSeedOperation(OpStubServer)", "add @OpStubTest to the class", "@OperationStub("));
  }
}
