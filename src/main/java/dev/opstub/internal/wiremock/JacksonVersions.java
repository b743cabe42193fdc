package dev.opstub.internal.wiremock;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.Version;

/**
 * Says why, before WireMock and the pack fail on it: a jackson-databind with an older
 * jackson-core or jackson-annotations beside it (another library's, which Maven chose because it
 * came first at the same depth) breaks every server with a {@code NoSuchMethodError} such as
 * {@code JsonProperty.isRequired()}, which names no version and no fix.
 *
 * <pre>{@code
 * JacksonVersions.problem("2.20.1", "2.20.1", "2.18.4"); // "OpStub runs on jackson-databind 2.20.1, ..."
 * JacksonVersions.check(); // throws IllegalStateException with that text when the classpath mixes them
 * }</pre>
 */
public final class JacksonVersions {
  private JacksonVersions() {}

  /** Throws {@link IllegalStateException} naming the versions and the fix when the classpath mixes Jackson versions. */
  public static void check() {
    if (Classpath.PROBLEM != null) {
      throw new IllegalStateException(Classpath.PROBLEM);
    }
  }

  /** The classpath's verdict, read once: it does not change while the JVM runs (each test asks). */
  private static final class Classpath {
    static final String PROBLEM = read();

    private static String read() {
      // The annotations jar has no PackageVersion; its manifest says. In the standalone jar the manifest
      // is OpStub's own, and the Jackson shaded into it is one build's: nothing to check.
      Package annotations = JsonProperty.class.getPackage();
      return problem(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(),
          com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString(),
          "Jackson-annotations".equalsIgnoreCase(annotations.getImplementationTitle())
              ? annotations.getImplementationVersion() : null);
    }
  }

  /**
   * What is wrong with these versions (jackson-databind needs jackson-core and jackson-annotations
   * of at least its own minor version), or {@code null}; an unknown version ({@code null}) is not checked.
   */
  static String problem(String databind, String core, String annotations) {
    Version needed = version(databind);
    if (needed == null) {
      return null;
    }
    StringBuilder older = new StringBuilder();
    for (String[] jar : new String[][] {{"jackson-core", core}, {"jackson-annotations", annotations}}) {
      Version found = version(jar[1]);
      if (found != null && (found.getMajorVersion() != needed.getMajorVersion()
          || found.getMinorVersion() < needed.getMinorVersion())) {
        older.append(older.length() == 0 ? "" : " and ").append(jar[0]).append(' ').append(jar[1]);
      }
    }
    if (older.length() == 0) {
      return null;
    }
    String bom = needed.getMajorVersion() + "." + needed.getMinorVersion() + "." + needed.getPatchLevel();
    return "OpStub runs on jackson-databind " + databind + ", but the classpath has " + older + " (your pom "
        + "names them, or a library listed before OpStub brings them: Maven keeps the nearest version and, at equal "
        + "depth, the first); Jackson would fail with NoSuchMethodError in every test. Fix: import com.fasterxml.jackson:"
        + "jackson-bom:" + bom + " (type pom, scope import) in your pom's <dependencyManagement>, or declare "
        + "jackson-core and jackson-annotations " + needed.getMajorVersion() + "." + needed.getMinorVersion()
        + " or newer as dependencies of your own.";
  }

  private static Version version(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split("[.-]");
    try {
      return new Version(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0,
          parts.length > 2 && parts[2].matches("\\d+") ? Integer.parseInt(parts[2]) : 0, null, null, null);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
