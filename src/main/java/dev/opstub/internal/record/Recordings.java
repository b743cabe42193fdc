package dev.opstub.internal.record;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.http.AdminReply;
import dev.opstub.internal.http.AdminReply.Refused;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * AdminReply written = recordings.stop("", proxy); // {"files": [...], "mappings": [...], "notes": [...]}
 * }</pre>
 */
public final class Recordings {
  /** The most requests one recording keeps; a longer one says how many it dropped. */
  public static final int MAX_EXCHANGES = 10_000;
  /** The most bytes of one body (request or answer) a recording keeps; a longer one keeps its short values (see {@link Bodies}). */
  public static final int MAX_BODY_BYTES = Bodies.MAX_BYTES;
  /** The most bytes (bodies and headers) one recording keeps; past it, requests are passed on but not recorded. */
  public static final long MAX_RECORDING_BYTES = 32L * 1024 * 1024;
  /** How long stop waits for requests still waiting for the real service. */
  public static final Duration STOP_WAIT = Duration.ofSeconds(10);
  /**
   * Shorter header values are left in the output: they are no real key or token, and scrubbing
   * them would blank out ordinary words (a test's {@code Bearer t} would remove every "t").
   */
  static final int MIN_SECRET_LENGTH = 8;
  static final String REDACTED = "REDACTED";
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The proxy to the real service, which the WireMock adapter sets up and takes down. */
  public interface Proxy {
    /**
     * Why {@code targetBaseUrl} is this server itself (one of its addresses and ports), or {@code
     * null}: such a recording would proxy every request to itself until the server runs out of threads.
     */
    String leadsHere(String targetBaseUrl);

    /** Starts proxying every request to {@code targetBaseUrl}; returns what identifies the proxy. */
    Object start(String targetBaseUrl);

    /** Stops the proxy {@link #start} returned. */
    void stop(Object proxy);
  }

  private final Apis apis;
  private final Path mappings;
  private final Clock clock;
  private final Duration stopWait;
  /** Read without the lock by {@link #arrived}, which every request calls. */
  private volatile Session session;
  private long sequence;

  /**
   * @param mappings the server's {@code mappings/} folder, or {@code null} when it has none on disk
   *     (the recording is then only in the stop call's answer)
   */
  public Recordings(Apis apis, Path mappings) {
    this(apis, mappings, Clock.systemUTC(), STOP_WAIT);
  }

  /** @param stopWait how long stop waits for requests still with the real service ({@link #STOP_WAIT}) */
  Recordings(Apis apis, Path mappings, Clock clock, Duration stopWait) {
    this.apis = apis;
    this.mappings = mappings;
    this.clock = clock;
    this.stopWait = stopWait;
  }

  /** A request that arrived while the recording ran: its place in the order, when, and what it was. */
  private record Arrival(long sequence, Instant time, String call) {}

  private static final class Session {
    final RecordingOptions options;
    final Object proxy;
    /** By arrival: the order the client sent them in, whichever answer was complete first. */
    final TreeMap<Long, Exchange> exchanges = new TreeMap<>();
    final Map<Object, Arrival> inFlight = new HashMap<>();
    /** Notes from capture, each with how often it came up (in the order they first did). */
    final Map<String, Integer> notes = new LinkedHashMap<>();
    long bytes;
    int droppedByCount;
    int droppedByBytes;
    boolean stopping;

    Session(RecordingOptions options, Object proxy) {
      this.options = options;
      this.proxy = proxy;
    }

    void note(String note) {
      notes.merge(note, 1, Integer::sum);
    }
  }

  /** {@code POST recordings/start}; see {@link RecordingOptions} for the body. */
  public synchronized AdminReply start(String body, Proxy proxy) {
    return AdminReply.handle(() -> {
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
      String here = proxy.leadsHere(options.targetBaseUrl());
      if (here != null) {
        throw new Refused(400, "\"targetBaseUrl\" must not be this server itself (" + here + "): the recording "
            + "would send every request back to itself; give the real service's URL");
      }
      long earlier = existingMappings(options.folder());
      if (earlier > 0) {
        throw new Refused(409, "mappings/" + options.folder() + " holds " + earlier + " mapping file(s) already; "
            + "move them away or name another folder with \"folder\", so that a recording never overwrites mappings");
      }
      session = new Session(options, proxy.start(options.targetBaseUrl()));
      return new AdminReply(200, describe(options).put("recording", true).toString());
    });
  }

  /**
   * {@code POST recordings/stop}: the body must be empty or {@code {}}. Takes the proxy down, waits
   * up to {@link #STOP_WAIT} for requests still waiting for the real service, and notes those left.
   */
  public synchronized AdminReply stop(String body, Proxy proxy) {
    return AdminReply.handle(() -> {
      if (body != null && !body.isBlank() && object(body).size() > 0) {
        throw new Refused(400, "unknown field \"" + object(body).fieldNames().next() + "\"; this route takes no "
            + "fields (send no body)");
      }
      if (session == null) {
        throw new Refused(409, "no recording is running; start one with POST /__admin/opstub/recordings/start "
            + RecordingOptions.EXAMPLE);
      }
      if (session.stopping) {
        throw new Refused(409, "the recording is stopping already (waiting for requests still with the real service)");
      }
      Session stopped = session;
      stopped.stopping = true;
      proxy.stop(stopped.proxy);
      long deadline = System.nanoTime() + stopWait.toNanos();
      try {
        for (long left = stopWait.toNanos(); !stopped.inFlight.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
          wait(Math.max(1, left / 1_000_000)); // releases the lock: captures go on meanwhile
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopped.inFlight.values().stream().sorted(java.util.Comparator.comparingLong(Arrival::sequence))
          .forEach(arrival -> stopped.note(arrival.call() + " (arrived " + arrival.time() + ") had no complete answer "
              + stopWait.toMillis() + " ms after stop (still with the real service, or it failed on this server); "
              + "left out of the recording"));
      session = null;
      return new AdminReply(200, written(stopped).toString());
    });
  }

  /** {@code GET recordings}: whether a recording runs, and of what. */
  public synchronized AdminReply status() {
    ObjectNode out = session == null ? JSON.createObjectNode() : describe(session.options);
    out.put("recording", session != null);
    if (session != null) {
      out.put("exchanges", session.exchanges.size() + session.droppedByCount + session.droppedByBytes);
      out.put("bytes", session.bytes);
    }
    return new AdminReply(200, out.toString());
  }

  /** The proxy of the running recording, or {@code null}: the adapter keeps what that proxy served. */
  public Object proxy() {
    Session running = session;
    return running == null ? null : running.proxy;
  }

  /**
   * A request arrived (before it is matched to a stub): it takes its place in the recording's
   * order now, so that answers complete in any order still line up as the client sent them.
   *
   * @param request what identifies the request until {@link #completed}
   * @param call its method and path, for a note
   */
  public void arrived(Object request, String call) {
    if (session == null) {
      return; // the common case, without the lock
    }
    synchronized (this) {
      if (session != null && !session.stopping) {
        session.inFlight.put(request, new Arrival(++sequence, clock.instant(), call));
      }
    }
  }

  /** The request is answered (whether or not it was recorded): stop need not wait for it. */
  public synchronized void completed(Object request) {
    if (session != null && session.inFlight.remove(request) != null) {
      notifyAll();
    }
  }

  /**
   * Keeps a request that {@code proxy} passed to the real service, if that proxy's recording
   * still runs, at the place its arrival took; its time is when it arrived.
   *
   * @param cut what {@link Bodies} cut from a body over {@link #MAX_BODY_BYTES}, or {@code null}
   */
  public synchronized void capture(Object proxy, Object request, Exchange exchange, String cut) {
    if (session == null || !session.proxy.equals(proxy)) {
      return;
    }
    Arrival arrival = session.inFlight.remove(request);
    notifyAll();
    if (arrival == null) {
      arrival = new Arrival(++sequence, exchange.time(), null);
    }
    long size = size(exchange);
    if (session.exchanges.size() >= MAX_EXCHANGES) {
      session.droppedByCount++;
    } else if (session.bytes + size > MAX_RECORDING_BYTES) {
      session.droppedByBytes++;
    } else {
      session.bytes += size;
      session.exchanges.put(arrival.sequence(), new Exchange(arrival.time(), exchange.request(), exchange.status(),
          exchange.responseHeaders(), exchange.responseBody()));
      if (cut != null) {
        session.note(exchange.request().method() + " " + exchange.request().path() + ": " + cut);
      }
    }
  }

  /**
   * A request {@code proxy} passed on that the recording cannot keep as an answer of the real
   * service (it never reached it, or came back to this server): noted, not recorded.
   */
  public synchronized void passedOver(Object proxy, Object request, String note) {
    if (session == null || !session.proxy.equals(proxy)) {
      return;
    }
    if (session.inFlight.remove(request) != null) {
      notifyAll();
    }
    session.note(note);
  }

  /** Roughly what an exchange holds in memory: its bodies and headers, one byte a character. */
  private static long size(Exchange exchange) {
    long size = exchange.responseBody().length() + exchange.request().body().length()
        + exchange.request().path().length() + exchange.request().query().length();
    for (Map<String, String> headers : List.of(exchange.request().headers(), exchange.responseHeaders())) {
      for (Map.Entry<String, String> header : headers.entrySet()) {
        size += header.getKey().length() + (header.getValue() == null ? 0 : header.getValue().length());
      }
    }
    return size;
  }

  private ObjectNode describe(RecordingOptions options) {
    ObjectNode out = JSON.createObjectNode();
    out.put("targetBaseUrl", options.targetBaseUrl());
    out.put("timing", options.timed() ? "time" : "polls");
    out.put("folder", "mappings/" + options.folder());
    ArrayNode secrets = out.putArray("secretHeaders");
    options.secretHeaders().forEach(secrets::add);
    ArrayNode query = out.putArray("secretQueryParameters");
    options.secretQueryParameters().forEach(query::add);
    return out;
  }

  private ObjectNode written(Session stopped) {
    List<Exchange> exchanges = new ArrayList<>(stopped.exchanges.values());
    Collapser.Result result = new Collapser(apis, stopped.options.timed()).collapse(exchanges);
    Set<String> secrets = secrets(exchanges, stopped.options.secretHeaders(), stopped.options.secretQueryParameters());
    List<String> notes = new ArrayList<>();
    stopped.notes.forEach((note, times) -> notes.add(times == 1 ? note : note + " (" + times + " times)"));
    notes.addAll(result.notes());
    if (stopped.droppedByCount > 0) {
      notes.add(stopped.droppedByCount + " request(s) after the first " + MAX_EXCHANGES + " were passed on but not "
          + "recorded");
    }
    if (stopped.droppedByBytes > 0) {
      notes.add(stopped.droppedByBytes + " request(s) were passed on but not recorded: a recording keeps at most "
          + MAX_RECORDING_BYTES / (1024 * 1024) + " MiB of bodies and headers");
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode files = out.putArray("files");
    ArrayNode mappingsOut = out.putArray("mappings");
    Path folder = mappings == null ? null : mappings.resolve(stopped.options.folder());
    Set<String> names = new HashSet<>();
    for (Collapser.MappingFile file : result.mappings()) {
      Object clean = scrub(file.mapping(), secrets);
      String name = unique(names, (String) scrub(file.name(), secrets));
      mappingsOut.add(JSON.valueToTree(clean));
      if (folder != null) {
        try {
          Files.createDirectories(folder);
          Files.writeString(folder.resolve(name), PRETTY.writeValueAsString(clean) + "\n");
          files.add("mappings/" + stopped.options.folder() + "/" + name);
        } catch (IOException e) {
          notes.add("could not write " + folder.resolve(name) + " (" + e.getMessage() + "); the mapping is "
              + "in this answer's \"mappings\" (POST {\"mappings\": [...]} to /__admin/mappings/import)");
        }
      }
    }
    if (folder == null && !result.mappings().isEmpty()) {
      notes.add("this server has no mappings folder on disk; the mappings are only in this answer's \"mappings\"");
    }
    ArrayNode notesOut = out.putArray("notes");
    notes.forEach(note -> notesOut.add((String) scrub(note, secrets)));
    out.put("exchanges", result.exchanges() + stopped.droppedByCount + stopped.droppedByBytes);
    out.put("ignored", result.ignored());
    return out;
  }

  /** {@code name}, or {@code name-2.json}, ... when two mappings got the same name (two secrets scrubbed alike). */
  private static String unique(Set<String> taken, String name) {
    String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    String candidate = name;
    for (int i = 2; !taken.add(candidate); i++) {
      candidate = base + "-" + i + ".json";
    }
    return candidate;
  }

  /** The values of the secret headers and secret query parameters the recording saw. */
  static Set<String> secrets(List<Exchange> exchanges, List<String> secretHeaders, List<String> secretQuery) {
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
      for (String pair : exchange.request().query().split("&")) {
        int equals = pair.indexOf('=');
        if (equals > 0 && secretQuery.stream().anyMatch(pair.substring(0, equals)::equalsIgnoreCase)) {
          String raw = pair.substring(equals + 1);
          values.add(raw);
          try {
            values.add(URLDecoder.decode(raw, StandardCharsets.UTF_8)); // a signature's '+', '/' and '=' come encoded
          } catch (IllegalArgumentException malformed) {
            // the raw value is scrubbed all the same
          }
        }
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
    return AdminReply.object(body, RecordingOptions.EXAMPLE);
  }
}
