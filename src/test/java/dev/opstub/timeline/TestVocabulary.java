package dev.opstub.timeline;

import java.util.List;
import java.util.Optional;

/** A Face-like vocabulary, so the timeline package is tested without any API package. */
enum TestVocabulary implements StatusVocabulary {
  INSTANCE;

  private static final List<String> NAMES = List.of("notStarted", "running", "succeeded", "failed");

  @Override
  public String apiName() {
    return "Test API";
  }

  @Override
  public String example() {
    return "running x2, succeeded";
  }

  @Override
  public Optional<Phase> phaseOf(String statusName) {
    for (int i = 0; i < NAMES.size(); i++) {
      if (NAMES.get(i).equalsIgnoreCase(statusName)) {
        return Optional.of(Phase.values()[i]);
      }
    }
    return Optional.empty();
  }

  @Override
  public List<String> statusNames() {
    return NAMES;
  }
}
