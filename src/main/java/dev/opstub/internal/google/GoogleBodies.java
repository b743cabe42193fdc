package dev.opstub.internal.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Reply;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A {@code google.longrunning.Operation} as JSON: {@code name}, {@code metadata} (its progress
 * fields filled in), {@code done}, and {@code response} or {@code error} once it has ended.
 *
 * <pre>{@code
 * GoogleBodies.operation("7612202767953098924", poll, GoogleKept.decode(poll.target()));
 * // {"name":"7612202767953098924","metadata":{"@type":"...","progressPercent":33,...},"done":false}
 * }</pre>
 */
final class GoogleBodies {
  /** The message of a cancelled operation's error (code 1). */
  static final String CANCELLED_MESSAGE = "Operation was cancelled.";

  private GoogleBodies() {}

  /** 200 with the operation as {@code poll} saw it. */
  static Reply reply(String name, Poll poll) {
    return Reply.text(200, GoogleErrors.JSON, operation(name, poll, GoogleKept.decode(poll.target())).toString());
  }

  static ObjectNode operation(String name, Poll poll, GoogleKept kept) {
    ObjectNode operation = GoogleKept.JSON.createObjectNode();
    operation.put("name", name);
    ObjectNode metadata = kept.metadata().deepCopy();
    if (metadata.has(GoogleKept.PROGRESS)) {
      metadata.put(GoogleKept.PROGRESS, kept.progress(poll.step(), poll.number()));
    }
    if (metadata.has(GoogleKept.START_TIME)) {
      metadata.put(GoogleKept.START_TIME, time(poll.createdTime()));
    }
    if (metadata.has(GoogleKept.LAST_UPDATE_TIME)) {
      metadata.put(GoogleKept.LAST_UPDATE_TIME,
          time(poll.lastActionTime() != null ? poll.lastActionTime() : poll.createdTime()));
    }
    operation.set("metadata", metadata);
    // A fault step shows the phase it sits in (a look, a list): never terminal.
    Phase phase = poll.step().isFault() ? Phase.RUNNING : poll.step().phase();
    operation.put("done", phase.isTerminal());
    switch (phase) {
      case SUCCEEDED -> operation.set("response", kept.response());
      case FAILED -> {
        GoogleStatuses.Failure failure = GoogleStatuses.failure(poll.step().detail());
        if (failure == null) { // a detail written before its rules were: still an error, never a 500
          failure = new GoogleStatuses.Failure(GoogleCode.UNKNOWN, poll.step().detail());
        }
        error(operation, failure.code(), failure.message());
      }
      case CANCELED -> error(operation, GoogleCode.CANCELLED, CANCELLED_MESSAGE);
      case NOT_STARTED, RUNNING -> { }
    }
    return operation;
  }

  private static void error(ObjectNode operation, GoogleCode code, String message) {
    ObjectNode error = operation.putObject("error");
    error.put("code", code.number()).put("message", message);
    error.putArray("details");
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
