package dev.opstub.internal.wiremock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.tomakehurst.wiremock.extension.responsetemplating.HandlebarsOptimizedTemplate;
import com.github.tomakehurst.wiremock.extension.responsetemplating.TemplateEngine;
import com.github.tomakehurst.wiremock.store.BlobStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.opstub.spi.BodyWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders success bodies with WireMock's response templating (Handlebars and WireMock's helpers).
 *
 * <p>Which template: the mapping's {@code bodyFileName} (under {@code __files}) if it has one;
 * else the default template's path under {@code __files} (e.g. {@code
 * opstub/media/operation.json}) if that file exists, so a team reshapes a body by editing it; else
 * the pack's own copy of the shipped template (bundled in the jar from {@code __files/opstub/}),
 * so in-process servers with no {@code __files} answer the same as the standalone server.
 *
 * <p>How: while the template in use is a default template under its own name with exactly the
 * shipped text, its API's {@link BodyWriter} writes the body (the same bytes, no template engine);
 * any other template (another name, or the shipped file edited) goes through Handlebars.
 */
final class BodyTemplates {
  /** Where the build puts the shipped {@code __files/opstub/} templates on the classpath. */
  static final String BUNDLED_ROOT = "dev/opstub/pack/__files/";

  private static final Map<String, String> BUNDLED = new ConcurrentHashMap<>();

  private final TemplateEngine engine;
  private final BlobStore files;
  private final Map<String, BodyWriter> writers;
  // Per template text: the default template it is the shipped text of, if any (compared once per text).
  private final Cache<String, Optional<String>> shippedAs = Caffeine.newBuilder().maximumSize(1_000).build();
  private final Cache<String, HandlebarsOptimizedTemplate> compiled = Caffeine.newBuilder().maximumSize(1_000).build();
  // Template files are read at most once a second, so an edited file shows within a second.
  private final Cache<String, Optional<String>> sources;

  /**
   * @param writers direct writers of the default templates, by template path
   * @param ticker the time source of that second (tests pass one they move by hand)
   */
  BodyTemplates(TemplateEngine engine, BlobStore files, Map<String, BodyWriter> writers, Ticker ticker) {
    this.engine = engine;
    this.files = files;
    this.writers = Map.copyOf(writers);
    this.sources = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(Duration.ofSeconds(1)).ticker(ticker).build();
  }

  /**
   * @param bodyFileName the mapping's template under {@code __files}, or {@code null}
   * @param defaultTemplate the pack's template for this kind of body
   * @param operation the values the API package gives the template, under {@code operation}
   * @throws MappingException when the mapping names a template that does not exist
   */
  String render(ServeEvent serveEvent, String bodyFileName, String defaultTemplate, Map<String, Object> operation) {
    String source = bodyFileName != null ? fromFiles(bodyFileName)
        : fromFilesIfPresent(defaultTemplate).orElseGet(() -> bundled(defaultTemplate));
    String name = bodyFileName != null ? bodyFileName : defaultTemplate;
    if (name.equals(shippedAs.get(source, this::shippedName).orElse(null))) {
      return writers.get(name).write(operation);
    }
    HandlebarsOptimizedTemplate template;
    try {
      // Keyed by the text itself: an edited file is a new template, an unchanged one stays compiled.
      // Our own cache, because WireMock empties its template cache whenever a stub is removed.
      template = compiled.get(source, engine::getUncachedTemplate);
    } catch (RuntimeException e) {
      throw new MappingException("template \"" + (bodyFileName != null ? bodyFileName : defaultTemplate)
          + "\" does not compile: " + rootMessage(e));
    }
    Map<String, Object> model = source.contains("request") || source.contains("parameters")
        ? requestModel(serveEvent) : new HashMap<>();
    model.put("operation", operation);
    return template.apply(model);
  }

  /**
   * WireMock's model of the request, for a template that reads it. Built only then (it costs a
   * parse of the whole request), and a request WireMock cannot model (a raw '{' in the query) still
   * gets its answer, with {@code request} left out: the poll was served, so its step is used.
   */
  private Map<String, Object> requestModel(ServeEvent serveEvent) {
    try {
      return engine.buildModelForRequest(serveEvent);
    } catch (RuntimeException e) {
      return new HashMap<>();
    }
  }

  /** The default template whose shipped text {@code source} is, if any. */
  private Optional<String> shippedName(String source) {
    return writers.keySet().stream().filter(name -> source.equals(bundled(name))).findFirst();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage()).replaceFirst("^inline@\\w+:", "line:column ");
  }

  private Optional<String> fromFilesIfPresent(String name) {
    return sources.get(name, n -> (files == null ? Optional.<byte[]>empty() : files.get(n))
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8)));
  }

  private String fromFiles(String name) {
    if (!isInsideFiles(name)) {
      throw new MappingException("bodyFileName \"" + name + "\" is not allowed: name a file inside __files "
          + "with a relative path, without '..'");
    }
    Optional<String> text;
    try {
      text = fromFilesIfPresent(name);
    } catch (RuntimeException e) {
      text = Optional.empty();
    }
    return text.orElseThrow(() -> new MappingException(
        "bodyFileName \"" + name + "\" is not in __files; name a template under __files, or leave "
            + "bodyFileName out to use the pack's default body"));
  }

  /** A relative path that stays inside __files (WireMock refuses others too, but with a stack trace). */
  static boolean isInsideFiles(String name) {
    String decoded = name.replace('\\', '/');
    boolean drive = decoded.length() > 1 && decoded.charAt(1) == ':' && Character.isLetter(decoded.charAt(0));
    if (decoded.startsWith("/") || drive || decoded.contains("%")) {
      return false;
    }
    // A ".." segment, found without splitting: every poll with a bodyFileName checks it.
    for (int at = decoded.indexOf(".."); at >= 0; at = decoded.indexOf("..", at + 1)) {
      if ((at == 0 || decoded.charAt(at - 1) == '/') && (at + 2 == decoded.length() || decoded.charAt(at + 2) == '/')) {
        return false;
      }
    }
    return true;
  }

  private static String bundled(String name) {
    return BUNDLED.computeIfAbsent(name, BodyTemplates::readBundled);
  }

  private static String readBundled(String name) {
    try (InputStream in = BodyTemplates.class.getClassLoader().getResourceAsStream(BUNDLED_ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("the pack's jar lacks its template " + BUNDLED_ROOT + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
