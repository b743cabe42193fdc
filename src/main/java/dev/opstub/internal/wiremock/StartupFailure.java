package dev.opstub.internal.wiremock;

/**
 * How the standalone server stops when OpStub cannot start it: a bad mapping file, a bad {@code
 * -Dopstub.store} or {@code -Dopstub.capacity}. Left to the JVM, that was "Exception in thread
 * main" and forty lines of stack (a bad store even wrapped in a {@code ServiceConfigurationError});
 * the user needs the file, the field and what is allowed. So in WireMock's standalone runner the
 * problem is printed as one paragraph on standard error and the JVM exits with status 1, as WireMock
 * does for its own start-up errors; the stack trace follows only with {@code
 * -Dopstub.stackTrace=true}. Anywhere else (a server started in Java, a JUnit test) the caller
 * throws as before: a library does not end the JVM it runs in.
 *
 * <pre>{@code
 * StartupFailure.stopStandalone("-Dopstub.store=redis:/127.0.0.1:6379 is not allowed: ...", e);
 * throw e; // reached only outside the standalone runner
 * }</pre>
 */
public final class StartupFailure {
  /** System property: {@code true} prints the stack trace under the paragraph. */
  public static final String STACK_TRACE_PROPERTY = "opstub.stackTrace";

  private static final String RUNNER = "com.github.tomakehurst.wiremock.standalone.WireMockServerRunner";

  private StartupFailure() {}

  /** Whether WireMock's standalone runner ({@code wiremock.Run}) is starting this server. */
  static boolean inStandaloneRunner() {
    return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame -> frame.getClassName().equals(RUNNER)));
  }

  /**
   * In the standalone runner, prints {@code paragraph} (and with {@value #STACK_TRACE_PROPERTY} the
   * stack trace of {@code cause}) on standard error and exits with status 1; elsewhere returns, and
   * the caller throws.
   */
  public static void stopStandalone(String paragraph, Throwable cause) {
    if (!inStandaloneRunner()) {
      return;
    }
    System.err.println("OpStub: the server cannot start: " + paragraph);
    if (Boolean.getBoolean(STACK_TRACE_PROPERTY)) {
      cause.printStackTrace();
    } else {
      System.err.println("(For the stack trace, start java with -D" + STACK_TRACE_PROPERTY + "=true.)");
    }
    System.err.flush();
    System.exit(1);
  }
}
