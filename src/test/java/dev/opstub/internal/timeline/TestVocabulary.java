package dev.opstub.internal.timeline;

import dev.opstub.spi.Phase;
import dev.opstub.spi.StatusVocabulary;
import java.util.List;

/** A Face-like vocabulary, so the timeline package is tested without any API package. */
enum TestVocabulary implements StatusVocabulary {
  INSTANCE;

  private static final List<String> NAMES = List.of("notStarted", "running", "succeeded", "failed");
  private static final List<Phase> PHASES = List.of(Phase.NOT_STARTED, Phase.RUNNING, Phase.SUCCEEDED, Phase.FAILED);

  @Override
  public String apiName() {
    return "Test API";
  }

  @Override
  public String example() {
    return "running x2, succeeded";
  }

  @Override
  public List<String> statusNames() {
    return NAMES;
  }

  @Override
  public List<Phase> phases() {
    return PHASES;
  }
}
