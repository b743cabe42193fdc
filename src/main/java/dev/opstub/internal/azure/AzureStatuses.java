package dev.opstub.internal.azure;

import dev.opstub.spi.Phase;
import dev.opstub.spi.StatusVocabulary;
import java.util.List;

/**
 * The statuses an Azure long-running operation shows: the guidelines' {@code NotStarted, Running,
 * Succeeded, Failed, Canceled} (one "l"), and the non-terminal values ARM resource providers use
 * ({@code InProgress, Accepted, Creating, Updating, Deleting}). Matched case-insensitively; served
 * in this spelling, or in camelCase where a mapping asks for it (Document Intelligence).
 *
 * <p>Only a failed step takes a detail: {@code Failed(Code)} or {@code Failed(Code: message)}, the
 * {@code error.code} and {@code error.message} a client sees.
 *
 * <pre>{@code
 * Timeline t = TimelineParser.parse("running x2, failed(InvalidRequest: Invalid request.)", AzureStatuses.INSTANCE);
 * }</pre>
 */
public enum AzureStatuses implements StatusVocabulary {
  INSTANCE;

  private static final List<String> NAMES = List.of("NotStarted", "Running", "InProgress", "Accepted", "Creating",
      "Updating", "Deleting", "Succeeded", "Failed", "Canceled");
  private static final List<Phase> PHASES = List.of(Phase.NOT_STARTED, Phase.RUNNING, Phase.RUNNING, Phase.RUNNING,
      Phase.RUNNING, Phase.RUNNING, Phase.RUNNING, Phase.SUCCEEDED, Phase.FAILED, Phase.CANCELED);

  /** The first spelling of {@code phase} in the guidelines' list ({@code Running} for every running status). */
  static String spelling(Phase phase) {
    return NAMES.get(PHASES.indexOf(phase));
  }

  @Override
  public String apiName() {
    return "Azure LRO";
  }

  @Override
  public String example() {
    return "Running x2, Succeeded";
  }

  @Override
  public List<String> statusNames() {
    return NAMES;
  }

  @Override
  public List<Phase> phases() {
    return PHASES;
  }

  /** Statuses azure-core reads as a custom, non-terminal status: a client would poll them for ever. */
  @Override
  public String unknownStatusHint(String status) {
    String lower = status.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("cancelled")) {
      return "spelled with one 'l', Canceled: azure-core and ARM read 'Cancelled' as a status of their own that "
          + "never ends, and poll it for ever";
    }
    return "azure-core and ARM read a status they do not know as one that never ends, and poll it for ever";
  }

  @Override
  public String checkDetail(Phase phase, String detail) {
    if (phase != Phase.FAILED) {
      return "only 'Failed' takes a detail in parentheses, e.g. Failed(InvalidRequest) or "
          + "Failed(InvalidRequest: Invalid request.)";
    }
    return AzureFailure.problem(detail);
  }
}
