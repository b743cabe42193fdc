package dev.opstub.spi;

/**
 * What a handler's requests do to an operation. The recorder, the validator, the admin API and
 * the JUnit extension find an API's handlers and routes by role, never by position.
 *
 * <pre>{@code
 * api.handlers().stream().filter(h -> h.role() == Role.POLL).toList(); // the URLs a client polls
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
public enum Role {
  /** Starts operations (take a snapshot, start a channel, an analyze call): its stub carries the timeline. */
  START,
  /**
   * Reads an operation and advances it by one poll: a status monitor, a Location URL while it is
   * the one a client polls. Each such read lands in the poll history.
   */
  POLL,
  /**
   * Reads where an operation stands without moving it: the resource a finished operation made, a
   * final GET after a monitor said it succeeded. Not a poll: not in the history.
   */
  LOOK
}
