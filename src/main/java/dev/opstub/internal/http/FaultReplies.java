package dev.opstub.internal.http;

import dev.opstub.spi.Fault;
import dev.opstub.spi.Reply;
import java.util.Map;
import java.util.function.IntFunction;

/** What a poll answers when its timeline step is a transient {@link Fault}. */
public final class FaultReplies {
  private FaultReplies() {}

  /**
   * An HTTP fault is the API's own error for that status (with {@code Retry-After} when the step
   * gives one); a connection fault breaks the connection instead of answering.
   *
   * @param httpError the API's error reply for an HTTP status
   */
  public static Reply of(Fault fault, IntFunction<Reply> httpError) {
    if (fault.kind() != Fault.Kind.HTTP) {
      return Reply.text(500, Map.of(), "").withFault(fault.kind());
    }
    Reply reply = httpError.apply(fault.httpStatus());
    return fault.retryAfter() == null ? reply : reply.withHeaders(Headers.retryAfter(fault.retryAfter()));
  }
}
