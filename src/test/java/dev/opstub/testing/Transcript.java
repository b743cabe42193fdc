package dev.opstub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Requests sent to a server and its answers, written as readable text that is the same on every
 * run: the transcript a golden file holds.
 *
 * <p>Each exchange is written as
 * <pre>
 * ### 3. what the step shows (optional)
 * &gt; GET /face/v1.0-preview/operations/a63a3bdd-a1db-4d05-87b8-dbad6850062a
 * &gt; Ocp-Apim-Subscription-Key: any
 * &lt; 200
 * &lt; Content-Type: application/json; charset=utf-8
 * {
 *   "status": "running",
 *   ...
 * }
 * (end of body)
 * </pre>
 * The request lines carry {@code >}, with its body after a line {@code >}; the answer's status and
 * headers carry {@code <}, sorted by name (their order on the wire is not compared), without
 * {@link #UNCOMPARED_HEADERS}; the body follows byte for byte as UTF-8, then a line {@code (end of
 * body)}, so a trailing newline shows as an empty line. Control characters other than tab and
 * newline are written {@code ⟨U+000D⟩}. What differs between runs is replaced by {@link #scrub}.
 */
public final class Transcript {
  /**
   * Headers every answer has from the server or the HTTP framing, not from the pack: the date, the
   * server, which stub matched, how the body is framed, {@code Vary}.
   */
  public static final Set<String> UNCOMPARED_HEADERS = Set.of("date", "server", "matched-stub-id",
      "matched-stub-name", "transfer-encoding", "content-length", "vary");

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

  private final int port;
  private final Set<String> fixedUuids;
  private final Set<String> sentUuids = new HashSet<>();
  private final Map<String, String> generated = new HashMap<>();
  private final StringBuilder text = new StringBuilder();
  private int exchanges;
  private String caption;

  /**
   * @param port the server's port
   * @param fixedUuids uuids (lower case) that are data, not generated: those of the mapping files
   *     ({@link #uuidsUnder})
   */
  public Transcript(int port, Set<String> fixedUuids) {
    this.port = port;
    this.fixedUuids = Set.copyOf(fixedUuids);
  }

  /**
   * A comment line in the transcript, e.g. what a setup step did. Its uuids are the test's own
   * data (a mapping it added), kept where answers echo them.
   */
  public Transcript note(String comment) {
    remember(comment);
    text.append("# ").append(comment).append('\n');
    return this;
  }

  /** The caption of the next exchange. */
  public Transcript step(String what) {
    caption = what;
    return this;
  }

  public Http.Exchange get(String target, String... headers) {
    return send("GET", target, null, headers);
  }

  /** Sends one request, writes it and its answer into the transcript, and returns the answer unchanged. */
  public Http.Exchange send(String method, String target, String body, String... headers) {
    return send(method, target, body, body, headers);
  }

  /** {@link #send}, with a body too large to write out: the transcript shows {@code shownAs} in its place. */
  public Http.Exchange sendLarge(String method, String target, String body, String shownAs, String... headers) {
    return send(method, target, body, shownAs, headers);
  }

  private Http.Exchange send(String method, String target, String body, String shownBody, String... headers) {
    StringBuilder request = new StringBuilder("> ").append(method).append(' ').append(target).append('\n');
    for (int i = 0; i < headers.length; i += 2) {
      request.append("> ").append(headers[i]).append(": ").append(headers[i + 1]).append('\n');
    }
    if (shownBody != null) {
      request.append(">\n");
      shownBody.lines().forEach(line -> request.append("> ").append(line).append('\n'));
    }
    remember(request);
    Http.Exchange answer = Http.exchange(port, method, target, body, headers);
    StringBuilder response = new StringBuilder("< ").append(answer.status()).append('\n');
    answer.headers().stream()
        .filter(h -> !UNCOMPARED_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT)))
        .sorted(Comparator.comparing(h -> h.getKey().toLowerCase(Locale.ROOT)))
        .forEach(h -> response.append("< ").append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
    if (answer.body().length == 0) {
      response.append("(no body)\n");
    } else {
      response.append(visible(answer.bodyText())).append("\n(end of body)\n");
    }
    exchanges++;
    text.append("\n### ").append(exchanges).append('.').append(caption == null ? "" : " " + caption).append('\n')
        .append(scrub(request)).append(scrub(response));
    caption = null;
    return answer;
  }

  /** The transcript so far. */
  public String text() {
    return text.toString();
  }

  /** How many requests were sent. */
  public int exchanges() {
    return exchanges;
  }

  /** Uuids that occur in the test's own requests are data: the server may echo them. */
  private void remember(CharSequence request) {
    Matcher m = UUID.matcher(request);
    while (m.find()) {
      String uuid = m.group().toLowerCase(Locale.ROOT);
      if (!generated.containsKey(uuid)) {
        sentUuids.add(uuid);
      }
    }
  }

  /**
   * Replaces what is different on every run, and only that:
   * <ul>
   *   <li>the server's port, {@code 127.0.0.1:<port>} → {@code 127.0.0.1:{port}} (Media bodies are
   *       built from the request's base URL);
   *   <li>a version-4 uuid that no request of this transcript sent before and that no mapping file
   *       holds → {@code {generated-N}}, N counted by first appearance, the same N wherever the
   *       same value appears again (answers, later request paths), in upper case when written in
   *       upper case. These are the server's random ids: operation ids ({@code Operation-Location},
   *       {@code operation-id}), snapshot ids, Media's {@code request-id}/{@code x-ms-request-id}.
   *       A name-based (version 3) uuid, such as the subscription a non-uuid key stands for, is
   *       kept: it is the same on every run;
   *   <li>an ISO instant within a day of this machine's clock → {@code {wall-clock}}: the tours
   *       freeze the operations' clock decades away, so such an instant was not taken from that
   *       clock (the admin API's poll history records the wall clock).
   * </ul>
   */
  public String scrub(CharSequence raw) {
    String text = raw.toString().replaceAll("(127\\.0\\.0\\.1|localhost):" + port + "\\b", "$1:{port}");
    Matcher uuids = UUID.matcher(text);
    StringBuilder out = new StringBuilder();
    while (uuids.find()) {
      uuids.appendReplacement(out, Matcher.quoteReplacement(placeholder(uuids.group())));
    }
    uuids.appendTail(out);
    Matcher instants = INSTANT.matcher(out.toString());
    StringBuilder timed = new StringBuilder();
    Instant now = Instant.now();
    while (instants.find()) {
      instants.appendReplacement(timed, Matcher.quoteReplacement(
          isWallClock(instants.group(), now) ? "{wall-clock}" : instants.group()));
    }
    instants.appendTail(timed);
    return timed.toString();
  }

  private String placeholder(String uuid) {
    String key = uuid.toLowerCase(Locale.ROOT);
    String known = generated.get(key);
    if (known == null) {
      boolean random = key.charAt(14) == '4';
      if (!random || sentUuids.contains(key) || fixedUuids.contains(key)) {
        return uuid;
      }
      known = "{generated-" + (generated.size() + 1) + "}";
      generated.put(key, known);
    }
    return uuid.equals(key) ? known : known.toUpperCase(Locale.ROOT);
  }

  private static boolean isWallClock(String instant, Instant now) {
    try {
      return Duration.between(Instant.parse(instant), now).abs().compareTo(Duration.ofDays(1)) < 0;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String visible(String body) {
    StringBuilder out = new StringBuilder(body.length());
    body.codePoints().forEach(c -> {
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F || c == '⟨') {
        out.append(String.format(Locale.ROOT, "⟨U+%04X⟩", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** Every uuid (lower case) in the files under these folders: the fixed ids of a mapping set. */
  public static Set<String> uuidsUnder(Path... folders) {
    Set<String> uuids = new HashSet<>();
    for (Path folder : folders) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Matcher m = UUID.matcher(Files.readString(file, StandardCharsets.UTF_8));
          while (m.find()) {
            uuids.add(m.group().toLowerCase(Locale.ROOT));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return uuids;
  }

  /** The lines of two texts side by side from the first that differs; {@code null} when equal. */
  public static String firstDifference(String expected, String actual) {
    if (expected.equals(actual)) {
      return null;
    }
    List<String> want = expected.lines().toList();
    List<String> got = actual.lines().toList();
    int line = 0;
    while (line < want.size() && line < got.size() && want.get(line).equals(got.get(line))) {
      line++;
    }
    String exchange = "(before the first exchange)";
    for (int i = Math.min(line, want.size() - 1); i >= 0; i--) {
      if (want.get(i).startsWith("### ")) {
        exchange = want.get(i) + (i + 1 < want.size() ? "\n    " + want.get(i + 1) : "");
        break;
      }
    }
    List<String> out = new ArrayList<>();
    out.add("first difference at line " + (line + 1) + ", in exchange " + exchange);
    out.add("  expected: " + (line < want.size() ? want.get(line) : "(end of file)"));
    out.add("  actual:   " + (line < got.size() ? got.get(line) : "(end of transcript)"));
    if (line == want.size() && line == got.size()) {
      out.add("  (the texts differ only in their line endings)");
    }
    out.add("context, expected:");
    want.subList(Math.max(0, line - 3), Math.min(want.size(), line + 4)).forEach(l -> out.add("    | " + l));
    out.add("context, actual:");
    got.subList(Math.max(0, line - 3), Math.min(got.size(), line + 4)).forEach(l -> out.add("    | " + l));
    return String.join("\n", out);
  }
}
