package dev.opstub.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.wiremock.OpStubExtensions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The "real service" of the recording tests (an OpStub server with scripted timelines for Face and
 * Media, an error code, a 429 and a 503), and the client that runs against it: the client writes
 * down every answer it gets (status, the headers a client acts on, the body with times, ids and
 * ports masked), so that a run against the original and a run against the recorded mappings can
 * be compared line by line.
 */
public final class RecordingScenario {
  /** A subscription id as the key: an apply needs the caller's subscription in the snapshot's applyScope. */
  public static final String KEY = "5ec12e75-0000-4000-8000-00000000cafe";
  public static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJyZWNvcmRpbmctdGVzdCI6InNlY3JldCJ9";
  public static final String FACE_OPERATION = "0c0c0c0c-0000-4000-8000-0000000000a1";
  public static final String MEDIA_OPERATION = "nb:opid:UUID:0c0c0c0c-0000-4000-8000-0000000000b1";
  public static final String FAILING_CHANNEL = "nb:chid:UUID:0c0c0c0c-0000-4000-8000-0000000000c2";
  public static final String CHANNEL = "nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833";

  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern BASE = Pattern.compile("https?://(127\\.0\\.0\\.1|localhost):\\d+");
  private static final List<String> HEADERS = List.of("Content-Type", "Retry-After", "retry-after-ms",
      "Operation-Location", "operation-id", "DataServiceVersion");

  private RecordingScenario() {}

  /** A server with the pack over {@code filesRoot}, as the README runs it, added to {@code started} to be stopped. */
  public static WireMockServer startServer(Path filesRoot, List<WireMockServer> started) {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .maxRequestJournalEntries(1000).asynchronousResponseEnabled(true)
        .usingFilesUnderDirectory(filesRoot.toString()).extensions(new OpStubExtensions()));
    server.start();
    started.add(server);
    return server;
  }

  /** {@code POST /__admin/opstub/recordings/<route>} with {@code body}, which must answer 200: its body. */
  public static String recordings(WireMockServer server, String route, String body) {
    HttpResponse<String> answer = Http.send("POST", server.baseUrl() + "/__admin/opstub/recordings/" + route, body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer.body();
  }

  /** A root with the repository's shipped mappings and __files, as {@code --root-dir .} serves them. */
  public static Path rootWithShippedMappings(Path root) {
    copy(Path.of("mappings"), root.resolve("mappings"));
    copy(Path.of("__files"), root.resolve("__files"));
    return root;
  }

  /** Adds the real service's scripted operations and start calls to a root that has the shipped mappings. */
  public static void writeServiceMappings(Path root) {
    Path dir = root.resolve("mappings").resolve("service");
    write(dir.resolve("face-operation.json"), mapping(3, "GET",
        "/face/v1\\\\.0(-preview)?/operations/(?i)" + FACE_OPERATION, null, "opstub-face-operation",
        "\"timeline\": \"notStarted, running, http(429, Retry-After=1), running x2, failed(The source person group "
            + "was edited while the snapshot was taken)\", \"retryAfter\": \"1s\""));
    write(dir.resolve("face-take.json"), mapping(4, "POST", "/face/v1\\\\.0(-preview)?/snapshots/?", "rec-group",
        "opstub-face-snapshots", "\"timeline\": \"notStarted, running x3, succeeded\""));
    write(dir.resolve("face-apply.json"), mapping(4, "POST", "/face/v1\\\\.0(-preview)?/snapshots/[^/]+/apply/?",
        "restored-group", "opstub-face-snapshots", "\"timeline\": \"running, succeeded\""));
    write(dir.resolve("media-operation.json"), mapping(3, "GET",
        "(?i)(/.*)?/api/Operations(\\\\(|%28)('|%27)nb(:|%3A)opid(:|%3A)UUID(:|%3A)0c0c0c0c-0000-4000-8000-0000000000b1"
            + "('|%27)(\\\\)|%29)", null, "opstub-media-operation",
        "\"timeline\": \"InProgress, http(503, Retry-After=2), InProgress, Failed(Timeout: the channel did not start "
            + "in time)\", \"targetEntityId\": \"" + FAILING_CHANNEL + "\""));
    write(dir.resolve("media-action.json"), mapping(1, "POST",
        "(/.*)?/api/Channels(\\\\(|%28)('|%27)nb(:|%3A)chid(:|%3A)UUID(:|%3A)0c0c0c0c-0000-4000-8000-0000000000c2"
            + "('|%27)(\\\\)|%29)/Start", null, "opstub-media-action",
        "\"timeline\": \"InProgress x2, Failed(InsufficientCapacity: no capacity left in West US)\""));
  }

  private static String mapping(int priority, String method, String path, String objectId, String transformer,
      String parameters) {
    String body = objectId == null ? "" : ", \"bodyPatterns\": [{\"matchesJsonPath\": \"$[?(@.objectId == '"
        + objectId + "')]\"}]";
    return "{\"priority\": " + priority + ", \"request\": {\"method\": \"" + method + "\", \"urlPathPattern\": \""
        + path + "\"" + body + "}, \"response\": {\"status\": 200, \"transformers\": [\"" + transformer
        + "\"], \"transformerParameters\": {" + parameters + "}}}";
  }

  /**
   * Runs the client: polls the scripted Face operation, takes a snapshot and applies it, polls the
   * scripted Media operation and starts two channels (one fails), each polled to its end.
   *
   * @return one line per answer
   */
  public static List<String> runClient(String baseUrl) {
    List<String> seen = new ArrayList<>();
    String face = baseUrl + "/face/v1.0-preview";
    String[] key = {"Ocp-Apim-Subscription-Key", KEY};
    pollToEnd(seen, "face-poll", face + "/operations/" + FACE_OPERATION, key);

    HttpResponse<String> take = Http.send("POST", face + "/snapshots", "{\"type\":\"PersonGroup\",\"objectId\":"
        + "\"rec-group\",\"applyScope\":[\"" + KEY + "\"]}", "Ocp-Apim-Subscription-Key", KEY,
        "Content-Type", "application/json");
    seen.add(line("face-take", take));
    String snapshot = pollToEnd(seen, "face-take-poll", face + header(take, "Operation-Location"), key)
        .replaceAll("(?s).*\"resourceLocation\"\\s*:\\s*\"([^\"]*)\".*", "$1");
    HttpResponse<String> apply = Http.send("POST", face + snapshot + "/apply", "{\"objectId\":\"restored-group\"}",
        "Ocp-Apim-Subscription-Key", KEY, "Content-Type", "application/json");
    seen.add(line("face-apply", apply));
    pollToEnd(seen, "face-apply-poll", face + header(apply, "Operation-Location"), key);

    String api = baseUrl + "/api/";
    String[] json = {"Authorization", "Bearer " + TOKEN, "x-ms-version", "2.19",
        "Accept", "application/json;odata=minimalmetadata"};
    pollToEnd(seen, "media-poll", api + "Operations('" + MEDIA_OPERATION + "')", json);
    for (Map.Entry<String, String> start : Map.of(FAILING_CHANNEL, "application/atom+xml",
        CHANNEL, "application/json;odata=verbose").entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      String[] headers = {"Authorization", "Bearer " + TOKEN, "x-ms-version", "2.19", "Accept", start.getValue()};
      HttpResponse<String> started = Http.send("POST", api + "Channels('" + start.getKey() + "')/Start", null, headers);
      seen.add(line("media-start", started));
      pollToEnd(seen, "media-start-poll", api + "Operations('" + header(started, "operation-id") + "')", headers);
    }
    return seen;
  }

  /** Polls until a terminal status (at most 12 polls); returns the last body. */
  private static String pollToEnd(List<String> seen, String label, String url, String... headers) {
    String body = "";
    for (int i = 0; i < 12; i++) {
      HttpResponse<String> answer = Http.get(url, headers);
      seen.add(line(label, answer));
      body = answer.body();
      if (answer.statusCode() == 200 && body.matches("(?s).*(succeeded|failed|Succeeded|Failed)(\"|<).*")) {
        break;
      }
    }
    return body;
  }

  private static String line(String label, HttpResponse<String> answer) {
    StringBuilder out = new StringBuilder(label).append(" HTTP ").append(answer.statusCode());
    for (String name : HEADERS) {
      answer.headers().firstValue(name).ifPresent(v -> out.append(' ').append(name).append('=').append(masked(v)));
    }
    return out.append(' ').append(masked(answer.body())).toString();
  }

  private static String masked(String text) {
    String out = TIME.matcher(text).replaceAll("{time}");
    out = BASE.matcher(out).replaceAll("{base}");
    Matcher ids = UUID.matcher(out);
    StringBuilder kept = new StringBuilder();
    while (ids.find()) {
      // The scripted ids stay (the recording must keep them); ids the servers make up are masked.
      String id = ids.group();
      boolean scripted = id.startsWith("0c0c0c0c") || id.startsWith("1e518dbc") || id.equals(KEY);
      ids.appendReplacement(kept, Matcher.quoteReplacement(scripted ? id : "{id}"));
    }
    ids.appendTail(kept);
    return kept.toString();
  }

  private static String header(HttpResponse<String> answer, String name) {
    return answer.headers().firstValue(name).orElseThrow(() -> new AssertionError(
        "no " + name + " in the answer " + answer.statusCode() + " " + answer.body()));
  }

  private static void write(Path file, String json) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
