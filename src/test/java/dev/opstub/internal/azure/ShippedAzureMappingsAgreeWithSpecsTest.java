package dev.opstub.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.Http;
import dev.opstub.testing.RepositoryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped {@code mappings/azure/} agree with the services' contracts, the fixture specs in
 * {@code src/test/resources/specs/} (written in the shape of Azure/azure-rest-api-specs): for each
 * shipped start mapping the test finds the long-running operation it stands for (same method, a
 * path of the operation's template the mapping answers), starts it on a server with the shipped
 * set and polls it to its end as the service's clients do. The start, every poll and the final
 * answer use a status code the operation declares (a resource-group delete ends with 200, not 204:
 * {@code ResourceGroups_Delete} declares 200 and 202); a handed-out {@code Operation-Location} has
 * the shape of the monitor the spec declares for that operation (analyze: {@code
 * documentModels/{modelId}/analyzeResults/{resultId}} with the start's model id), and every status
 * served is one of the monitor's status enum, with its case.
 *
 * <p>The specs are read here with Jackson, only as far as the check needs: paths and {@code
 * x-ms-paths} ({@code ?_overload=} stripped) under the path of {@code x-ms-parameterized-host},
 * declared responses ({@code $ref}s inside the file), the start's examples for the monitor's shape.
 */
class ShippedAzureMappingsAgreeWithSpecsTest {
  private static final Path SPECS = Path.of("src", "test", "resources", "specs");
  private static final Path SHIPPED = Path.of("mappings", "azure");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");
  /** The literal names a well-known input's path spells ({@code opstub-locked}). */
  private static final Pattern WELL_KNOWN = Pattern.compile("opstub-[a-z0-9-]+");
  private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled");
  private static final int MOST_POLLS = 20;
  /** Every operation of every fixture spec. */
  private static final List<Operation> OPERATIONS = readOperations();

  private static WireMockServer server;

  @BeforeAll
  static void start() {
    server = RepositoryServer.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  /** A long-running operation of a spec: its method, its full path template and its declaration. */
  record Operation(JsonNode spec, Path file, String method, String template, JsonNode declaration) {
    String id() {
      return declaration.path("operationId").asText() + " (" + file.getFileName() + ")";
    }

    String apiVersion() {
      return spec.path("info").path("version").asText();
    }

    /** The status codes the operation declares, {@code default} left out. */
    Set<Integer> statuses() {
      Set<Integer> codes = new LinkedHashSet<>();
      declaration.path("responses").fieldNames().forEachRemaining(code -> {
        if (code.matches("\\d{3}")) {
          codes.add(Integer.parseInt(code));
        }
      });
      return codes;
    }

    /** The headers the operation's 2xx answers declare, lower case. */
    Set<String> successHeaders() {
      Set<String> headers = new LinkedHashSet<>();
      declaration.path("responses").fields().forEachRemaining(response -> {
        if (response.getKey().startsWith("2")) {
          resolve(spec, response.getValue()).path("headers").fieldNames()
              .forEachRemaining(name -> headers.add(name.toLowerCase(Locale.ROOT)));
        }
      });
      return headers;
    }

    /** The path an example of the start gives its {@code Operation-Location}, if one does. */
    Optional<String> exampleOperationLocation() {
      for (JsonNode example : examples()) {
        for (JsonNode response : example.path("responses")) {
          Iterator<Map.Entry<String, JsonNode>> headers = response.path("headers").fields();
          while (headers.hasNext()) {
            Map.Entry<String, JsonNode> header = headers.next();
            if (header.getKey().equalsIgnoreCase("Operation-Location")) {
              return Optional.of(URI.create(header.getValue().asText()).getPath());
            }
          }
        }
      }
      return Optional.empty();
    }

    /** The values the operation's examples give its path parameters. */
    Map<String, String> exampleParameters() {
      Map<String, String> values = new LinkedHashMap<>();
      for (JsonNode example : examples()) {
        example.path("parameters").fields().forEachRemaining(p -> {
          if (p.getValue().isTextual()) {
            values.putIfAbsent(p.getKey(), p.getValue().asText());
          }
        });
      }
      return values;
    }

    private List<JsonNode> examples() {
      List<JsonNode> examples = new ArrayList<>();
      declaration.path("x-ms-examples").forEach(example -> {
        Path referenced = file.resolveSibling(example.path("$ref").asText());
        if (Files.isRegularFile(referenced)) {
          examples.add(read(referenced));
        }
      });
      return examples;
    }

    /** How many characters of the template are literal: the more, the more specific. */
    int literalLength() {
      return PLACEHOLDER.matcher(template).replaceAll("").length();
    }

    Pattern regex() {
      return templateRegex(template);
    }
  }

  /** A shipped start mapping: its file, method and the path pattern its request matches. */
  record Start(Path file, String method, Pattern path, String literalPath) {
    @Override
    public String toString() {
      return file.getFileName().toString();
    }
  }

  static Stream<Start> shippedStarts() throws IOException {
    try (Stream<Path> files = Files.list(SHIPPED)) {
      List<Start> starts = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode mapping = read(file);
        boolean start = false;
        for (JsonNode transformer : mapping.path("response").path("transformers")) {
          start |= transformer.asText().equals("opstub-azure-start");
        }
        if (start) {
          JsonNode request = mapping.path("request");
          String literal = request.path("urlPath").asText(null);
          Pattern path = literal != null ? Pattern.compile(Pattern.quote(literal))
              : Pattern.compile(request.path("urlPathPattern").asText());
          starts.add(new Start(file, request.path("method").asText(), path, literal));
        }
      }
      assertThat(starts).as("shipped Azure start mappings").isNotEmpty();
      return starts.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shippedStarts")
  void everyShippedStartAgreesWithTheOperationItStandsForInItsSpec(Start start) {
    Map.Entry<Operation, String> found = operationFor(start);
    Operation operation = found.getKey();
    String path = found.getValue();
    String base = server.baseUrl();
    String what = start + " (" + start.method() + " " + path + ") as " + operation.id();

    HttpResponse<String> started = Http.send(start.method(), base + path + "?api-version=" + operation.apiVersion(),
        start.method().equals("DELETE") ? null : "{}", "Content-Type", "application/json");

    assertThat(operation.statuses()).as(what + ": the start's status, answered " + started.body())
        .contains(started.statusCode());
    for (String header : operation.successHeaders()) {
      assertThat(started.headers().firstValue(header)).as(what + ": the declared header " + header).isPresent();
    }
    Optional<String> operationLocation = started.headers().firstValue("Operation-Location");
    Optional<String> asyncOperation = started.headers().firstValue("Azure-AsyncOperation");
    Optional<String> location = started.headers().firstValue("Location");
    if (operationLocation.isPresent()) {
      pollTheDeclaredMonitor(what, operation, path, operationLocation.get());
    } else if (asyncOperation.isPresent()) {
      String status = pollToEnd(what, asyncOperation.get(), Set.of(200));
      if (status.equalsIgnoreCase("succeeded")) {
        assertTheFinalAnswer(what, operation, start.method().equals("PUT") ? base + path + "?api-version="
            + operation.apiVersion() : location.orElse(null));
      }
    } else {
      assertThat(location).as(what + ": a monitor or Location URL").isPresent();
      HttpResponse<String> last = null;
      for (int poll = 0; poll < MOST_POLLS && (last == null || last.statusCode() == 202); poll++) {
        last = Http.get(location.get());
      }
      assertThat(last.statusCode()).as(what + ": the Location URL's final answer").isNotEqualTo(202);
      if (last.statusCode() < 400) {
        assertThat(finalStatuses(operation)).as(what + ": the Location URL ends with a status the operation "
            + "declares for its end").contains(last.statusCode());
      } else {
        assertThat(readTree(last.body()).at("/error/code").asText()).as(what + ": a failure in Azure's error "
            + "shape").isNotEmpty();
      }
    }
  }

  /**
   * The handed-out URL has the shape of the monitor the spec declares for the operation, shares
   * the start's path parameters, keeps its api-version, and serves the monitor's statuses.
   */
  private void pollTheDeclaredMonitor(String what, Operation operation, String startPath, String url) {
    Operation monitor = monitorFor(operation);
    URI handedOut = URI.create(url);
    Matcher shape = monitor.regex().matcher(handedOut.getPath());
    assertThat(shape.matches()).as(what + ": Operation-Location " + url + " has the shape of " + monitor.id() + " "
        + monitor.template()).isTrue();
    Matcher startValues = operation.regex().matcher(startPath);
    assertThat(startValues.matches()).isTrue();
    for (String name : placeholders(monitor.template())) {
      if (placeholders(operation.template()).contains(name)) {
        assertThat(shape.group(group(name))).as(what + ": {" + name + "} of the monitor is the start's")
            .isEqualTo(startValues.group(group(name)));
      }
    }
    assertThat(handedOut.getQuery()).as(what + ": the start's api-version").isEqualTo("api-version="
        + operation.apiVersion());
    Set<String> vocabulary = statusEnum(monitor);
    assertThat(vocabulary).as(monitor.id() + ": its status enum").isNotEmpty();
    String status = pollToEnd(what, url, monitor.statuses(), vocabulary);
    assertThat(TERMINAL).as(what + ": ends").contains(status.toLowerCase(Locale.ROOT));
  }

  private String pollToEnd(String what, String url, Set<Integer> declared) {
    return pollToEnd(what, url, declared, null);
  }

  /** Polls until a terminal status; each answer's code is declared, each status in the vocabulary when there is one. */
  private String pollToEnd(String what, String url, Set<Integer> declared, Set<String> vocabulary) {
    String status = null;
    for (int poll = 0; poll < MOST_POLLS && (status == null || !TERMINAL.contains(status.toLowerCase(Locale.ROOT)));
        poll++) {
      HttpResponse<String> answer = Http.get(url);
      assertThat(declared).as(what + ": poll " + (poll + 1) + " of " + url + " answered " + answer.body())
          .contains(answer.statusCode());
      JsonNode body = readTree(answer.body());
      status = body.path("status").asText();
      if (vocabulary != null) {
        assertThat(vocabulary).as(what + ": poll " + (poll + 1) + " served status " + status).contains(status);
      }
      if (status.equalsIgnoreCase("failed")) {
        assertThat(body.at("/error/code").asText()).as(what + ": the failure's error").isNotEmpty();
      }
    }
    return status;
  }

  /** The GET that ends an ARM operation: the resource (PUT) or the Location URL (DELETE, POST). */
  private void assertTheFinalAnswer(String what, Operation operation, String url) {
    if (url == null) {
      return; // a DELETE with Azure-AsyncOperation alone ends with the monitor
    }
    HttpResponse<String> last = Http.get(url);
    Set<Integer> allowed = operation.method().equals("PUT")
        ? resourceGet(operation).map(Operation::statuses).orElse(finalStatuses(operation))
        : finalStatuses(operation);
    assertThat(allowed).as(what + ": the final GET " + url + " answered " + last.body()).contains(last.statusCode());
  }

  /** The codes an operation's end may answer: what it declares, but 202 (still running). */
  private static Set<Integer> finalStatuses(Operation operation) {
    Set<Integer> codes = new LinkedHashSet<>(operation.statuses());
    codes.remove(202);
    return codes;
  }

  // --- finding the spec's operations

  /** The spec operation a start mapping stands for, and a path of it the mapping answers. */
  private static Map.Entry<Operation, String> operationFor(Start start) {
    List<Map.Entry<Operation, String>> candidates = new ArrayList<>();
    for (Operation operation : operations()) {
      if (!operation.method().equals(start.method())
          || !operation.declaration().path("x-ms-long-running-operation").asBoolean()) {
        continue;
      }
      samplePath(operation, start).ifPresent(path -> candidates.add(Map.entry(operation, path)));
    }
    assertThat(candidates).as(start + ": the spec operation it stands for (" + start.method() + " " + start.path()
        + ")").isNotEmpty();
    // The most specific template: a resource group's delete, not /{resourceId}.
    return candidates.stream().max(Comparator.comparingInt(c -> c.getKey().literalLength())).orElseThrow();
  }

  /** A path of the operation's template the mapping answers, with the mapping's own names first. */
  private static Optional<String> samplePath(Operation operation, Start start) {
    List<String> names = placeholders(operation.template());
    List<String> mine = new ArrayList<>();
    Matcher wellKnown = WELL_KNOWN.matcher(start.literalPath() != null ? start.literalPath() : start.path().pattern());
    while (wellKnown.find()) {
      mine.add(wellKnown.group());
    }
    Map<String, String> examples = operation.exampleParameters();
    List<List<String>> choices = new ArrayList<>();
    for (String name : names) {
      List<String> values = new ArrayList<>(mine);
      if (examples.containsKey(name)) {
        values.add(examples.get(name));
      }
      values.add("opstub-sample");
      choices.add(values);
    }
    return combinations(choices).stream().map(values -> fill(operation.template(), values))
        .filter(path -> start.path().matcher(path).matches()).findFirst();
  }

  /** The GET the spec declares for a start's Operation-Location: as its example shows, else the nearest by path. */
  private static Operation monitorFor(Operation start) {
    List<Operation> gets = operations().stream()
        .filter(o -> o.file().equals(start.file()) && o.method().equals("GET")).toList();
    Optional<String> example = start.exampleOperationLocation();
    if (example.isPresent()) {
      return gets.stream().filter(get -> get.regex().matcher(example.get()).matches())
          .max(Comparator.comparingInt(Operation::literalLength))
          .orElseThrow(() -> new AssertionError(start.id() + ": no GET of the spec has the shape of its example's "
              + "Operation-Location " + example.get()));
    }
    String resource = start.template().replaceFirst(":[^/]+$", "");
    return gets.stream().filter(get -> get.template().startsWith(resource + "/") && get.template().endsWith("}"))
        .max(Comparator.comparingInt(Operation::literalLength))
        .orElseThrow(() -> new AssertionError(start.id() + ": the spec declares no GET for its monitor"));
  }

  /** The GET of the resource a PUT works on, when the spec declares one. */
  private static Optional<Operation> resourceGet(Operation put) {
    return operations().stream()
        .filter(o -> o.file().equals(put.file()) && o.method().equals("GET") && o.template().equals(put.template()))
        .findFirst();
  }

  /** The status enum of a monitor's 200 answer ({@code properties.status}, through {@code $ref}s and {@code allOf}). */
  private static Set<String> statusEnum(Operation monitor) {
    JsonNode answer = resolve(monitor.spec(), monitor.declaration().path("responses").path("200"));
    Set<String> values = new LinkedHashSet<>();
    statusEnum(monitor.spec(), resolve(monitor.spec(), answer.path("schema")), values);
    return values;
  }

  private static void statusEnum(JsonNode spec, JsonNode schema, Set<String> values) {
    resolve(spec, schema.path("properties").path("status")).path("enum").forEach(value -> values.add(value.asText()));
    schema.path("allOf").forEach(part -> statusEnum(spec, resolve(spec, part), values));
  }

  private static List<Operation> operations() {
    return OPERATIONS;
  }

  private static List<Operation> readOperations() {
    List<Operation> operations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SPECS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.toString().contains("examples"))
          .sorted().toList()) {
        JsonNode spec = read(file);
        if (!spec.path("swagger").asText().equals("2.0")) {
          continue;
        }
        String prefix = hostPath(spec);
        for (String section : List.of("paths", "x-ms-paths")) {
          spec.path(section).fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(verb -> {
            if (verb.getValue().has("responses")) {
              operations.add(new Operation(spec, file, verb.getKey().toUpperCase(Locale.ROOT),
                  prefix + path.getKey().replaceFirst("\\?.*", ""), verb.getValue()));
            }
          }));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(operations);
  }

  /** The path part of {@code x-ms-parameterized-host} ({@code {endpoint}/documentintelligence}) and {@code basePath}. */
  private static String hostPath(JsonNode spec) {
    String host = spec.path("x-ms-parameterized-host").path("hostTemplate").asText("");
    String path = host.replaceFirst("^(https?://)?[^/]*", "");
    String basePath = spec.path("basePath").asText("");
    return (path + (basePath.equals("/") ? "" : basePath)).replaceAll("/+$", "");
  }

  // --- small helpers

  private static JsonNode resolve(JsonNode spec, JsonNode node) {
    String ref = node.path("$ref").asText("");
    return ref.startsWith("#/") ? resolve(spec, spec.at(ref.substring(1))) : node;
  }

  private static List<String> placeholders(String template) {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** A regular expression of a path template, each {@code {name}} a named group of one segment. */
  private static Pattern templateRegex(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(at, m.start()))).append("(?<").append(group(m.group(1)))
          .append(">[^/]+?)");
      at = m.end();
    }
    return Pattern.compile(regex.append(Pattern.quote(template.substring(at))).toString(), Pattern.CASE_INSENSITIVE);
  }

  /** A group name Java accepts for a placeholder name ({@code resource-name}: {@code resourcename}). */
  private static String group(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "");
  }

  private static String fill(String template, List<String> values) {
    StringBuilder path = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    int i = 0;
    while (m.find()) {
      path.append(template, at, m.start()).append(values.get(i++));
      at = m.end();
    }
    return path.append(template.substring(at)).toString();
  }

  private static List<List<String>> combinations(List<List<String>> choices) {
    List<List<String>> all = new ArrayList<>();
    all.add(List.of());
    for (List<String> values : choices) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> prefix : all) {
        for (String value : values) {
          List<String> longer = new ArrayList<>(prefix);
          longer.add(value);
          next.add(longer);
        }
      }
      all = next;
    }
    return all;
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readTree(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
