package dev.opstub.internal.junit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Names the missing annotation when a test takes an {@code OpStubServer} but no OpStub extension
 * runs for it. JUnit then fails the test with its own "No ParameterResolver registered for
 * parameter [dev.opstub.junit.OpStubServer ...]", and nothing of the pack can run before that: the
 * extension is registered by the very annotation that is missing, and Jupiter's extension
 * auto-detection is off by default. The launcher does load {@link TestExecutionListener}s through
 * {@code ServiceLoader} unasked, so this one attaches the fix, as a suppressed exception, to that
 * failure before the reporters (Surefire, the IDE) print it, and prints it on standard error.
 */
public final class MissingAnnotationHint implements TestExecutionListener {
  private static final String SERVER_TYPE = "dev.opstub.junit.OpStubServer";

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    result.getThrowable().filter(MissingAnnotationHint::isUnresolvedServer).ifPresent(failure -> {
      String hint = "OpStub: " + test.getDisplayName() + " takes an OpStubServer, but its class has no OpStub "
          + "annotation: add @OpStubTest to the class (a server with the shipped operation ids) or "
          + "@OperationStub(apiName = ..., timeline = ...) to the class or the method (a timeline of its own)";
      failure.addSuppressed(new MissingOpStubAnnotation(hint));
      System.err.println(hint);
    });
  }

  private static boolean isUnresolvedServer(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getName().equals("org.junit.jupiter.api.extension.ParameterResolutionException")
        && message != null && message.startsWith("No ParameterResolver registered") && message.contains(SERVER_TYPE);
  }

  /** The hint, as the reporters print it: "Suppressed: ...MissingOpStubAnnotation: OpStub: ...". */
  static final class MissingOpStubAnnotation extends RuntimeException {
    MissingOpStubAnnotation(String hint) {
      super(hint, null, false, false);
    }
  }
}
