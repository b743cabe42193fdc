package dev.opstub.internal.state;

/** The state contract on the default, in-memory backend. */
class InMemoryStateTest extends StateContract {
  @Override
  State newState() {
    return new InMemoryState(1_000);
  }
}
