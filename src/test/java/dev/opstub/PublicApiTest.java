package dev.opstub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.wiremock.OpStubExtensions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The public surface users may depend on, type by type and member by member, is written down in
 * {@code api/opstub.api} and this test holds the compiled classes to it: the types of {@code
 * dev.opstub.junit}, {@code dev.opstub.wiremock}, the beta extension interface {@code
 * dev.opstub.spi} and {@code dev.opstub} itself (found from the class files, so a new public type
 * shows up by itself), never {@code dev.opstub.internal}. A
 * change to that file is a change to a promise: review the diff, record it in CHANGELOG.md with
 * its migration line, then regenerate the file and commit it with the change:
 *
 * <pre>
 * mvn -B -o -q test -Dtest=PublicApiTest -Dopstub.api.write=true
 * </pre>
 *
 * <p>The format is described in {@link ApiDump}.
 */
class PublicApiTest {
  static final String DUMP = "api/opstub.api";
  static final String REGENERATE = "mvn -B -o -q test -Dtest=PublicApiTest -Dopstub.api.write=true";

  @Test
  void theCompiledPublicSurfaceIsTheOneInApiOpstubApi() {
    Path classes = classesDirectory();
    compare(classes.getParent().getParent().resolve(DUMP), publicSurface(classes), Boolean.getBoolean("opstub.api.write"));
  }

  @Test
  void noPublicSignatureNamesAnInternalType() {
    String dump = publicSurface(classesDirectory());

    assertThat(dump).contains("public final class dev.opstub.junit.OpStubServer ",
        "public final class dev.opstub.wiremock.OpStubExtensions ", "public final class dev.opstub.Validate ",
        "public record dev.opstub.spi.Request(", "public enum dev.opstub.spi.Phase ");
    assertThat(dump.lines().filter(line -> line.contains("dev.opstub.internal.")))
        .as("a user could not name these types, and they may change in any release").isEmpty();
  }

  /**
   * A dialect jar on the standalone jar's class path sees the pack's libraries only relocated
   * ({@code dev.opstub.shaded...}), so an spi signature naming Jackson (or any library) could not be
   * implemented there: the spi speaks the JDK and itself.
   */
  @Test
  void noSpiSignatureNamesALibraryType() {
    List<String> named = new ArrayList<>();
    boolean inSpi = false;
    for (String line : publicSurface(classesDirectory()).lines().toList()) {
      if (!line.startsWith(" ")) {
        inSpi = line.contains(" dev.opstub.spi.");
      }
      java.util.regex.Matcher qualified = QUALIFIED.matcher(line);
      while (inSpi && qualified.find()) {
        if (!qualified.group().startsWith("java.") && !qualified.group().startsWith("dev.opstub.spi.")) {
          named.add(qualified.group() + " in: " + line.strip());
        }
      }
    }

    assertThat(named).isEmpty();
  }

  private static final java.util.regex.Pattern QUALIFIED =
      java.util.regex.Pattern.compile("\\b[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*\\.[A-Z][\\w$]*");

  @Test
  void aTypeIsRenderedWithGenericsConstantsDefaultsAndNoSyntheticMembers() {
    assertThat(ApiDump.render(List.of(Sample.class, Sample.Kind.class, Sample.Marker.class, Sample.Pair.class, Child.class)))
        .isEqualTo("""
            @Deprecated(since="9")
            public static abstract class dev.opstub.PublicApiTest$Sample<T extends Comparable<? super T>> implements java.util.function.Supplier<java.util.List<T>> {
              public static final String NAME = "a \\"quoted\\" name"
              public static final long SIZE = 3L
              public java.util.Map<String, T[]> table
              protected dev.opstub.PublicApiTest$Sample(int...)
              public abstract void accept(T) throws java.io.IOException
              public java.util.List<T> get()
              public static <K, V extends Number> java.util.Map<K, ? extends V> index(java.util.Map<K, V>)
              @Deprecated(forRemoval=true) protected T last()
            }

            public enum dev.opstub.PublicApiTest$Sample$Kind {
              ONE
              @Deprecated TWO
              public static dev.opstub.PublicApiTest$Sample$Kind valueOf(String)
              public static dev.opstub.PublicApiTest$Sample$Kind[] values()
            }

            @Retention(RetentionPolicy.RUNTIME)
            @Target({ElementType.TYPE, ElementType.METHOD})
            public @interface dev.opstub.PublicApiTest$Sample$Marker {
              dev.opstub.PublicApiTest$Sample$Kind kind() default dev.opstub.PublicApiTest$Sample$Kind.ONE
              String[] tags() default {"a", "b"}
              String value()
            }

            public record dev.opstub.PublicApiTest$Sample$Pair(String left, java.util.List<Integer> right) {
              public dev.opstub.PublicApiTest$Sample$Pair(String, java.util.List<Integer>)
              public final boolean equals(Object)
              public final int hashCode()
              public String left()
              public java.util.List<Integer> right()
              public final String toString()
            }

            public static final class dev.opstub.PublicApiTest$Child extends dev.opstub.PublicApiTest$Base {
              public dev.opstub.PublicApiTest$Child()
              public void inherited()
              public void own()
            }
            """);
  }

  @Test
  void aChangedSurfaceFailsWithTheLinesThatChangedAndHowToRecordIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("opstub.api");
    Files.writeString(file, "public final class a.B {\n  public void kept()\n  public void removed()\n}\n\n"
        + "public final class a.C {\n  public void same()\n}\n");
    String now = "public final class a.B {\n  public void added(int)\n  public void kept()\n}\n\n"
        + "public final class a.C {\n  public void same()\n}\n";

    assertThatThrownBy(() -> compare(file, now, false))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("""
              public final class a.B {
            +   public void added(int)
            -   public void removed()
            """)
        .hasMessageNotContaining("same()")
        .hasMessageContaining("CHANGELOG.md")
        .hasMessageContaining(REGENERATE);
  }

  @Test
  void theWriteFlagRewritesTheDumpInsteadOfFailing(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("api/opstub.api");

    compare(file, "public final class a.B {\n}\n", true);

    assertThat(file).hasContent("public final class a.B {\n}\n");
    compare(file, "public final class a.B {\n}\n", false);
  }

  static String publicSurface(Path classes) {
    return ApiDump.render(ApiDump.publicTypes(classes, "dev/opstub",
        List.of("dev/opstub/internal/", "dev/opstub/pack/"), PublicApiTest.class.getClassLoader()));
  }

  private static Path classesDirectory() {
    try {
      return Path.of(OpStubExtensions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code actual} to {@code file} when asked to, else fails unless the file holds it. */
  static void compare(Path file, String actual, boolean write) {
    try {
      if (write) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual);
        return;
      }
      String expected = Files.exists(file) ? Files.readString(file).replace("\r\n", "\n") : "";
      if (!expected.equals(actual)) {
        throw new AssertionFailedError("The public API is not the one in " + DUMP + " ("
            + (expected.isEmpty() ? "missing" : "- in the file, + in the code") + "):\n\n"
            + diff(expected, actual)
            + "\nIf the change is meant: review it, add it to CHANGELOG.md with a migration line, regenerate the"
            + " file and commit it with the change:\n  " + REGENERATE + "\n", expected, actual);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The lines only in {@code before} ({@code -}) or only in {@code after} ({@code +}), each run
   * under the header line of the type it belongs to.
   */
  static String diff(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<String[]> changes = new ArrayList<>(); // {header, line}
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
        changes.add(new String[] {header(a, i), "- " + a.get(i++)});
      } else {
        changes.add(new String[] {header(b, j), "+ " + b.get(j++)});
      }
    }
    StringBuilder out = new StringBuilder();
    String shown = null;
    for (String[] change : changes) {
      if (change[1].substring(2).equals(change[0])) {
        shown = change[0]; // a header that changed is its own context
      } else if (!change[0].equals(shown)) {
        out.append("  ").append(change[0]).append('\n');
        shown = change[0];
      }
      out.append(change[1].stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** The header (the line ending in an opening brace) of the block, between blank lines, that holds line {@code at}. */
  private static String header(List<String> lines, int at) {
    int start = at;
    while (start > 0 && !lines.get(start - 1).isEmpty()) {
      start--;
    }
    for (int k = start; k < lines.size() && !lines.get(k).isEmpty(); k++) {
      if (lines.get(k).endsWith("{")) {
        return lines.get(k);
      }
    }
    return "";
  }

  /** A type with one of each thing the dump renders, and things it must leave out. */
  @Deprecated(since = "9")
  public abstract static class Sample<T extends Comparable<? super T>> implements Supplier<List<T>> {
    public static final String NAME = "a \"quoted\" name";
    public static final long SIZE = 3;
    public Map<String, T[]> table;
    private final Runnable lambda = () -> { };
    int packagePrivate;

    protected Sample(int... sizes) {}

    public abstract void accept(T item) throws IOException;

    public static <K, V extends Number> Map<K, ? extends V> index(Map<K, V> values) {
      return values;
    }

    @Deprecated(forRemoval = true)
    protected T last() {
      return null;
    }

    @Override
    public List<T> get() {
      lambda.run();
      return List.of();
    }

    private void hidden() {}

    public enum Kind {
      ONE,
      @Deprecated TWO { }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Marker {
      String value();

      Kind kind() default Kind.ONE;

      String[] tags() default {"a", "b"};
    }

    public record Pair(String left, List<Integer> right) {}
  }

  /** A package-private class whose public methods its public subclass passes on to users. */
  static class Base {
    public void inherited() {}

    public void own() {}
  }

  public static final class Child extends Base {
    @Override
    public void own() {}
  }
}
