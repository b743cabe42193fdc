package dev.opstub.face;

import dev.opstub.timeline.Phase;
import dev.opstub.timeline.StatusVocabulary;
import java.util.List;
import java.util.Optional;

/**
 * The Face API's operation statuses, {@code notStarted, running, succeeded, failed}, matched
 * case-insensitively (so the stable dialect's {@code notstarted} reads too).
 *
 * <p>A {@code failed} step may carry the message a client sees: {@code failed(why)}.
 */
public enum FaceStatuses implements StatusVocabulary {
  INSTANCE;

  private static final List<String> NAMES = List.of("notStarted", "running", "succeeded", "failed");

  @Override
  public String apiName() {
    return "Face API";
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

  @Override
  public String checkDetail(Phase phase, String detail) {
    return phase == Phase.FAILED ? null
        : "only 'failed' takes a message in parentheses, e.g. failed(Source person group was edited)";
  }
}
