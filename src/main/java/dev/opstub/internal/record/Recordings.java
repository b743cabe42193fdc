package dev.opstub.internal.record;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.internal.admin.AdminApi;
import dev.opstub.internal.admin.AdminApi.Refused;
import dev.opstub.internal.admin.AdminApi.Reply;
import dev.opstub.internal.api.Apis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Recording through this server: the admin calls {@code POST /__admin/opstub/recordings/start}
 * and {@code .../stop} (and {@code GET .../recordings}), JSON in and out, free of any server
 * library. While a recording runs, the server proxies every request to the real service (through
 * a {@link Proxy} the WireMock adapter provides) and {@link #capture} keeps each answered request;
 * stop turns them into mappings ({@link Collapser}), drops every secret, and writes them to
 * {@code mappings/<folder>/} under the server's root.
 *
 * <pre>{@code
 * Recordings recordings = new Recordings(Apis.builtIn(), Path.of("mappings"));
 * recordings.start("{\"targetBaseUrl\": \"https://westus.api.cognitive.microsoft.com\"}", proxy);
 * // ... a client runs against this server ...
 * Reply written = recordings.stop("", proxy); // {"files": [...], "mappings": [...], "notes": [...]}
 * }</pre>
 */
public final class Recordings {
  /** The most requests one recording keeps; a longer one says how many it dropped. */
  public static final int MAX_EXCHANGES = 10_000;
  /**
   * Shorter header values are left in the output: they are no real key or token, and scrubbing
   * them would blank out ordinary words (a test's {@code Bearer t} would remove every "t").
   */
  static final int MIN_SECRET_LENGTH = 8;
  static final String REDACTED = "REDACTED";
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern KEY_IN_QUERY = Pattern.compile("(?i)(?:^|&)subscription-key=([^&]*)");

  /** The proxy to the real service, which the WireMock adapter sets up and takes down. */
  public interface Proxy {
    /** Starts proxying every request to {@code targetBaseUrl}; returns what identifies the proxy. */
    Object start(String targetBaseUrl);

    /** Stops the proxy {@link #start} returned. */
    void stop(Object proxy);
  }

  private final Apis apis;
  private final Path mappings;
  private Session session;

  /**
   * @param mappings the server's {@code mappings/} folder, or {@code null} when it has none on disk
   *     (the recording is then only in the stop call's answer)
   */
  public Recordings(Apis apis, Path mappings) {
    this.apis = apis;
    this.mappings = mappings;
  }

  private static final class Session {
    final RecordingOptions options;
    final Object proxy;
    final List<Exchange> exchanges = new ArrayList<>();
    int dropped;

    Session(RecordingOptions options, Object proxy) {
      this.options = options;
      this.proxy = proxy;
    }
  }

  /** {@code POST recordings/start}; see {@link RecordingOptions} for the body. */
  public synchronized Reply start(String body, Proxy proxy) {
    return AdminApi.handle(() -> {
      if (session != null) {
        throw new Refused(409, "a recording of " + session.options.targetBaseUrl() + " is running already; stop it "
            + "with POST /__admin/opstub/recordings/stop");
      }
      RecordingOptions options;
      try {
        options = RecordingOptions.read(object(body));
      } catch (IllegalArgumentException e) {
        throw new Refused(400, e.getMessage());
      }
      long earlier = existingMappings(options.folder());
      if (earlier > 0) {
        throw new Refused(409, "mappings/" + options.folder() + " holds " + earlier + " mapping file(s) already; "
            + "move them away or name another folder with \"folder\", so that a recording never overwrites mappings");
      }
      session = new Session(options, proxy.start(options.targetBaseUrl()));
      return new Reply(200, describe(options).put("recording", true).toString());
    });
  }

  /** {@code POST recordings/stop}: the body must be empty or {@code {}}. */
  public synchronized Reply stop(String body, Proxy proxy) {
    return AdminApi.handle(() -> {
      if (body != null && !body.isBlank() && object(body).size() > 0) {
        throw new Refused(400, "unknown field \"" + object(body).fieldNames().next() + "\"; this route takes no "
            + "fields (send no body)");
      }
      if (session == null) {
        throw new Refused(409, "no recording is running; start one with POST /__admin/opstub/recordings/start "
            + RecordingOptions.EXAMPLE);
      }
      Session stopped = session;
      session = null;
      proxy.stop(stopped.proxy);
      return new Reply(200, written(stopped).toString());
    });
  }

  /** {@code GET recordings}: whether a recording runs, and of what. */
  public synchronized Reply status() {
    ObjectNode out = session == null ? JSON.createObjectNode() : describe(session.options);
    out.put("recording", session != null);
    if (session != null) {
      out.put("exchanges", session.exchanges.size() + session.dropped);
    }
    return new Reply(200, out.toString());
  }

  /** The proxy of the running recording, or {@code null}: the adapter keeps what that proxy served. */
  public synchronized Object proxy() {
    return session == null ? null : session.proxy;
  }

  /** Keeps a request that {@code proxy} passed to the real service, if that proxy's recording still runs. */
  public synchronized void capture(Object proxy, Exchange exchange) {
    if (session == null || !session.proxy.equals(proxy)) {
      return;
    }
    if (session.exchanges.size() < MAX_EXCHANGES) {
      session.exchanges.add(exchange);
    } else {
      session.dropped++;
    }
  }

  private ObjectNode describe(RecordingOptions options) {
    ObjectNode out = JSON.createObjectNode();
    out.put("targetBaseUrl", options.targetBaseUrl());
    out.put("timing", options.timed() ? "time" : "polls");
    out.put("folder", "mappings/" + options.folder());
    ArrayNode secrets = out.putArray("secretHeaders");
    options.secretHeaders().forEach(secrets::add);
    return out;
  }

  private ObjectNode written(Session stopped) {
    Collapser.Result result = new Collapser(apis, stopped.options.timed()).collapse(stopped.exchanges);
    Set<String> secrets = secrets(stopped.exchanges, stopped.options.secretHeaders());
    List<String> notes = new ArrayList<>(result.notes());
    if (stopped.dropped > 0) {
      notes.add(stopped.dropped + " request(s) after the first " + MAX_EXCHANGES + " were passed on but not recorded");
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode files = out.putArray("files");
    ArrayNode mappingsOut = out.putArray("mappings");
    Path folder = mappings == null ? null : mappings.resolve(stopped.options.folder());
    for (Collapser.MappingFile file : result.mappings()) {
      Object clean = scrub(file.mapping(), secrets);
      mappingsOut.add(JSON.valueToTree(clean));
      if (folder != null) {
        try {
          Files.createDirectories(folder);
          Files.writeString(folder.resolve(file.name()), PRETTY.writeValueAsString(clean) + "\n");
          files.add("mappings/" + stopped.options.folder() + "/" + file.name());
        } catch (IOException e) {
          notes.add("could not write " + folder.resolve(file.name()) + " (" + e.getMessage() + "); the mapping is "
              + "in this answer's \"mappings\" (POST {\"mappings\": [...]} to /__admin/mappings/import)");
        }
      }
    }
    if (folder == null && !result.mappings().isEmpty()) {
      notes.add("this server has no mappings folder on disk; the mappings are only in this answer's \"mappings\"");
    }
    ArrayNode notesOut = out.putArray("notes");
    notes.forEach(note -> notesOut.add((String) scrub(note, secrets)));
    out.put("exchanges", result.exchanges() + stopped.dropped);
    out.put("ignored", result.ignored());
    return out;
  }

  /** The values of the secret headers (and a {@code subscription-key} query parameter) the recording saw. */
  static Set<String> secrets(List<Exchange> exchanges, List<String> secretHeaders) {
    Set<String> values = new LinkedHashSet<>();
    for (Exchange exchange : exchanges) {
      for (String name : secretHeaders) {
        for (Map<String, String> headers : List.of(exchange.request().headers(), exchange.responseHeaders())) {
          for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && header.getValue() != null) {
              String value = header.getValue().trim();
              values.add(value);
              int space = value.indexOf(' ');
              if (space > 0) {
                values.add(value.substring(space + 1).trim()); // the token of "Bearer <token>"
              }
            }
          }
        }
      }
      Matcher key = KEY_IN_QUERY.matcher(exchange.request().query());
      while (key.find()) {
        values.add(key.group(1));
      }
    }
    values.removeIf(value -> value.length() < MIN_SECRET_LENGTH);
    return values;
  }

  /** {@code value} (a string, list or map of them) with every secret replaced. */
  static Object scrub(Object value, Set<String> secrets) {
    if (value instanceof String text) {
      String clean = text;
      for (String secret : secrets) {
        clean = Pattern.compile(Pattern.quote(secret), Pattern.CASE_INSENSITIVE).matcher(clean)
            .replaceAll(Matcher.quoteReplacement(REDACTED));
      }
      return clean;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> clean = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> clean.put(scrub(k, secrets), scrub(v, secrets)));
      return clean;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> scrub(v, secrets)).toList();
    }
    return value;
  }

  private long existingMappings(String folder) {
    Path dir = mappings == null ? null : mappings.resolve(folder);
    if (dir == null || !Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  private static JsonNode object(String body) {
    return AdminApi.object(body, RecordingOptions.EXAMPLE);
  }
}
