package dev.opstub.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import dev.opstub.face.FaceErrors;
import dev.opstub.face.FaceOperations;
import dev.opstub.face.FaceStatuses;
import dev.opstub.http.ApiReply;
import dev.opstub.http.ApiRequest;
import dev.opstub.journal.PollJournal;
import dev.opstub.timeline.OperationStore;
import dev.opstub.timeline.TimelineParser;
import java.util.Set;

/**
 * {@value OpStubExtensions#FACE_OPERATION}: serves Face "Get Operation Status" polls.
 *
 * <p>{@code transformerParameters}: {@code timeline} (notation string or JSON array; the id in
 * the path follows it from its first poll), {@code resourceLocation} (served on success). Without
 * {@code timeline} only operations already live answer; others are 404.
 */
final class FaceOperationTransformer extends OpStubTransformer {
  private static final Set<String> PARAMETERS = Set.of("timeline", "resourceLocation", RETRY_AFTER, EXPIRE_AFTER);

  private final FaceOperations face;

  FaceOperationTransformer(OperationStore store, BodyTemplates templates, PollJournal journal) {
    super(templates, journal);
    this.face = new FaceOperations(store);
  }

  @Override
  public String getName() {
    return OpStubExtensions.FACE_OPERATION;
  }

  @Override
  ApiReply reply(ApiRequest request, Parameters parameters) {
    Object timeline = parameters.get("timeline");
    FaceOperations.Script script = timeline == null ? null : new FaceOperations.Script(
        TimelineParser.parseAny(timeline, FaceStatuses.INSTANCE), stringParameter(parameters, "resourceLocation"),
        durationParameter(parameters, EXPIRE_AFTER));
    return face.getStatus(request, script);
  }

  @Override
  ApiReply error(ApiRequest request, int status, String code, String message) {
    return FaceErrors.error(status, code, message);
  }

  @Override
  Set<String> parameterNames() {
    return PARAMETERS;
  }
}
