package dev.opstub.junit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.opstub.internal.wiremock.Pack;
import dev.opstub.wiremock.OpStubExtensions;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link OperationStub}: a server pool per test class, a server taken and
 * reset for each test, the test's stubs installed, {@link OpStubServer} injected.
 */
final class OperationStubExtension implements BeforeEachCallback, BeforeTestExecutionCallback, AfterEachCallback,
    ParameterResolver, TestInstancePostProcessor {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OperationStubExtension.class);
  /** Handles injected into a constructor, waiting for the instance they belong to (same thread). */
  private static final ThreadLocal<List<OpStubServer>> CONSTRUCTED = ThreadLocal.withInitial(ArrayList::new);
  private static final Map<Object, List<OpStubServer>> INSTANCE_HANDLES = Collections.synchronizedMap(new WeakHashMap<>());

  private record Taken(ServerPool pool, StubServer server, List<StubSpec> specs) {}

  @Override
  public void beforeEach(ExtensionContext context) {
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
    context.getTestInstance().ifPresent(INSTANCE_HANDLES::remove);
    if (taken != null) {
      taken.pool().giveBack(taken.server());
    }
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    List<OpStubServer> pending = CONSTRUCTED.get();
    if (!pending.isEmpty()) {
      INSTANCE_HANDLES.put(testInstance, List.copyOf(pending));
      pending.clear();
    }
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
          + "; it injects OpStubServer only (from it: baseUrl(), faceEndpoint(), mediaApiRoot(), polls(...))");
    }
    return false;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getDeclaringExecutable() instanceof Constructor) {
      OpStubServer handle = new OpStubServer();
      CONSTRUCTED.get().add(handle);
      return handle;
    }
    return methodHandle(context);
  }

  private static OpStubServer methodHandle(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(OpStubServer.class, k -> new OpStubServer(), OpStubServer.class);
  }

  private static List<OpStubServer> handles(ExtensionContext context) {
    List<OpStubServer> handles = new ArrayList<>();
    handles.add(methodHandle(context));
    context.getTestInstances().ifPresent(instances -> instances.getAllInstances().forEach(instance -> {
      List<OpStubServer> injected = INSTANCE_HANDLES.get(instance);
      if (injected != null) {
        handles.addAll(injected);
      }
    }));
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
