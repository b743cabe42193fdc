package dev.opstub.internal.conformance;

import dev.opstub.internal.state.PollRecord;
import java.util.List;
import java.util.Objects;

/**
 * What the server recorded of one operation's polls, with what its API expected: what a rule judges.
 *
 * @param api the API's name
 * @param operationId the operation's id
 * @param polls its recorded polls, oldest first (poll {@code n} is {@code polls.get(n - 1)})
 * @param expected what the API handed out and allows for it
 */
public record Trace(String api, String operationId, List<PollRecord> polls, Expectations expected) {

  public Trace {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(operationId, "operationId");
    polls = List.copyOf(polls);
    Objects.requireNonNull(expected, "expected");
  }

  /** The index of the first poll that was served a terminal status, or -1. */
  public int firstTerminal() {
    for (int i = 0; i < polls.size(); i++) {
      if (polls.get(i).terminal()) {
        return i;
      }
    }
    return -1;
  }
}
