package dev.opstub.internal.timeline;

/**
 * Where an operation stands, independent of how an API spells it.
 *
 * <p>Face preview says {@code notStarted/running/succeeded/failed}, Media Services says
 * {@code InProgress/Succeeded/Failed}; both map onto these four phases.
 */
public enum Phase {
  NOT_STARTED(false),
  RUNNING(false),
  SUCCEEDED(true),
  FAILED(true),
  /** Canceled before it finished: terminal, and not a failure. */
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
