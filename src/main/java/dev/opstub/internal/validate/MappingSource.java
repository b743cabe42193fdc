package dev.opstub.internal.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where a mapping set lives: a root folder holding {@code mappings/} and {@code __files/} (what
 * WireMock's {@code --root-dir} takes), or a folder inside a jar, such as the {@code opstub/}
 * prefix of the pack's {@code -mappings.jar} (what {@code --load-resources-from-classpath} takes).
 *
 * <pre>{@code
 * MappingSource.folder(Path.of("."));
 * MappingSource.jar(Path.of("opstub-0.1.0-mappings.jar"), "opstub");
 * MappingSource.classpath("opstub");            // the first classpath entry holding opstub/mappings
 * MappingSource.parse("team-b.jar!/team-b");    // the command line's forms
 * }</pre>
 */
public final class MappingSource {
  private final Path folder;
  private final Path jar;
  private final String prefix;

  private MappingSource(Path folder, Path jar, String prefix) {
    this.folder = folder;
    this.jar = jar;
    this.prefix = prefix;
  }

  /** A root folder with {@code mappings/} and {@code __files/}. */
  public static MappingSource folder(Path root) {
    return new MappingSource(Objects.requireNonNull(root, "root"), null, null);
  }

  /**
   * The folder {@code prefix} inside a jar (or zip), holding {@code mappings/} and {@code
   * __files/}; an empty prefix is the jar's top level.
   */
  public static MappingSource jar(Path jar, String prefix) {
    return new MappingSource(null, Objects.requireNonNull(jar, "jar"), trimSlashes(prefix));
  }

  /** The first entry of the context class loader's classpath that holds {@code <prefix>/mappings}. */
  public static MappingSource classpath(String prefix) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return classpath(prefix, loader != null ? loader : MappingSource.class.getClassLoader());
  }

  /**
   * The first entry of {@code loader}'s classpath that holds {@code <prefix>/mappings}, as
   * WireMock's {@code usingFilesUnderClasspath(prefix)} would find it.
   *
   * @throws IllegalArgumentException when no entry holds it
   */
  public static MappingSource classpath(String prefix, ClassLoader loader) {
    String root = trimSlashes(prefix);
    URL url = loader.getResource(root.isEmpty() ? "mappings" : root + "/mappings");
    if (url == null) {
      throw new IllegalArgumentException("nothing on the classpath holds " + (root.isEmpty() ? "" : root + "/")
          + "mappings/");
    }
    try {
      if (url.getProtocol().equals("file")) {
        return folder(Path.of(url.toURI()).getParent());
      }
      if (url.getProtocol().equals("jar")) {
        String spec = url.toString().substring("jar:".length());
        int bang = spec.indexOf("!/");
        return jar(Path.of(new URI(spec.substring(0, bang))), root);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot read " + url + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("cannot read " + url + ": only folders and jars are supported");
  }

  /**
   * Reads the command line's forms: {@code <folder>}, {@code <file.jar>} (every folder holding
   * {@code mappings/} in it), {@code <file.jar>!/<prefix>} and {@code classpath:<prefix>}.
   *
   * @throws IllegalArgumentException saying what is missing
   */
  public static List<MappingSource> parse(String argument) {
    if (argument.startsWith("classpath:")) {
      return List.of(classpath(argument.substring("classpath:".length())));
    }
    int bang = argument.indexOf("!/");
    if (bang >= 0) {
      Path jar = Path.of(argument.substring(0, bang));
      requireFile(jar);
      return List.of(jar(jar, argument.substring(bang + 2)));
    }
    Path path = Path.of(argument);
    if (Files.isDirectory(path)) {
      return List.of(folder(path));
    }
    requireFile(path);
    List<MappingSource> found = new ArrayList<>();
    try (FileSystem zip = FileSystems.newFileSystem(path)) {
      Path top = zip.getPath("/");
      try (Stream<Path> dirs = Files.walk(top, 4)) {
        dirs.filter(p -> p.getFileName() != null && p.getFileName().toString().replace("/", "").equals("mappings")
                && Files.isDirectory(p))
            .map(p -> top.relativize(p.getParent()).toString())
            .sorted()
            .forEach(prefix -> found.add(jar(path, prefix)));
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(argument + " is neither a folder nor a jar: " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(argument + " holds no mappings/ folder");
    }
    return found;
  }

  private static void requireFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(path + " does not exist");
    }
  }

  private static String trimSlashes(String prefix) {
    String p = prefix == null ? "" : prefix.replace('\\', '/');
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** The source as messages name it: the folder, or {@code <jar>!/<prefix>}. */
  @Override
  public String toString() {
    return folder != null ? folder.toString() : jar + "!/" + prefix;
  }

  /** Opens the source for reading; close it afterwards (a jar is opened as a zip file system). */
  Opened open() {
    if (folder != null) {
      return new Opened(folder, null, "");
    }
    try {
      FileSystem zip = FileSystems.newFileSystem(jar);
      Path root = prefix.isEmpty() ? zip.getPath("/") : zip.getPath("/" + prefix);
      return new Opened(root, zip, jar + "!/" + (prefix.isEmpty() ? "" : prefix + "/"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + jar + " as a jar: " + e.getMessage(), e);
    }
  }

  /** An open source: its root, and how its files are named in problems. */
  static final class Opened implements AutoCloseable {
    final Path root;
    private final FileSystem zip;
    private final String jarPrefix;

    Opened(Path root, FileSystem zip, String jarPrefix) {
      this.root = root;
      this.zip = zip;
      this.jarPrefix = jarPrefix;
    }

    /** How a problem names {@code file}, a path under {@link #root}. */
    String name(Path file) {
      if (zip == null) {
        return file.toString();
      }
      return jarPrefix + root.relativize(file).toString().replace('\\', '/');
    }

    @Override
    public void close() {
      if (zip != null) {
        try {
          zip.close();
        } catch (IOException ignored) {
          // read-only: nothing to lose
        }
      }
    }
  }
}
