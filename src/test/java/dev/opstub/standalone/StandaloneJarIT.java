package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The one jar users add to the stock {@code wiremock-standalone} jar: what the README's classpath
 * folder holds, what the jar holds, and that everything it refers to is there when it runs on the
 * stock jar. The servers the other ITs start prove the paths they take; this proves every class.
 */
class StandaloneJarIT {
  private static final String SHADED = "dev/opstub/shaded/";

  @Test
  void theReadmesClasspathFolderHoldsExactlyTheStockJarAndTheOneOpStubJar() throws IOException {
    Path jar = StandaloneServer.standaloneJar();
    List<String> files;
    try (Stream<Path> listing = Files.list(StandaloneServer.standaloneDir())) {
      files = listing.map(path -> path.getFileName().toString()).sorted().toList();
    }

    assertThat(files).containsExactly(jar.getFileName().toString(), StandaloneServer.wireMockJar().getFileName().toString());
    assertThat(Files.mismatch(jar, StandaloneServer.standaloneDir().resolve(jar.getFileName()))).isEqualTo(-1L);
  }

  @Test
  void everyLibraryIsRelocatedUnderDevOpstubShadedAndWireMockIsLeftToTheStockJar() throws IOException {
    List<String> classes = entries(StandaloneServer.standaloneJar()).stream().filter(name -> name.endsWith(".class")).toList();

    assertThat(classes).allMatch(name -> name.startsWith("dev/opstub/"), "under dev/opstub/")
        .contains("dev/opstub/wiremock/OpStubExtensions.class", "dev/opstub/Validate.class",
            "dev/opstub/shaded/com/fasterxml/jackson/databind/ObjectMapper.class",
            "dev/opstub/shaded/com/github/benmanes/caffeine/cache/Caffeine.class");
    // WireMock and the libraries only WireMock uses come from the stock jar, not from this one.
    assertThat(classes).noneMatch(name -> name.startsWith("dev/opstub/shaded/com/github/tomakehurst/")
        || name.startsWith("dev/opstub/shaded/org/wiremock/") || name.startsWith("dev/opstub/shaded/org/eclipse/jetty/")
        || name.startsWith("dev/opstub/shaded/com/google/common/") || name.startsWith("dev/opstub/shaded/com/github/jknack/"));
  }

  @Test
  void itRegistersThePackWithWireMocksServiceLoader() throws IOException {
    try (ZipFile jar = new ZipFile(StandaloneServer.standaloneJar().toFile())) {
      ZipEntry services = jar.getEntry("META-INF/services/com.github.tomakehurst.wiremock.extension.ExtensionFactory");
      assertThat(services).isNotNull();
      try (InputStream in = jar.getInputStream(services)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo("dev.opstub.wiremock.OpStubExtensions");
      }
    }
  }

  /**
   * Every class the jar refers to is in it, in the stock jar or in the JDK, and every field and
   * method of WireMock it uses is in the stock jar with the same descriptor: a relocated type in
   * a call across WireMock's API (design.md, "The standalone trap") would show here as a missing
   * method, without waiting for a request to reach that call. On the newest and the oldest
   * WireMock the README claims.
   */
  @Test
  void everythingTheJarRefersToIsThereOnTheStockJar() throws IOException {
    assertThat(unresolved(StandaloneServer.standaloneJar(), StandaloneServer.wireMockJar())).isEmpty();
    assertThat(unresolved(StandaloneServer.standaloneJar(), StandaloneServer.oldestWireMockJar())).isEmpty();
  }

  static List<String> unresolved(Path opstubJar, Path wireMockJar) throws IOException {
    try (ZipFile ours = new ZipFile(opstubJar.toFile()); ZipFile stock = new ZipFile(wireMockJar.toFile())) {
      Classes classes = new Classes(ours, stock);
      List<String> problems = new ArrayList<>();
      for (ZipEntry entry : Collections.list(ours.entries())) {
        if (!entry.getName().endsWith(".class")) {
          continue;
        }
        ClassFile file = classes.get(entry.getName().substring(0, entry.getName().length() - ".class".length()));
        for (String ref : file.classRefs()) {
          if (classes.get(ref) == null && missed(file.name(), ref)) {
            problems.add(file.name() + " -> class " + ref + ": in neither jar nor the JDK"
                + (file.name().startsWith(SHADED) ? ", though the build has it (excluded from the shade plugin's artifactSet?)" : ""));
          }
        }
        for (ClassFile.MemberRef ref : file.memberRefs()) {
          if (stock.getEntry(ref.owner() + ".class") != null && !classes.declares(ref.owner(), ref.name() + ref.descriptor())) {
            problems.add(file.name() + " -> " + ref + ": not in " + wireMockJar.getFileName());
          }
        }
      }
      return problems;
    }
  }

  /**
   * Whether a class neither jar nor the JDK has is one the jar should have had. The pack's own
   * classes need everything they name, except what dev.opstub.junit (and its listener in
   * dev.opstub.internal.junit) compiles against in provided
   * scope (JUnit, AssertJ: a test run brings them). A library's class may name the libraries of
   * its optional features (Jedis: resilience4j; commons-pool2: cglib), which Maven does not bring
   * either; it misses one only if the build has it, i.e. the shade plugin left it out.
   */
  private static boolean missed(String from, String ref) {
    if (!from.startsWith(SHADED)) {
      boolean ranByJUnit = from.startsWith("dev/opstub/junit/") || from.startsWith("dev/opstub/internal/junit/");
      return !(ranByJUnit
          && (ref.startsWith("org/junit/") || ref.startsWith("org/assertj/") || ref.startsWith("org/opentest4j/")));
    }
    String original = ref.startsWith(SHADED) ? ref.substring(SHADED.length()) : ref;
    return StandaloneJarIT.class.getClassLoader().getResource(original + ".class") != null;
  }

  private static List<String> entries(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
    }
  }

  /** Classes by internal name from the OpStub jar, the stock jar, then the JDK; null when none has it. */
  private static final class Classes {
    private final ZipFile ours;
    private final ZipFile stock;
    private final Map<String, ClassFile> read = new HashMap<>();

    Classes(ZipFile ours, ZipFile stock) {
      this.ours = ours;
      this.stock = stock;
    }

    ClassFile get(String name) {
      if (!read.containsKey(name)) {
        read.put(name, load(name));
      }
      return read.get(name);
    }

    /** Whether {@code owner} or one of its supertypes declares {@code member} (name and descriptor). */
    boolean declares(String owner, String member) {
      ClassFile file = get(owner);
      if (file == null) {
        return false;
      }
      if (file.members().contains(member)) {
        return true;
      }
      if (file.superName() != null && declares(file.superName(), member)) {
        return true;
      }
      return file.interfaces().stream().anyMatch(type -> declares(type, member));
    }

    private ClassFile load(String name) {
      String path = name + ".class";
      try {
        for (ZipFile jar : List.of(ours, stock)) {
          ZipEntry entry = jar.getEntry(path);
          if (entry != null) {
            try (InputStream in = jar.getInputStream(entry)) {
              return ClassFile.parse(in.readAllBytes());
            }
          }
        }
        try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(path)) {
          return in == null ? null : ClassFile.parse(in.readAllBytes());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
