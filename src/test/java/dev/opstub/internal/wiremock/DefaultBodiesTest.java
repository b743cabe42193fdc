package dev.opstub.internal.wiremock;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.tomakehurst.wiremock.common.SingleRootFileSource;
import com.github.tomakehurst.wiremock.extension.responsetemplating.TemplateEngine;
import com.github.tomakehurst.wiremock.store.files.FileSourceBlobStore;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.face.FaceOperations;
import dev.opstub.internal.http.Xml;
import dev.opstub.internal.media.MediaOperations;
import dev.opstub.spi.BodyWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default bodies are written without Handlebars while the template is the shipped file: the
 * writers must give exactly Handlebars' bytes for any model, and any other template (another name,
 * or the shipped file edited) must still be rendered by Handlebars.
 */
class DefaultBodiesTest {
  private static final long SEED = 20261213L;
  private static final String[] PIECES = {"<", ">", "&", "\"", "'", "\\", "/", "{{", "}}", "\t", "\n", "\r", "\b",
      "\f", "\u0000", "\u0001", "\u001f", "\u007f", "\u00e9", "\u2028", "\ud83d\ude00", "\udbff", " ", "a", "Z", "0",
      "%", "null", ""};
  private static final List<String> FACE_KEYS = List.of("status", "createdTime", "lastActionTime", "finishedTime",
      "resourceLocation", "message");
  private static final List<String> MEDIA_KEYS = List.of("id", "state", "targetEntityId", "errorCode", "errorMessage",
      "metadataUrl", "entityUrl", "editLink", "apiBase", "updated");

  private final TemplateEngine engine = TemplateEngine.defaultTemplateEngine();

  @Test
  void everyWriterWritesWhatHandlebarsRendersFromTheShippedTemplate() {
    Map<String, BodyWriter> writers = writers();
    assertThat(writers).containsOnlyKeys(FaceOperations.STATUS_TEMPLATE, MediaOperations.JSON_LIGHT_TEMPLATE,
        MediaOperations.VERBOSE_TEMPLATE, MediaOperations.NO_METADATA_TEMPLATE, MediaOperations.ATOM_TEMPLATE);
    Random random = new Random(SEED);
    for (int round = 0; round < 400; round++) {
      for (Map.Entry<String, BodyWriter> writer : writers.entrySet()) {
        Map<String, Object> operation = model(random, writer.getKey().startsWith("opstub/face/") ? FACE_KEYS : MEDIA_KEYS);
        Map<String, Object> context = new HashMap<>();
        context.put("operation", operation);
        String expected = engine.getUncachedTemplate(shipped(writer.getKey())).apply(context);
        assertThat(writer.getValue().write(operation)).as("%s with %s", writer.getKey(), operation).isEqualTo(expected);
      }
    }
  }

  @Test
  void theShippedTemplateUnderItsOwnNameIsWrittenDirectly(@TempDir Path root) throws IOException {
    BodyTemplates templates = templates(root, marker());
    write(root, FaceOperations.STATUS_TEMPLATE, shipped(FaceOperations.STATUS_TEMPLATE));
    assertThat(templates.render(null, null, FaceOperations.STATUS_TEMPLATE, face())).isEqualTo("direct");
    assertThat(templates.render(null, FaceOperations.STATUS_TEMPLATE, FaceOperations.STATUS_TEMPLATE, face()))
        .isEqualTo("direct");
  }

  @Test
  void withoutTheFileTheBundledCopyIsWrittenDirectly(@TempDir Path root) {
    assertThat(templates(root, marker()).render(null, null, FaceOperations.STATUS_TEMPLATE, face())).isEqualTo("direct");
  }

  @Test
  void anEditedShippedFileGoesThroughHandlebars(@TempDir Path root) throws IOException {
    write(root, FaceOperations.STATUS_TEMPLATE, shipped(FaceOperations.STATUS_TEMPLATE).replace("\"status\"", "\"state\""));
    String body = templates(root, marker()).render(null, null, FaceOperations.STATUS_TEMPLATE, face());
    assertThat(body).startsWith("{\n  \"state\": \"running\"");
  }

  @Test
  void theShippedTextUnderAnotherNameGoesThroughHandlebars(@TempDir Path root) throws IOException {
    write(root, "team/status.json", shipped(FaceOperations.STATUS_TEMPLATE));
    String body = templates(root, marker()).render(null, "team/status.json", FaceOperations.STATUS_TEMPLATE, face());
    assertThat(body).startsWith("{\n  \"status\": \"running\"");
  }

  @Test
  void aBodyFileNameStaysInsideFiles() {
    for (String inside : List.of("a.json", "opstub/face/operation-status.json", "x..y/a.json", "a/..b", "..a/b", "a/b..")) {
      assertThat(BodyTemplates.isInsideFiles(inside)).as(inside).isTrue();
    }
    for (String outside : List.of("..", "../a.json", "a/../../b", "a/..", "a\\..\\b", "/etc/passwd", "C:\\x", "a%2e%2e/b")) {
      assertThat(BodyTemplates.isInsideFiles(outside)).as(outside).isFalse();
    }
  }

  private static Map<String, BodyWriter> writers() {
    Map<String, BodyWriter> writers = new HashMap<>();
    Apis.builtIn().all().forEach(api -> writers.putAll(api.defaultBodies()));
    return writers;
  }

  /** Writers that say they were used, so a test sees which path rendered. */
  private static Map<String, BodyWriter> marker() {
    Map<String, BodyWriter> writers = new HashMap<>();
    writers().keySet().forEach(name -> writers.put(name, operation -> "direct"));
    return writers;
  }

  private BodyTemplates templates(Path root, Map<String, BodyWriter> writers) {
    return new BodyTemplates(engine, new FileSourceBlobStore(new SingleRootFileSource(root.toFile())), writers,
        Ticker.systemTicker());
  }

  private static Map<String, Object> face() {
    Map<String, Object> operation = new LinkedHashMap<>();
    operation.put("status", "running");
    operation.put("createdTime", "2026-12-13T10:00:00.0000000Z");
    operation.put("lastActionTime", "2026-12-13T10:00:00.0000000Z");
    return operation;
  }

  private static void write(Path root, String name, String text) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static String shipped(String name) {
    try {
      return Files.readString(Path.of("__files", name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Random text, sometimes null or empty, for every key; Media's {@code xml} escapes them as the model does. */
  private static Map<String, Object> model(Random random, List<String> keys) {
    Map<String, Object> operation = new LinkedHashMap<>();
    for (String key : keys) {
      int kind = random.nextInt(6);
      operation.put(key, kind == 0 ? null : kind == 1 ? "" : text(random));
    }
    if (keys == MEDIA_KEYS) {
      Map<String, Object> xml = new LinkedHashMap<>();
      operation.forEach((key, value) -> xml.put(key, value == null ? null : Xml.escape((String) value)));
      operation.put("xml", xml);
    }
    return operation;
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(6); i >= 0; i--) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }
}
