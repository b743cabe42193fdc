package dev.opstub.wiremock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.LocalNotifier;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.opstub.http.ApiReply;
import dev.opstub.http.ApiRequest;
import dev.opstub.timeline.TimelineException;
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
  private final BodyTemplates templates;

  OpStubTransformer(BodyTemplates templates) {
    this.templates = templates;
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
      String body = reply.body() != null ? reply.body()
          : templates.render(serveEvent, definition.getBodyFileName(), reply.template(), reply.model());
      return respond(definition, reply, body);
    } catch (MappingException | TimelineException e) {
      String message = "OpStub mapping " + describe(serveEvent.getStubMapping()) + " is invalid: " + e.getMessage();
      LocalNotifier.notifier().error(message);
      return respond(definition, error(request, 500, "OpStubMappingError", message), null);
    } catch (RuntimeException e) {
      LocalNotifier.notifier().error("OpStub failed to answer " + serveEvent.getRequest().getUrl(), e);
      return respond(definition,
          error(request, 500, "InternalServerError", "The stub failed to answer this request; see the server log."), null);
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
    return ResponseDefinitionBuilder.like(definition).but()
        .withStatus(reply.status())
        .withHeaders(new HttpHeaders(headers))
        .withBodyFile(null)
        .withBody(body != null ? body : reply.body())
        .build();
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
