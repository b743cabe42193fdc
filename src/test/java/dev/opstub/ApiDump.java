package dev.opstub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Renders the public Java surface of compiled classes as text, one block per type, in the spirit
 * of OkHttp's {@code api/*.api} files (Kotlin's binary-compatibility validator) but with Java
 * source syntax and generics:
 *
 * <pre>
 * public final class dev.opstub.junit.PollAssert extends org.assertj.core.api.AbstractAssert&lt;dev.opstub.junit.PollAssert, java.util.List&lt;dev.opstub.junit.RecordedPoll&gt;&gt; {
 *   public dev.opstub.junit.PollAssert wasServed(String...)
 * }
 * </pre>
 *
 * <p>Rules, so that the text changes only when the surface does: types are sorted by binary name
 * (nested types as {@code Outer$Inner}); in a block, enum constants come first in declaration
 * order (their order is their ordinal), then fields, constructors and methods, each sorted by
 * name and then by their line. Only public and protected members are listed, with those a
 * non-public superclass passes on; synthetic and bridge members and anonymous, local and
 * synthetic classes (lambdas, switch maps) never appear. Types of {@code java.lang} and {@code
 * java.lang.annotation} are written by simple name, every other type fully qualified. Of the
 * annotations only those that change what a user can rely on are shown: {@code @Deprecated},
 * {@code @FunctionalInterface}, {@code @SafeVarargs} and the meta-annotations {@code @Documented},
 * {@code @Inherited}, {@code @Repeatable}, {@code @Retention}, {@code @Target}; attributes equal to
 * their default are left out.
 */
final class ApiDump {
  private static final Set<Class<? extends Annotation>> SHOWN_ANNOTATIONS = Set.of(
      Deprecated.class, FunctionalInterface.class, SafeVarargs.class,
      java.lang.annotation.Documented.class, java.lang.annotation.Inherited.class,
      java.lang.annotation.Repeatable.class, java.lang.annotation.Retention.class,
      java.lang.annotation.Target.class);

  private ApiDump() {}

  /**
   * The public types compiled under {@code classes/root} (a package folder such as {@code
   * dev/opstub}), found from the class files so that a new type shows up by itself; packages whose
   * path starts with one of {@code excluded} (e.g. {@code dev/opstub/internal/}) are left out.
   */
  static List<Class<?>> publicTypes(Path classes, String root, List<String> excluded, ClassLoader loader) {
    try (Stream<Path> files = Files.walk(classes.resolve(root))) {
      return files.map(f -> classes.relativize(f).toString().replace('\\', '/'))
          .filter(name -> name.endsWith(".class") && !name.endsWith("package-info.class")
              && !name.endsWith("module-info.class"))
          .filter(name -> excluded.stream().noneMatch(name::startsWith))
          .<Class<?>>map(name -> load(name.substring(0, name.length() - ".class".length()).replace('/', '.'), loader))
          .filter(ApiDump::isVisible)
          .sorted(Comparator.comparing(Class::getName))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Public top-level types, and public or protected member types of visible types. */
  private static boolean isVisible(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    Class<?> outer = type.getDeclaringClass();
    if (outer == null) {
      return Modifier.isPublic(type.getModifiers());
    }
    return (Modifier.isPublic(type.getModifiers()) || Modifier.isProtected(type.getModifiers())) && isVisible(outer);
  }

  /** The whole dump: every type's block, a blank line between blocks, ending in a newline. */
  static String render(List<Class<?>> types) {
    return types.stream().map(ApiDump::block).collect(Collectors.joining("\n"));
  }

  /** One type: its shown annotations on lines of their own, its header line, its members, a closing brace. */
  static String block(Class<?> type) {
    StringBuilder out = new StringBuilder();
    for (String annotation : annotations(type)) {
      out.append(annotation).append('\n');
    }
    out.append(header(type)).append(" {\n");
    for (String member : members(type)) {
      out.append("  ").append(member).append('\n');
    }
    return out.append("}\n").toString();
  }

  private static String header(Class<?> type) {
    List<String> words = new ArrayList<>();
    int mods = type.getModifiers();
    words.add(Modifier.isPublic(mods) ? "public" : "protected");
    boolean plainClass = !type.isInterface() && !type.isEnum() && !type.isRecord();
    if (plainClass && type.getDeclaringClass() != null && Modifier.isStatic(mods)) {
      words.add("static");
    }
    if (plainClass && Modifier.isAbstract(mods)) {
      words.add("abstract");
    }
    if (plainClass && Modifier.isFinal(mods)) {
      words.add("final");
    }
    boolean sealed = type.isSealed() && !type.isEnum(); // javac seals an enum whose constants have bodies
    if (sealed) {
      words.add("sealed");
    }
    words.add(type.isAnnotation() ? "@interface" : type.isInterface() ? "interface"
        : type.isEnum() ? "enum" : type.isRecord() ? "record" : "class");
    String name = type.getName() + typeParameters(type.getTypeParameters());
    if (type.isRecord()) {
      name += Arrays.stream(type.getRecordComponents())
          .map(c -> typeName(c.getGenericType()) + " " + c.getName())
          .collect(Collectors.joining(", ", "(", ")"));
    }
    words.add(name);
    Type superclass = type.getGenericSuperclass();
    if (plainClass && superclass != null && superclass != Object.class) {
      words.add("extends " + typeName(superclass));
    }
    List<Type> interfaces = type.isAnnotation() ? List.of() : List.of(type.getGenericInterfaces());
    if (!interfaces.isEmpty()) {
      words.add((type.isInterface() ? "extends " : "implements ")
          + interfaces.stream().map(ApiDump::typeName).collect(Collectors.joining(", ")));
    }
    if (sealed) {
      words.add("permits " + Arrays.stream(type.getPermittedSubclasses()).map(Class::getName).sorted()
          .collect(Collectors.joining(", ")));
    }
    return String.join(" ", words);
  }

  private static List<String> members(Class<?> type) {
    List<String> lines = new ArrayList<>();
    if (type.isEnum()) {
      for (Object constant : type.getEnumConstants()) {
        Field field = field(type, ((Enum<?>) constant).name());
        lines.add(prefix(field) + ((Enum<?>) constant).name());
      }
    }
    List<Field> fields = new ArrayList<>();
    List<Constructor<?>> constructors = new ArrayList<>();
    List<Method> methods = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    // A non-public superclass's public members are callable on this type, so they are its surface.
    for (Class<?> c = type; c != null && (c == type || !Modifier.isPublic(c.getModifiers())); c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (shown(f) && !f.isEnumConstant() && seen.add("field " + f.getName())) {
          fields.add(f);
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (shown(m) && !m.isBridge() && seen.add(m.getName() + Arrays.toString(m.getParameterTypes()))) {
          methods.add(m);
        }
      }
      if (c == type) {
        Arrays.stream(c.getDeclaredConstructors()).filter(ApiDump::shown).forEach(constructors::add);
      }
    }
    Comparator<String[]> byNameThenLine = Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]);
    Stream.of(
        fields.stream().map(f -> new String[] {f.getName(), field(f)}).sorted(byNameThenLine),
        constructors.stream().map(c -> new String[] {"", executable(c, type)}).sorted(byNameThenLine),
        methods.stream().map(m -> new String[] {m.getName(), executable(m, type)}).sorted(byNameThenLine))
        .flatMap(s -> s).forEach(p -> lines.add(p[1]));
    return lines;
  }

  private static Field field(Class<?> type, String name) {
    try {
      return type.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean shown(Member member) {
    int mods = member.getModifiers();
    return !member.isSynthetic() && (Modifier.isPublic(mods) || Modifier.isProtected(mods));
  }

  private static String field(Field f) {
    String line = prefix(f) + modifiers(f.getModifiers(), false) + typeName(f.getGenericType()) + " " + f.getName();
    int mods = f.getModifiers();
    if (Modifier.isStatic(mods) && Modifier.isFinal(mods) && (f.getType().isPrimitive() || f.getType() == String.class)) {
      try {
        f.setAccessible(true);
        line += " = " + value(f.get(null));
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalStateException("cannot read the constant " + f, e);
      }
    }
    return line;
  }

  private static String executable(Executable e, Class<?> owner) {
    StringBuilder line = new StringBuilder(prefix(e));
    boolean attribute = owner.isAnnotation() && e instanceof Method;
    if (!attribute) {
      int mods = e.getModifiers();
      if (owner.isInterface() && e instanceof Method m && !m.isDefault() && !Modifier.isStatic(mods)) {
        mods &= ~Modifier.ABSTRACT; // implied in an interface
      }
      line.append(modifiers(mods, e instanceof Method m && m.isDefault()));
    }
    String typeParameters = typeParameters(e.getTypeParameters());
    if (!typeParameters.isEmpty()) {
      line.append(typeParameters).append(' ');
    }
    if (e instanceof Method m) {
      line.append(typeName(m.getGenericReturnType())).append(' ').append(m.getName());
    } else {
      line.append(owner.getName());
    }
    Type[] parameters = e.getGenericParameterTypes();
    // An inner class's constructor or an enum's may list fewer generic than raw parameters; the raw
    // ones are what a caller sees in that case.
    if (parameters.length != e.getParameterCount()) {
      parameters = e.getParameterTypes();
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < parameters.length; i++) {
      String name = typeName(parameters[i]);
      if (e.isVarArgs() && i == parameters.length - 1 && name.endsWith("[]")) {
        name = name.substring(0, name.length() - 2) + "...";
      }
      names.add(name);
    }
    line.append(names.stream().collect(Collectors.joining(", ", "(", ")")));
    Type[] exceptions = e.getGenericExceptionTypes();
    if (exceptions.length > 0) {
      line.append(" throws ").append(Arrays.stream(exceptions).map(ApiDump::typeName).sorted()
          .collect(Collectors.joining(", ")));
    }
    if (attribute && ((Method) e).getDefaultValue() != null) {
      line.append(" default ").append(value(((Method) e).getDefaultValue()));
    }
    return line.toString();
  }

  private static String modifiers(int mods, boolean isDefault) {
    List<String> words = new ArrayList<>();
    words.add(Modifier.isPublic(mods) ? "public" : "protected");
    if (Modifier.isStatic(mods)) {
      words.add("static");
    }
    if (Modifier.isAbstract(mods)) {
      words.add("abstract");
    }
    if (isDefault) {
      words.add("default");
    }
    if (Modifier.isFinal(mods)) {
      words.add("final");
    }
    return String.join(" ", words) + " ";
  }

  /** The shown annotations of a member, each followed by a space, for the start of its line. */
  private static String prefix(AnnotatedElement element) {
    return annotations(element).stream().map(a -> a + " ").collect(Collectors.joining());
  }

  private static List<String> annotations(AnnotatedElement element) {
    return Arrays.stream(element.getDeclaredAnnotations())
        .filter(a -> SHOWN_ANNOTATIONS.contains(a.annotationType()))
        .map(ApiDump::annotation)
        .sorted()
        .toList();
  }

  private static String annotation(Annotation annotation) {
    List<String> attributes = new ArrayList<>();
    Method[] methods = annotation.annotationType().getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    for (Method attribute : methods) {
      Object value;
      try {
        attribute.setAccessible(true);
        value = attribute.invoke(annotation);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (!Objects.deepEquals(value, attribute.getDefaultValue())) {
        attributes.add(attribute.getName() + "=" + value(value));
      }
    }
    String name = "@" + className(annotation.annotationType());
    if (attributes.isEmpty()) {
      return name;
    }
    if (attributes.size() == 1 && attributes.get(0).startsWith("value=")) {
      return name + "(" + attributes.get(0).substring("value=".length()) + ")";
    }
    return name + "(" + String.join(", ", attributes) + ")";
  }

  /** A constant or an annotation value as Java source writes it. */
  static String value(Object value) {
    if (value instanceof String s) {
      return '"' + escape(s) + '"';
    }
    if (value instanceof Character c) {
      return "'" + escape(c.toString()) + "'";
    }
    if (value instanceof Long l) {
      return l + "L";
    }
    if (value instanceof Float f) {
      return f + "f";
    }
    if (value instanceof Class<?> c) {
      return typeName(c) + ".class";
    }
    if (value instanceof Enum<?> e) {
      return className(e.getDeclaringClass()) + "." + e.name();
    }
    if (value instanceof Annotation a) {
      return annotation(a);
    }
    if (value != null && value.getClass().isArray()) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        items.add(value(Array.get(value, i)));
      }
      return "{" + String.join(", ", items) + "}";
    }
    return String.valueOf(value);
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\'' -> out.append("\\'");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.toString();
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    return Arrays.stream(variables).map(v -> {
      List<Type> bounds = Arrays.stream(v.getBounds()).filter(b -> b != Object.class).toList();
      return bounds.isEmpty() ? v.getName()
          : v.getName() + " extends " + bounds.stream().map(ApiDump::typeName).collect(Collectors.joining(" & "));
    }).collect(Collectors.joining(", ", "<", ">"));
  }

  /** A type as source writes it, generics included; nested classes by binary name ({@code Outer$Inner}). */
  static String typeName(Type type) {
    if (type instanceof Class<?> c) {
      return c.isArray() ? typeName(c.getComponentType()) + "[]" : className(c);
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      String name = p.getOwnerType() instanceof ParameterizedType owner
          ? typeName(owner) + "$" + raw.getSimpleName() : className(raw);
      return name + Arrays.stream(p.getActualTypeArguments()).map(ApiDump::typeName)
          .collect(Collectors.joining(", ", "<", ">"));
    }
    if (type instanceof GenericArrayType a) {
      return typeName(a.getGenericComponentType()) + "[]";
    }
    if (type instanceof TypeVariable<?> v) {
      return v.getName();
    }
    if (type instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + typeName(w.getLowerBounds()[0]);
      }
      Type upper = w.getUpperBounds()[0];
      return upper == Object.class ? "?" : "? extends " + typeName(upper);
    }
    throw new IllegalArgumentException("unknown kind of type: " + type);
  }

  private static String className(Class<?> c) {
    if (c.isPrimitive()) {
      return c.getName();
    }
    String pkg = c.getPackageName();
    return pkg.equals("java.lang") || pkg.equals("java.lang.annotation") ? c.getName().substring(pkg.length() + 1) : c.getName();
  }
}
