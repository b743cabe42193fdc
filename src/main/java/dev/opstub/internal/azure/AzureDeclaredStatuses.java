package dev.opstub.internal.azure;

import dev.opstub.spi.Phase;
import dev.opstub.spi.StatusVocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A mapping's {@code statuses}: the words a service shows for its operations (Key Vault's {@code
 * inProgress, completed}), each with the phase it means. A timeline is written in these words
 * (matched ignoring case) and every one is served exactly as declared; the operation itself keeps
 * the guidelines' spelling of each phase (see {@link AzureProfile#servedStatus}), which is how a
 * shared store reads its timeline back.
 *
 * @param names the declared words, in the mapping's order
 * @param phases what each of {@code names} means
 */
record AzureDeclaredStatuses(List<String> names, List<Phase> phases) implements StatusVocabulary {
  /** The phase names a declaration takes, matched ignoring case, and what they mean. */
  private static final Map<String, Phase> PHASE_NAMES = Map.of("notstarted", Phase.NOT_STARTED,
      "running", Phase.RUNNING, "succeeded", Phase.SUCCEEDED, "failed", Phase.FAILED, "canceled", Phase.CANCELED);
  /** Words the timeline notation reads as faults, never as a status. */
  private static final Set<String> FAULT_WORDS = Set.of("http", "fault", "delay");
  static final String ALLOWED = "a JSON object (or its text) from each status's spelling (letters only, as the "
      + "service serves it) to its phase (notStarted, running, succeeded, failed or canceled), with at least one "
      + "succeeded status, e.g. {\"inProgress\": \"running\", \"completed\": \"succeeded\", \"failed\": \"failed\", "
      + "\"cancelled\": \"canceled\"}";

  /** Takes any word as a running status: a timeline's words while its statuses do not read. */
  static final StatusVocabulary ANY = new StatusVocabulary() {
    @Override
    public String apiName() {
      return "declared statuses";
    }

    @Override
    public String example() {
      return "running, succeeded";
    }

    @Override
    public List<String> statusNames() {
      return List.of();
    }

    @Override
    public List<Phase> phases() {
      return List.of();
    }

    @Override
    public java.util.Optional<Phase> phaseOf(String statusName) {
      return java.util.Optional.of(Phase.RUNNING);
    }

    @Override
    public String checkDetail(Phase phase, String detail) {
      return null;
    }
  };

  AzureDeclaredStatuses {
    names = List.copyOf(names);
    phases = List.copyOf(phases);
  }

  /**
   * The vocabulary a {@code statuses} value declares.
   *
   * @throws IllegalArgumentException saying what is wrong and what is allowed
   */
  static AzureDeclaredStatuses read(Map<?, ?> declared) {
    if (declared.isEmpty()) {
      throw new IllegalArgumentException("statuses declares no status; allowed: " + ALLOWED);
    }
    Map<String, String> seen = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    List<Phase> phases = new ArrayList<>();
    for (Map.Entry<?, ?> entry : declared.entrySet()) {
      String word = String.valueOf(entry.getKey());
      if (!word.matches("[A-Za-z]{1,64}") || FAULT_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("statuses: \"" + word + "\" cannot be a status: a timeline can only "
            + "name a status of 1 to 64 ASCII letters other than http, fault and delay; allowed: " + ALLOWED);
      }
      String earlier = seen.put(word.toLowerCase(Locale.ROOT), word);
      if (earlier != null) {
        throw new IllegalArgumentException("statuses declares \"" + earlier + "\" and \"" + word + "\", which a "
            + "timeline cannot tell apart (statuses are matched ignoring case); allowed: one spelling of each word");
      }
      Phase phase = entry.getValue() instanceof String name ? PHASE_NAMES.get(name.toLowerCase(Locale.ROOT)) : null;
      if (phase == null) {
        throw new IllegalArgumentException("statuses: \"" + word + "\" must map to a phase, one of notStarted, "
            + "running, succeeded, failed or canceled; was " + dev.opstub.spi.Parameter.describe(
                entry.getValue()));
      }
      names.add(word);
      phases.add(phase);
    }
    if (!phases.contains(Phase.SUCCEEDED)) {
      throw new IllegalArgumentException("statuses declares no succeeded status, so no operation could succeed; "
          + "allowed: " + ALLOWED);
    }
    return new AzureDeclaredStatuses(names, phases);
  }

  /** The first declared word of {@code phase}, or {@code null} when none means it. */
  String spelling(Phase phase) {
    int at = phases.indexOf(phase);
    return at < 0 ? null : names.get(at);
  }

  /** Its JSON form, as the mapping declared it. */
  Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      map.put(names.get(i), switch (phases.get(i)) {
        case NOT_STARTED -> "notStarted";
        case RUNNING -> "running";
        case SUCCEEDED -> "succeeded";
        case FAILED -> "failed";
        case CANCELED -> "canceled";
      });
    }
    return map;
  }

  @Override
  public String apiName() {
    return "declared statuses";
  }

  @Override
  public String example() {
    return names.get(0) + ", " + spelling(Phase.SUCCEEDED);
  }

  @Override
  public List<String> statusNames() {
    return names;
  }

  @Override
  public String unknownStatusHint(String status) {
    return "the mapping's statuses declare the words a timeline may use";
  }

  @Override
  public String checkDetail(Phase phase, String detail) {
    return AzureStatuses.INSTANCE.checkDetail(phase, detail);
  }
}
