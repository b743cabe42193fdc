package dev.opstub.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.opstub.spi.BodyWriter;
import dev.opstub.spi.Handler;
import dev.opstub.spi.IdClaim;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.Route;
import dev.opstub.spi.StatusVocabulary;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One long-running-operation API the pack serves (Face, Media Services, ...): everything the rest
 * of the pack needs to know about it. The WireMock adapter, the validator, the admin API, the
 * recorder and the JUnit extension look an API up in {@link Apis} and ask it; none of them names an
 * API itself. An operation may be read on several URLs (a status monitor, a {@code Location} URL,
 * the resource it makes): each is a {@link Handler} that declares its {@link Role}.
 *
 * <pre>{@code
 * Dialect face = Apis.builtIn().byName(FaceApi.NAME).orElseThrow();
 * face.operationId("A63A3BDD-A1DB-4D05-87B8-DBAD6850062A"); // Optional[a63a3bdd-...]
 * }</pre>
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
   * The parameter that holds what the API keeps with an operation ({@link
   * dev.opstub.spi.OperationSpec#target()}): {@code resourceLocation}, {@code
   * targetEntityId}; the admin API takes it by this name.
   */
  String targetParameter();

  /**
   * What an operation keeps for the admin API's {@link #targetParameter()} field (a JSON value): by
   * default the field's text.
   *
   * @param operations the operations the operation is made in (an API may keep shared parts there)
   * @throws IllegalArgumentException naming what is allowed, when the value is not one the API takes
   */
  default String target(JsonNode value, Operations operations) {
    if (!value.isTextual()) {
      throw new IllegalArgumentException("\"" + targetParameter() + "\" must be a string; was " + value);
    }
    return value.asText();
  }

  /** A kept target as the admin API shows it in the {@link #targetParameter()} field: by default its text. */
  default JsonNode shownTarget(String target, Operations operations) {
    return TextNode.valueOf(target);
  }

  /**
   * The admin API's fields of an operation of this API beyond {@code api, id, timeline,
   * expireAfter} and {@link #targetParameter()}: none by default (Azure: {@code statusCase},
   * {@code statuses}).
   */
  default List<String> operationFields() {
    return List.of();
  }

  /**
   * The statuses the timeline of an admin API operation with these {@code fields} is written in:
   * by default {@link #statuses()}.
   *
   * @throws IllegalArgumentException naming what is allowed, when a field does not read
   */
  default StatusVocabulary statuses(JsonNode fields) {
    return statuses();
  }

  /**
   * The operation the admin API makes of {@code fields}, its {@code timeline} read already (with
   * {@link #statuses(JsonNode)}): by default that timeline and the {@link #target(JsonNode, Operations)}
   * of the {@link #targetParameter()} field.
   *
   * @throws IllegalArgumentException naming what is allowed, when a field does not read
   */
  default dev.opstub.spi.OperationSpec operation(String id, dev.opstub.spi.Timeline timeline,
      JsonNode fields, java.time.Duration expireAfter, Operations operations) {
    JsonNode value = fields.get(targetParameter());
    return new dev.opstub.spi.OperationSpec(id, timeline,
        value == null || value.isNull() ? null : target(value, operations), expireAfter);
  }

  /** An operation's timeline as the admin API shows it: by default its notation. */
  default String shownTimeline(String target, dev.opstub.spi.Timeline timeline, Operations operations) {
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
