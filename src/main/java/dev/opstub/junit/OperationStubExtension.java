package dev.opstub.junit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.opstub.internal.wiremock.JacksonVersions;
import dev.opstub.internal.wiremock.Pack;
import dev.opstub.wiremock.OpStubExtensions;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link OperationStub}: a server pool per test class, a server taken and
 * reset for each test, the test's stubs installed, {@link OpStubServer} injected.
 *
 * <p>All its state is in JUnit's extension-context stores, as JUnit's own extensions keep theirs:
 * the pool in the class's store (closed with the class), the taken server and the handle in the
 * test's. Test instances are made in the test method's context, so a handle injected into a
 * constructor is the test's own handle; with {@code @TestInstance(PER_CLASS)} it is the class's,
 * bound to each test's server in turn.
 */
final class OperationStubExtension implements BeforeEachCallback, BeforeTestExecutionCallback, AfterEachCallback,
    ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OperationStubExtension.class);

  private record Taken(ServerPool pool, StubServer server, List<StubSpec> specs) {}

  @Override
  public void beforeEach(ExtensionContext context) {
    JacksonVersions.check(); // before WireMock meets a mixed Jackson with a NoSuchMethodError
    List<StubSpec> specs = specs(context);
    ServerPool pool = pool(context);
    StubServer server = pool.borrow();
    context.getStore(NAMESPACE).put(Taken.class, new Taken(pool, server, specs));
    if (!server.isAttached()) {
      server.install(specs);
    }
    handles(context).forEach(handle -> handle.bind(server));
  }

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    Taken taken = context.getStore(NAMESPACE).get(Taken.class, Taken.class);
    // A WireMockExtension resets its server in its own beforeEach, after ours: install now.
    if (taken != null && taken.server().isAttached()) {
      taken.server().install(taken.specs());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Taken taken = context.getStore(NAMESPACE).remove(Taken.class, Taken.class);
    handles(context).forEach(OpStubServer::unbind);
    if (taken != null) {
      try {
        TraceReports.afterTest(context, taken.server()); // before the next test resets the state
      } finally {
        taken.pool().giveBack(taken.server());
      }
    }
  }

  /** Constructors are called in the test method's context, so they get the test's own handle. */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    Executable executable = parameter.getDeclaringExecutable();
    if (type == OpStubServer.class) {
      if (executable instanceof Method && Modifier.isStatic(executable.getModifiers())) {
        throw new ParameterResolutionException("OpStubServer cannot be injected into static method "
            + executable.getName() + ": OpStub assigns a server to each test, so take it in a test method, "
            + "a @BeforeEach/@AfterEach method or the test class's constructor");
      }
      return true;
    }
    if (type.getPackageName().startsWith("dev.opstub")) {
      throw new ParameterResolutionException("@OperationStub cannot inject a " + type.getSimpleName()
          + " into parameter '" + parameter.getParameter().getName() + "' of " + executable.getName()
          + "; it injects OpStubServer only (from it: baseUrl(), polls(...), pollsOf(...))");
    }
    return false;
  }

  /**
   * The handle of the context the parameter is resolved in: the test's (methods, and constructors
   * of per-method instances) or the class's (constructors of per-class instances). A store look-up
   * falls back to the enclosing contexts' stores, so a test sees its class's handle first.
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return handle(context);
  }

  /**
   * The handle of a context: the test's (for methods, and constructors of per-method instances)
   * or the class's (constructors of per-class instances). A store look-up falls back to the
   * enclosing contexts' stores, so a test whose class made a handle shares that one.
   */
  private static OpStubServer handle(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(OpStubServer.class, k -> new OpStubServer(), OpStubServer.class);
  }

  /** Every handle the running test can hold: its own and those of the classes around it. */
  private static List<OpStubServer> handles(ExtensionContext context) {
    List<OpStubServer> handles = new ArrayList<>();
    handles.add(handle(context));
    for (ExtensionContext c = context.getParent().orElse(null); c != null; c = c.getParent().orElse(null)) {
      OpStubServer outer = c.getStore(NAMESPACE).get(OpStubServer.class, OpStubServer.class);
      if (outer != null && handles.stream().noneMatch(h -> h == outer)) {
        handles.add(outer);
      }
    }
    return handles;
  }

  /** The stubs of a test: outermost class first, then nested classes, then the method. */
  static List<StubSpec> specs(ExtensionContext context) {
    List<Class<?>> classes = new ArrayList<>();
    for (Class<?> c = context.getRequiredTestClass(); c != null;
        c = AnnotationSupport.isAnnotated(c, Nested.class) ? c.getEnclosingClass() : null) {
      classes.add(0, c);
    }
    Map<String, StubSpec> merged = new LinkedHashMap<>();
    for (Class<?> c : classes) {
      merged.putAll(level(AnnotationSupport.findRepeatableAnnotations(c, OperationStub.class), "class " + c.getName()));
    }
    Method method = context.getRequiredTestMethod();
    merged.putAll(level(AnnotationSupport.findRepeatableAnnotations(method, OperationStub.class),
        "method " + method.getDeclaringClass().getSimpleName() + "." + method.getName()));
    return List.copyOf(merged.values());
  }

  private static Map<String, StubSpec> level(List<OperationStub> stubs, String where) {
    Map<String, StubSpec> level = new LinkedHashMap<>();
    for (OperationStub stub : stubs) {
      StubSpec spec = StubSpec.of(stub, where);
      StubSpec clash = level.put(spec.key(), spec);
      if (clash != null) {
        throw StubSpec.misuse(spec.source(), "claims the same operation as " + clash.source().replace(" on " + where, "")
            + "; one stub per API and id on one " + where.substring(0, where.indexOf(' '))
            + " (a method-level stub replaces a class-level one)");
      }
    }
    return level;
  }

  /** The pool of the test's class, made on first use and closed with the class. */
  private static ServerPool pool(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    ExtensionContext classContext = context;
    while (classContext.getElement().orElse(null) != testClass && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(ServerPool.class,
        k -> attachedServer(testClass).map(ServerPool::attached).orElseGet(ServerPool::owned), ServerPool.class);
  }

  /**
   * The test class's own {@code static WireMockExtension}, if it has one, with the {@code static
   * OpStubExtensions} passed to its options.
   */
  private static Optional<StubServer> attachedServer(Class<?> testClass) {
    Optional<Field> wireMock = staticField(testClass, WireMockExtension.class);
    if (wireMock.isEmpty()) {
      return Optional.empty();
    }
    Optional<Field> pack = staticField(testClass, OpStubExtensions.class);
    if (pack.isEmpty()) {
      throw new ExtensionConfigurationException("@OperationStub on " + testClass.getName() + " found the static "
          + "WireMockExtension field '" + wireMock.get().getName() + "' but no static OpStubExtensions field: declare "
          + "`static final OpStubExtensions opstub = new OpStubExtensions();` and pass it to the WireMockExtension's "
          + "options with .extensions(opstub), or remove the WireMockExtension to let OpStub start its own server");
    }
    WireMockExtension extension = (WireMockExtension) read(wireMock.get());
    return Optional.of(StubServer.attach(extension.getPort(), Pack.of((OpStubExtensions) read(pack.get()))));
  }

  private static Optional<Field> staticField(Class<?> testClass, Class<?> type) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass() != null ? c.getEnclosingClass() : c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && type.isAssignableFrom(field.getType())) {
          return Optional.of(field);
        }
      }
    }
    return Optional.empty();
  }

  private static Object read(Field field) {
    try {
      field.setAccessible(true);
      return field.get(null);
    } catch (IllegalAccessException e) {
      throw new ExtensionConfigurationException("cannot read static field " + field.getName(), e);
    }
  }
}
