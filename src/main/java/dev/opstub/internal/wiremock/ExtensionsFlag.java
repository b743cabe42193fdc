package dev.opstub.internal.wiremock;

import java.util.Optional;

/**
 * What happens when a user names the pack in WireMock's {@code --extensions}, as WireMock users do
 * by habit. That flag takes {@code Extension} classes: WireMock instantiates the class named and
 * casts it to {@code Extension}, so naming {@code OpStubExtensions} (an {@code ExtensionFactory})
 * ended in a {@code ClassCastException} stack trace. It cannot be made to work without making
 * {@code OpStubExtensions} an {@code Extension} too, which would make {@code
 * .extensions(new OpStubExtensions())} ambiguous in Java. The jar registers itself, so the fix is to
 * drop the flag: the standalone server stops at start with one line saying so (exit status 1, as
 * WireMock does for its own start-up errors); in Java the same text is the exception's message.
 */
public final class ExtensionsFlag {
  /** The line a user sees. */
  public static final String MESSAGE = "OpStub: remove dev.opstub.wiremock.OpStubExtensions from --extensions; "
      + "the OpStub jar registers itself with WireMock, so no flag is needed (--extensions takes Extension "
      + "classes, and OpStubExtensions is an ExtensionFactory that WireMock finds on the classpath unless "
      + "--disable-extensions-scanning is given)";

  // WireMock 3.x: the --extensions class names (and extensions(String...) in Java) are instantiated by
  // the static Extensions.load(Class); the service loader and extensionFactories(...) go other ways.
  private static final String EXTENSIONS = "com.github.tomakehurst.wiremock.extension.Extensions";

  private ExtensionsFlag() {}

  /**
   * Called by {@code OpStubExtensions}' constructor: stops the standalone server, or throws, when
   * the constructor was called by WireMock's loader of {@code Extension} classes.
   *
   * @param factory the class whose constructor calls (its frames are passed over to find its caller)
   * @throws IllegalArgumentException with {@link #MESSAGE} when loaded that way outside the standalone server
   */
  public static void refuseExtensionsFlag(Class<?> factory) {
    StackWalker walker = StackWalker.getInstance();
    Optional<StackWalker.StackFrame> caller = walker.walk(frames -> frames
        .filter(frame -> !frame.getClassName().equals(ExtensionsFlag.class.getName())
            && !frame.getClassName().equals(factory.getName()))
        .findFirst());
    boolean loadedAsExtension = caller.filter(frame -> frame.getClassName().equals(EXTENSIONS)
        && frame.getMethodName().equals("load") && frame.getDescriptor().startsWith("(Ljava/lang/Class;)")).isPresent();
    if (!loadedAsExtension) {
      return;
    }
    if (StartupFailure.inStandaloneRunner()) {
      System.err.println(MESSAGE);
      System.exit(1);
    }
    throw new IllegalArgumentException(MESSAGE);
  }
}
