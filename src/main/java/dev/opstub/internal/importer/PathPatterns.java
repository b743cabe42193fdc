package dev.opstub.internal.importer;

import dev.opstub.internal.openapi.SpecOperation;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Path templates of a spec as WireMock {@code urlPathPattern}s, and names for files. */
final class PathPatterns {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
  private static final String META = "\\.[]{}()*+?^$|";

  private PathPatterns() {}

  /**
   * The operation's path as a regular expression: literal text escaped, a placeholder one or more
   * characters other than {@code /} (and other than {@code :} when {@code :action} follows), a
   * placeholder declared {@code x-ms-skip-url-encoding} anything; ARM paths case-insensitive.
   *
   * @param literalLast a value the last placeholder must have (a well-known input), or {@code null}
   */
  static String of(SpecOperation operation, boolean arm, String literalLast) {
    String path = operation.path();
    Matcher m = PLACEHOLDER.matcher(path);
    int lastStart = -1;
    while (m.find()) {
      lastStart = m.start();
    }
    StringBuilder regex = new StringBuilder(arm ? "(?i)" : "");
    m.reset();
    int at = 0;
    while (m.find()) {
      regex.append(escape(path.substring(at, m.start())));
      boolean whole = operation.wholeSegments().contains(m.group(1));
      if (literalLast != null && m.start() == lastStart) {
        regex.append(whole ? "(.+/)?" : "").append(escape(literalLast));
      } else if (whole) {
        regex.append(".+");
      } else {
        regex.append(m.end() < path.length() && path.charAt(m.end()) == ':' ? "[^/:]+" : "[^/]+");
      }
      at = m.end();
    }
    return regex.append(escape(path.substring(at))).toString();
  }

  /** A monitor path template (placeholders and {@code {id}}) as a regular expression, with {@code :cancel}. */
  static String monitor(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    while (m.find()) {
      regex.append(escape(template.substring(at, m.start()))).append("[^/]+");
      at = m.end();
    }
    return regex.append(escape(template.substring(at))).append("(:cancel)?").toString();
  }

  static String escape(String literal) {
    StringBuilder out = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if (META.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** {@code DocumentModels_AnalyzeDocument}: {@code document-models-analyze-document}. */
  static String kebab(String name) {
    String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2");
    String kebab = spaced.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return kebab.isEmpty() ? "operation" : kebab;
  }
}
