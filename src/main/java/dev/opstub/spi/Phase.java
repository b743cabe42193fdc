package dev.opstub.spi;

/**
 * Where an operation stands, independent of how an API spells it.
 *
 * <p>One API says {@code notStarted/running/succeeded/failed}, another {@code
 * InProgress/Succeeded/Failed}; some add {@code Canceled}, a terminal status of its own (a client
 * reports it as cancelled, not as failed). Every switch on a phase names each one: an API that
 * has no spelling for a phase says so there, rather than a default branch hiding the next phase
 * added.
 *
 * <pre>{@code
 * Phase phase = statuses.phaseOf("succeeded").orElseThrow(); // SUCCEEDED
 * phase.isTerminal();                                          // true: the client stops polling
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
public enum Phase {
  NOT_STARTED(false),
  RUNNING(false),
  SUCCEEDED(true),
  FAILED(true),
  CANCELED(true);

  private final boolean terminal;

  Phase(boolean terminal) {
    this.terminal = terminal;
  }

  /** A terminal phase ends the operation: a client stops polling once it sees one. */
  public boolean isTerminal() {
    return terminal;
  }
}
