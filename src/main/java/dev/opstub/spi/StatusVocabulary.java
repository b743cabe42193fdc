package dev.opstub.spi;

import java.util.List;
import java.util.Optional;

/**
 * How one API spells its operation statuses, so that a timeline is checked against that API.
 *
 * <p>Implemented by each API (dialect); the timeline package itself knows no API.
 *
 * <pre>{@code
 * StatusVocabulary statuses = new StatusVocabulary() {
 *   public String apiName() { return "Demo API"; }
 *   public String example() { return "running x2, done"; }
 *   public List<String> statusNames() { return List.of("running", "done", "failed"); }
 *   public List<Phase> phases() { return List.of(Phase.RUNNING, Phase.SUCCEEDED, Phase.FAILED); }
 * };
 * statuses.phaseOf("DONE"); // Optional[SUCCEEDED]: spellings match case-insensitively
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
public interface StatusVocabulary {

  /** The API's name as a user knows it, for error messages ("Demo API"). */
  String apiName();

  /** A short valid timeline, shown when a timeline is empty ({@code running x2, succeeded}). */
  String example();

  /** The documented spellings, listed in error messages. */
  List<String> statusNames();

  /** What each of {@link #statusNames()} means, in the same order. */
  List<Phase> phases();

  /** The status spelled as the API documents it, matched case-insensitively. */
  default Optional<Phase> phaseOf(String statusName) {
    List<String> names = statusNames();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(statusName)) {
        return Optional.of(phases().get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * The first of {@link #statusNames()} that means {@code phase}, or the phase's own name when none
   * does: what an {@link Answers#statusName(Phase)} that answers in these words guesses.
   */
  default String nameOf(Phase phase) {
    List<Phase> all = phases();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) == phase) {
        return statusNames().get(i);
      }
    }
    return phase.name();
  }

  /**
   * Why a status this API does not have would hurt its clients, added to the "unknown status"
   * message, or {@code null} (the default) to say nothing more.
   */
  default String unknownStatusHint(String status) {
    return null;
  }

  /**
   * Checks the text in parentheses after a status ({@code failed(message)},
   * {@code Failed(Timeout: message)}).
   *
   * @return {@code null} when the detail is acceptable, otherwise what is wrong and what is allowed
   */
  default String checkDetail(Phase phase, String detail) {
    return phase == Phase.FAILED ? null : "only a failed step takes a detail in parentheses";
  }
}
