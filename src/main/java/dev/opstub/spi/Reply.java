package dev.opstub.spi;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an API package answers: a status, headers, and either a finished body or a model for a
 * body template.
 *
 * <p>Error bodies are finished text (their format is fixed by the API). Success bodies are a
 * {@code model} plus the name of the pack's default template for it, so that a mapping can point
 * at its own Handlebars template in {@code __files} and change the body's shape.
 *
 * <pre>{@code
 * Reply notFound = Reply.text(404, Map.of("Content-Type", "application/json"),
 *     "{\"error\":{\"code\":\"NotFound\",\"message\":\"no such operation\"}}");
 * Reply running = Reply.templated(200, Map.of(), "opstub/demo/operation.json", Map.of("status", "running"))
 *     .withHeader("Retry-After", "1");
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 *
 * @param status HTTP status
 * @param headers response headers, in order
 * @param body finished body text, or {@code null} when {@code model} is set
 * @param template default template for {@code model}, a path under {@code __files}
 * @param model values the template reads, or {@code null}
 * @param polled which operation this reply answered a poll of, or {@code null} when it was not a
 *     poll; recorded so that tests can assert how a client polled
 * @param fault a connection fault to break the connection with instead
 *     of answering, or {@code null}
 * @param delay how long to hold the answer back, or {@code null}
 */
public record Reply(int status, Map<String, String> headers, String body, String template,
    Map<String, Object> model, Polled polled, Fault.Kind fault, Duration delay) {

  /**
   * The poll a reply answers.
   *
   * @param api the store namespace: the API's name
   * @param operationId the id as the client wrote it (normalised when it is well formed)
   * @param status the status served in the API's spelling, or {@code null} for an error reply
   * @param terminal whether that status ends the operation
   * @param recorded the history entry the state wrote as it served the poll, or {@code null} when
   *     the server records the poll once the answer is made
   */
  public record Polled(String api, String operationId, String status, boolean terminal, Recorded recorded) {
    public Polled(String api, String operationId, String status, boolean terminal) {
      this(api, operationId, status, terminal, null);
    }
  }

  /**
   * A poll's history entry that the state wrote as it served the poll (kept by whoever polled the
   * state: a reply only carries it to the server that sends the answer).
   */
  @FunctionalInterface
  public interface Recorded {
    /** The client got an error of {@code httpStatus} instead of the recorded answer: the entry says so. */
    void answeredInstead(int httpStatus);
  }

  public Reply {
    headers = headers instanceof Frozen ? headers : new Frozen(headers);
    if ((body == null) == (model == null)) {
      throw new IllegalArgumentException("a reply has either a body or a model");
    }
    if (model != null) {
      Objects.requireNonNull(template, "template");
    }
  }

  /** A reply with a finished body. */
  public static Reply text(int status, Map<String, String> headers, String body) {
    return new Reply(status, headers, body, null, null, null, null, null);
  }

  /** A reply whose body is rendered from {@code model} by a template. */
  public static Reply templated(int status, Map<String, String> headers, String template,
      Map<String, Object> model) {
    return new Reply(status, headers, null, template, model, null, null, null);
  }

  /** This reply, marked as the answer to a poll. */
  public Reply withPolled(Polled polled) {
    return new Reply(status, headers, body, template, model, polled, fault, delay);
  }

  /** This reply, with one header added (or replaced). */
  public Reply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, more, body, template, model, polled, fault, delay);
  }

  /** This reply, with these headers added (or replaced). */
  public Reply withHeaders(Map<String, String> added) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.putAll(added);
    return new Reply(status, more, body, template, model, polled, fault, delay);
  }

  /** This reply, breaking the connection instead. */
  public Reply withFault(Fault.Kind fault) {
    return new Reply(status, headers, body, template, model, polled, fault, delay);
  }

  /** This reply, held back by {@code delay} ({@code null}: not held back). */
  public Reply withDelay(Duration delay) {
    return new Reply(status, headers, body, template, model, polled, fault, delay);
  }

  /**
   * Headers copied once, in order, and read-only: a reply made from another ({@link #withPolled},
   * {@link #withDelay}: each poll makes a few) keeps them instead of copying them again.
   */
  private static final class Frozen extends AbstractMap<String, String> {
    private final Map<String, String> headers;

    Frozen(Map<String, String> headers) {
      this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return headers.entrySet();
    }

    @Override
    public String get(Object name) {
      return headers.get(name);
    }

    @Override
    public boolean containsKey(Object name) {
      return headers.containsKey(name);
    }

    @Override
    public int size() {
      return headers.size();
    }
  }
}
