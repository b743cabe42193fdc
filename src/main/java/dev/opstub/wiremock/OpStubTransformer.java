package dev.opstub.wiremock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.LocalNotifier;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.opstub.http.ApiReply;
import dev.opstub.http.ApiRequest;
import dev.opstub.journal.PollJournal;
import dev.opstub.journal.RecordedPoll;
import dev.opstub.timeline.TimelineException;
import dev.opstub.timeline.TimelineParser;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shared half of the pack's transformers: turn the request into an {@link ApiRequest}, let the
 * API package answer, render a templated body, and turn every failure into an error in the API's
 * own format (a broken mapping is named; an unexpected fault is logged, never shown as a stack
 * trace).
 *
 * <p>Only {@code String}, {@code Map} and WireMock's own types cross WireMock's API here, so the
 * same classes link against the relocated {@code wiremock-standalone} jar.
 */
abstract class OpStubTransformer implements ResponseDefinitionTransformerV2 {
  /** The parameter of the poll transformers that serves {@code Retry-After} on running polls. */
  static final String RETRY_AFTER = "retryAfter";
  /** The parameter that makes finished operations "not found" after a while, like the real services. */
  static final String EXPIRE_AFTER = "expireAfter";

  private final BodyTemplates templates;
  private final PollJournal journal;

  OpStubTransformer(BodyTemplates templates, PollJournal journal) {
    this.templates = templates;
    this.journal = journal;
  }

  /** Answers one request; may throw {@link MappingException} or {@link TimelineException}. */
  abstract ApiReply reply(ApiRequest request, Parameters parameters);

  /** An error reply in this API's format (and, where the API negotiates, the one asked for). */
  abstract ApiReply error(ApiRequest request, int status, String code, String message);

  /** The {@code transformerParameters} this transformer reads, for the unknown-key check. */
  abstract Set<String> parameterNames();

  @Override
  public final boolean applyGlobally() {
    return false;
  }

  @Override
  public final ResponseDefinition transform(ServeEvent serveEvent) {
    ResponseDefinition definition = serveEvent.getResponseDefinition();
    ApiRequest request = Requests.from(serveEvent.getRequest());
    try {
      Parameters parameters = definition.getTransformerParameters() == null
          ? Parameters.empty() : definition.getTransformerParameters();
      checkParameterNames(parameters);
      ApiReply reply = reply(request, parameters);
      if (reply.polled() != null) {
        Duration retryAfter = retryAfter(parameters, reply);
        if (retryAfter != null) {
          reply = withRetryAfter(reply, retryAfter);
        }
      }
      String body = reply.body() != null ? reply.body()
          : templates.render(serveEvent, definition.getBodyFileName(), reply.template(), reply.model());
      record(request, reply);
      return respond(definition, reply, body);
    } catch (MappingException | TimelineException e) {
      String message = "OpStub mapping " + describe(serveEvent.getStubMapping()) + " is invalid: " + e.getMessage();
      LocalNotifier.notifier().error(message);
      return respond(definition, error(request, 500, "OpStubMappingError", message), null);
    } catch (RuntimeException e) {
      LocalNotifier.notifier().error("OpStub failed to answer " + serveEvent.getRequest().getUrl(), e);
      ApiReply failed;
      try {
        failed = error(request, 500, "InternalServerError", "The stub failed to answer this request; see the server log.");
      } catch (RuntimeException again) {
        failed = ApiReply.text(500, Map.of("Content-Type", "application/json"),
            "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"The stub failed to answer this request.\"}}");
      }
      return respond(definition, failed, null);
    }
  }

  /** The {@code retryAfter} parameter, served on successful polls that are not terminal. */
  private static Duration retryAfter(Parameters parameters, ApiReply reply) {
    Duration retryAfter = durationParameter(parameters, RETRY_AFTER);
    return retryAfter == null || reply.status() != 200 || reply.polled().terminal() ? null : retryAfter;
  }

  /** A span parameter such as {@code "2s"} or {@code "1500ms"}, or {@code null}; anything else is a mapping error. */
  static Duration durationParameter(Parameters parameters, String name) {
    String value = stringParameter(parameters, name);
    if (value == null) {
      return null;
    }
    Duration span = TimelineParser.parseDuration(value);
    if (span == null) {
      throw new MappingException("transformerParameters." + name + " must be a positive span such as "
          + "\"2s\" or \"1500ms\"; was \"" + value + "\"");
    }
    return span;
  }

  /** Adds {@code Retry-After} (whole seconds, rounded up) and {@code retry-after-ms}. */
  private static ApiReply withRetryAfter(ApiReply reply, Duration retryAfter) {
    long millis = retryAfter.toMillis();
    return reply.withHeader("Retry-After", Long.toString((millis + 999) / 1000))
        .withHeader("retry-after-ms", Long.toString(millis));
  }

  private void record(ApiRequest request, ApiReply reply) {
    ApiReply.Polled polled = reply.polled();
    if (polled != null) {
      Duration retryAfter = servedRetryAfter(reply);
      journal.record(new RecordedPoll(polled.api(), polled.operationId(), Instant.now(), request.headers(),
          reply.status(), polled.status(), polled.terminal(), retryAfter));
    }
  }

  /** The wait the reply asks for: {@code retry-after-ms}, else {@code Retry-After} seconds. */
  private static Duration servedRetryAfter(ApiReply reply) {
    String millis = null;
    String seconds = null;
    for (Map.Entry<String, String> header : reply.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase("retry-after-ms")) {
        millis = header.getValue();
      } else if (header.getKey().equalsIgnoreCase("Retry-After")) {
        seconds = header.getValue();
      }
    }
    try {
      return millis != null ? Duration.ofMillis(Long.parseLong(millis))
          : seconds != null ? Duration.ofSeconds(Long.parseLong(seconds)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void checkParameterNames(Parameters parameters) {
    Set<String> unknown = new TreeSet<>(parameters.keySet());
    unknown.removeAll(parameterNames());
    if (!unknown.isEmpty()) {
      throw new MappingException("unknown transformerParameters " + unknown + " for " + getName()
          + "; allowed: " + new TreeSet<>(parameterNames()));
    }
  }

  private static ResponseDefinition respond(ResponseDefinition definition, ApiReply reply, String body) {
    List<HttpHeader> headers = new ArrayList<>();
    if (definition.getHeaders() != null) {
      // Headers the mapping adds stay, unless the reply sets the same one.
      for (HttpHeader header : definition.getHeaders().all()) {
        if (reply.headers().keySet().stream().noneMatch(header.key()::equalsIgnoreCase)) {
          headers.add(header);
        }
      }
    }
    reply.headers().forEach((name, value) -> headers.add(new HttpHeader(name, value)));
    ResponseDefinitionBuilder response = ResponseDefinitionBuilder.like(definition).but()
        .withStatus(reply.status())
        .withHeaders(new HttpHeaders(headers))
        .withBodyFile(null)
        .withBody(body != null ? body : reply.body());
    if (reply.delay() != null) {
      response = response.withFixedDelay((int) Math.min(Integer.MAX_VALUE, reply.delay().toMillis()));
    }
    if (reply.fault() != null) {
      response = response.withFault(reply.fault().equals("empty-response") ? Fault.EMPTY_RESPONSE
          : Fault.CONNECTION_RESET_BY_PEER);
    }
    return response.build();
  }

  private static String describe(StubMapping stub) {
    if (stub == null) {
      return "(unknown)";
    }
    return stub.getName() != null ? "'" + stub.getName() + "' (" + stub.getId() + ")" : String.valueOf(stub.getId());
  }

  /** A string parameter, or {@code null}; anything else is a mapping error. */
  static String stringParameter(Parameters parameters, String name) {
    Object value = parameters.get(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new MappingException("transformerParameters." + name + " must be a string; was " + value);
  }
}
