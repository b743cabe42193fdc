package dev.opstub.internal.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Step;
import dev.opstub.spi.Timeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a service-shaped mapping adds to its operations' {@link AzureProfile}: the start path whose
 * names its monitor path copies, the words it serves its statuses in, and the HTTP statuses of its
 * start and final answers. {@code null} in a profile without any of them, which then is stored
 * exactly as before.
 *
 * @param startPath the mapping's {@code startPath}, or {@code null}
 * @param statuses the declared vocabulary, or {@code null} (the guidelines' spelling)
 * @param stepWords the declared word of each step of the mapping's timeline (what the operation
 *     keeps is the guidelines' spelling of each phase, which a shared store reads back), or empty
 * @param finalStatus the HTTP status of ARM's {@code Location} once succeeded, or 0 for the default
 * @param startStatus the HTTP status of the start call's answer, or 0 for the default
 */
record AzureServiceShape(String startPath, AzureDeclaredStatuses statuses, List<String> stepWords, int finalStatus,
    int startStatus) {

  AzureServiceShape {
    stepWords = List.copyOf(stepWords);
  }

  /** The shape a stub's parameters give its operations, or {@code null} when they give none of it. */
  static AzureServiceShape of(String startPath, AzureDeclaredStatuses statuses, Timeline declaredTimeline,
      Integer finalStatus, Integer startStatus) {
    if (startPath == null && statuses == null && finalStatus == null && startStatus == null) {
      return null;
    }
    List<String> words = statuses == null ? List.of()
        : declaredTimeline.steps().stream().map(Step::status).toList();
    return new AzureServiceShape(startPath, statuses, words, finalStatus == null ? 0 : finalStatus,
        startStatus == null ? 0 : startStatus);
  }

  /**
   * {@code timeline} in the guidelines' spelling of each phase ({@code Running}, {@code
   * Succeeded}): what the operation keeps, so that a shared store reads it back with the API's own
   * words; the declared words are served from {@link #stepWords}.
   */
  static Timeline canonical(Timeline timeline) {
    List<Step> steps = new ArrayList<>();
    for (Step step : timeline.steps()) {
      String status = step.isFault() && step.status().isEmpty() ? "" : AzureStatuses.spelling(step.phase());
      steps.add(new Step(step.phase(), status, step.polls(), step.duration(), step.detail(), step.fault(),
          step.delay()));
    }
    return new Timeline(steps);
  }

  /**
   * The status a poll shows: the declared word of its step of the timeline, or (a canceled
   * operation, whose step is still the one it was canceled on) the first declared word of its phase.
   */
  String served(Poll poll) {
    Step step = poll.step();
    int index = poll.stepIndex();
    if (index >= 0 && index < stepWords.size()) {
      String word = stepWords.get(index);
      if (statuses.phaseOf(word).orElse(null) == step.phase()) {
        return word;
      }
    }
    String declared = statuses.spelling(step.phase());
    return declared != null ? declared : step.status();
  }

  /** {@code timeline} in the words served (the declared one of each step), as the admin API shows it. */
  String shown(Timeline timeline) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < timeline.steps().size(); i++) {
      Step step = timeline.step(i);
      String word = i < stepWords.size() && !step.status().isEmpty() ? stepWords.get(i) : step.status();
      steps.add(new Step(step.phase(), word, step.polls(), step.duration(), step.detail(), step.fault(), step.delay()));
    }
    return new Timeline(steps).notation();
  }

  /** The start path's template, parsed once. */
  AzurePathTemplate startTemplate() {
    return startPath == null ? null : AzurePathTemplate.parsed(AzureParameters.START_PATH.name(), startPath);
  }

  /** The monitor path of operation {@code id} started by a call to {@code startCallPath}: the names copied from it. */
  String monitorPath(String monitorTemplate, String startCallPath, String id) {
    AzurePathTemplate start = startTemplate();
    Map<String, String> bound = start == null ? null : start.bind(startCallPath);
    return AzurePathTemplate.parsed(monitorTemplate).render(bound == null ? Map.of() : bound, id);
  }

  /** Its stored form, part of the profile's. */
  ObjectNode toJson() {
    ObjectNode node = AzureOperation.JSON.createObjectNode();
    node.put("startPath", startPath);
    if (statuses != null) {
      node.set("statuses", AzureOperation.JSON.valueToTree(statuses.asMap()));
      stepWords.forEach(node.putArray("stepWords")::add);
    }
    return node.put("finalStatus", finalStatus).put("startStatus", startStatus);
  }

  /** The shape {@link #toJson} wrote, or {@code null} for none. */
  static AzureServiceShape parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode statuses = node.get("statuses");
    List<String> words = new ArrayList<>();
    node.path("stepWords").forEach(word -> words.add(word.asText()));
    Map<String, String> declared = new LinkedHashMap<>();
    if (statuses != null && statuses.isObject()) {
      statuses.fields().forEachRemaining(field -> declared.put(field.getKey(), field.getValue().asText()));
    }
    JsonNode start = node.get("startPath");
    return new AzureServiceShape(start == null || start.isNull() ? null : start.asText(),
        declared.isEmpty() ? null : AzureDeclaredStatuses.read(declared), words, node.path("finalStatus").asInt(0),
        node.path("startStatus").asInt(0));
  }

  /** Whether a profile's {@code monitorTemplate} needs more than its {@code {id}} filled in (or is not a plain path). */
  static boolean templated(String monitorTemplate) {
    try {
      return monitorTemplate != null && !AzurePathTemplate.parsed(monitorTemplate).isPlain();
    } catch (IllegalArgumentException unreadable) {
      return false; // reported where the parameter is read
    }
  }

  int weight() {
    return 128 + (startPath == null ? 0 : startPath.length()) + 16 * stepWords.size();
  }
}
