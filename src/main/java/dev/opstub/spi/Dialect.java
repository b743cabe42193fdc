package dev.opstub.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One long-running-operation API the pack serves (one of its own, or a team's): everything the
 * rest of the pack needs to know about it. The WireMock adapter, the validator, the admin API, the
 * recorder and the JUnit extension find a dialect by its {@link #name()} and ask it; none of them
 * names an API itself. An operation may be read on several URLs (a status monitor, a {@code
 * Location} URL, the resource it makes): each is a {@link Handler} that declares its {@link Role}.
 *
 * <p>A dialect on the class path is found by {@link java.util.ServiceLoader}: its jar lists the
 * class in {@code META-INF/services/dev.opstub.spi.Dialect}, and the class has a public
 * no-argument constructor. docs/extending.md walks through one.
 *
 * <pre>{@code
 * public final class DemoApi implements Dialect {
 *   public String name() { return "demo"; }
 *   public StatusVocabulary statuses() { return STATUSES; }
 *   public String idFormat() { return "D- and digits, e.g. D-7"; }
 *   public Optional<String> operationId(String written) { ... }
 *   public List<Handler> handlers() { return List.of(START, MONITOR_READS, JOB_READS); }
 *   public Reply error(Request request, int status, String code, String message) { ... }
 *   public Optional<IdClaim> claimedId(String field, String url) { return Optional.empty(); }
 *   public List<Route> routes(String id, Map<String, Object> parameters) { ... }
 * }
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
public interface Dialect {

  /**
   * The API's short name, lower-case: the namespace of its operations in the state, the {@code
   * api} of the admin API and the prefix of its transformers ({@code opstub-<name>-...}).
   */
  String name();

  /** Its statuses, which timelines are checked against; {@link StatusVocabulary#apiName()} is its display name. */
  StatusVocabulary statuses();

  /** The form of an operation id, for messages: {@code a uuid such as a63a3bdd-...}. */
  String idFormat();

  /** The id normalised (as the state keys it), or empty when {@code written} is not an operation id. */
  Optional<String> operationId(String written);

  /**
   * What an operation of this API keeps beside its timeline, as the admin API ({@code POST
   * /__admin/opstub/operations}), {@code OpStubServer.addOperationWith} and the first of them
   * {@code OpStubServer.addOperation}'s {@code target} name it: parameters its stubs also take,
   * read by the same rules wherever they come from (a resource's location, say). None by default.
   *
   * <pre>{@code
   * public List<Parameter<?>> fields() {
   *   return List.of(Parameter.string("resourceLocation", "a path such as \"/snapshots/...\""));
   * }
   * }</pre>
   */
  default List<Parameter<?>> fields() {
    return List.of();
  }

  /**
   * The statuses the timeline of an operation with these {@link #fields()} is written in: by
   * default {@link #statuses()} (a dialect whose operations may declare status words of their own says so here).
   *
   * @param fields the fields given, by name, as plain JSON values (maps, lists, strings, numbers, booleans)
   * @throws IllegalArgumentException naming what is allowed, when a field does not read
   */
  default StatusVocabulary statuses(Map<String, ?> fields) {
    return statuses();
  }

  /**
   * The operation made of {@code fields}, each one of {@link #fields()} and checked by it already
   * (the values are still the plain JSON values given: read them again with the field's {@link
   * Parameter#read}), its {@code timeline} read with {@link #statuses(Map)}. By default: no field
   * keeps nothing; one field keeps its value's text ({@code String.valueOf} of what it reads as) as
   * {@link OperationSpec#target()}. A dialect that declares more fields must override this (the
   * registry refuses it at start otherwise): the target is the one text an operation keeps, in a
   * form the dialect chooses and reads back from {@link Poll#target()}.
   *
   * @param operations the operations it is made in (a dialect may keep parts that operations share there)
   * @throws IllegalArgumentException naming what is allowed, when the fields do not go together
   */
  default OperationSpec operation(String id, Timeline timeline, Map<String, ?> fields, Duration expireAfter,
      Operations operations) {
    List<Parameter<?>> declared = fields();
    Object value = declared.size() != 1 ? null : fields.get(declared.get(0).name());
    return new OperationSpec(id, timeline, value == null ? null : String.valueOf(declared.get(0).read(value)),
        expireAfter);
  }

  /**
   * What an operation keeps, as the admin API shows it, by field name (plain JSON values): by
   * default its {@link OperationSpec#target()} as the one field's text.
   *
   * @param target what the operation keeps, or {@code null}
   */
  default Map<String, Object> shownFields(String target, Operations operations) {
    List<Parameter<?>> declared = fields();
    return target == null || declared.size() != 1 ? Map.of() : Map.of(declared.get(0).name(), target);
  }

  /** An operation's timeline as the admin API shows it: by default its notation. */
  default String shownTimeline(String target, Timeline timeline, Operations operations) {
    return timeline.notation();
  }

  /** The status of a step as the admin API shows it (as its polls serve it): by default the step's. */
  default String shownStatus(String target, Poll now, Operations operations) {
    return now.step().status();
  }

  /** The request handlers, each served by one transformer named {@link Handler#name()}. */
  List<Handler> handlers();

  /**
   * Direct writers of this API's default body templates, by template path under {@code __files}:
   * used instead of Handlebars while that template is the shipped file, unchanged.
   */
  default Map<String, BodyWriter> defaultBodies() {
    return Map.of();
  }

  /** An error in this API's own format (and, where the API negotiates, the one the request asks for). */
  Reply error(Request request, int status, String code, String message);

  /**
   * Whether requests to this path belong to this API (whatever the stub that serves them): the
   * pack refuses their bodies past {@link Request#MAX_BODY_BYTES} before stubs are matched. By
   * default, the paths its routes for every id match, so a new API has the limit without asking.
   *
   * @param path the request path, without the query
   */
  default boolean ownsPath(String path) {
    for (Route route : routes(null, Map.of())) {
      if (route.matchesPath(path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The answer to a request whose body of {@code bytes} bytes is past {@link
   * Request#MAX_BODY_BYTES}: 413 in this API's own error format.
   */
  default Reply bodyTooLarge(Request request, long bytes) {
    return error(request, 413, "RequestBodyTooLarge", bodyTooLargeMessage(bytes));
  }

  /** The message of {@link #bodyTooLarge}: the size, the limit, and that it counts after un-gzipping. */
  static String bodyTooLargeMessage(long bytes) {
    return "The request body is too large: " + bytes + " bytes (after gzip decoding, if any); at most "
        + Request.MAX_BODY_BYTES + " bytes (1 MiB) are allowed.";
  }

  /**
   * The operation id a mapping's request URL names literally, for the validator's clash check;
   * empty for catch-alls and URLs that are not polls.
   *
   * @param field {@code url}, {@code urlPath}, {@code urlPattern} or {@code urlPathPattern}
   */
  Optional<IdClaim> claimedId(String field, String url);

  /**
   * The stubs that script operations of this API in a test: for one id, the routes that read it
   * ({@link Role#POLL}, {@link Role#LOOK}); for every id ({@code id == null}), also the routes of
   * the calls that start operations ({@link Role#START}).
   *
   * @param parameters the stub's parameters, for an API whose URLs the user chooses (a start
   *     route's method and path); the seed APIs ignore them
   */
  List<Route> routes(String id, Map<String, Object> parameters);

  /**
   * The names of the stub parameters {@link #routes} reads to choose its routes (a start route's
   * {@code method} and {@code path}), beside the handlers' own parameters; none for the seed APIs.
   */
  default List<String> routeParameters() {
    return List.of();
  }

  /** What is wrong with an id that {@link #operationId} refused, naming the allowed form. */
  default String idProblem(String written) {
    return "a " + statuses().apiName() + " operation id is " + idFormat() + "; was \"" + written + "\"";
  }

  /** How a recording reads this API's traffic; empty when the API cannot be recorded. */
  default Optional<Recording> recording() {
    return Optional.empty();
  }
}
