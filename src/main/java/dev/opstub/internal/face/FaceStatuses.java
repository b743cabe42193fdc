package dev.opstub.internal.face;

import dev.opstub.spi.Phase;
import dev.opstub.spi.StatusVocabulary;
import java.util.List;

/**
 * The Face API's operation statuses, {@code notStarted, running, succeeded, failed}, matched
 * case-insensitively (so the stable dialect's {@code notstarted} reads too).
 *
 * <p>A {@code failed} step may carry the message a client sees: {@code failed(why)}.
 */
public enum FaceStatuses implements StatusVocabulary {
  INSTANCE;

  private static final List<String> NAMES = List.of("notStarted", "running", "succeeded", "failed");
  private static final List<Phase> PHASES = List.of(Phase.NOT_STARTED, Phase.RUNNING, Phase.SUCCEEDED, Phase.FAILED);

  @Override
  public String apiName() {
    return "Face API";
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

  @Override
  public String checkDetail(Phase phase, String detail) {
    return phase == Phase.FAILED ? null
        : "only 'failed' takes a message in parentheses, e.g. failed(Source person group was edited)";
  }
}
