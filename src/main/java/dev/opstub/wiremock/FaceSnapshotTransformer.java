package dev.opstub.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import dev.opstub.face.FaceErrors;
import dev.opstub.face.FaceSnapshots;
import dev.opstub.face.FaceStatuses;
import dev.opstub.http.ApiReply;
import dev.opstub.http.ApiRequest;
import dev.opstub.journal.PollJournal;
import dev.opstub.timeline.OperationStore;
import dev.opstub.timeline.Timeline;
import dev.opstub.timeline.TimelineParser;
import java.util.Set;

/**
 * {@value #NAME}: serves the Face snapshot calls (take, list, get, update, delete, apply) of
 * {@link FaceSnapshots}; the operations that take and apply start are polled through {@code
 * opstub-face-operation}.
 *
 * <p>{@code transformerParameters}:
 *
 * <ul>
 *   <li>{@code timeline}: what the operations started by take and apply follow (notation string or
 *       JSON array; default {@code notStarted, running x2, succeeded}). A failing timeline such as
 *       {@code running, failed(The source person group was edited)} makes the take or apply fail.
 *   <li>{@code refuse}: {@code 409} or {@code 429} (number or string): a valid take or apply answers
 *       409 {@code ConcurrentOperationConflict} or 429 "Rate limit is exceeded." instead of 202.
 * </ul>
 *
 * <pre>{@code
 * "response": {
 *   "transformers": ["opstub-face-snapshots"],
 *   "transformerParameters": {"timeline": "running, failed(Source edited)"}
 * }
 * }</pre>
 */
final class FaceSnapshotTransformer extends OpStubTransformer {
  static final String NAME = OpStubExtensions.FACE_SNAPSHOTS;

  private static final Set<String> PARAMETERS = Set.of("timeline", "refuse");

  private final FaceSnapshots snapshots;

  FaceSnapshotTransformer(OperationStore store, BodyTemplates templates, PollJournal journal) {
    this(new FaceSnapshots(store), templates, journal);
  }

  FaceSnapshotTransformer(FaceSnapshots snapshots, BodyTemplates templates, PollJournal journal) {
    // Snapshot calls are not polls: nothing of theirs goes into the journal.
    super(templates, journal);
    this.snapshots = snapshots;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  ApiReply reply(ApiRequest request, Parameters parameters) {
    Object timeline = parameters.get("timeline");
    Timeline parsed = timeline == null ? null : TimelineParser.parseAny(timeline, FaceStatuses.INSTANCE);
    FaceSnapshots.Script script = new FaceSnapshots.Script(parsed, refusal(parameters.get("refuse")));
    return snapshots.handle(request, script);
  }

  private static FaceSnapshots.Refusal refusal(Object value) {
    if (value == null) {
      return null;
    }
    String text = String.valueOf(value).trim();
    try {
      // JSON numbers may arrive as 409, 409.0 or "409".
      double number = Double.parseDouble(text);
      if (number == Math.rint(number)) {
        var refusal = FaceSnapshots.Refusal.ofStatus((int) number);
        if (refusal.isPresent()) {
          return refusal.get();
        }
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new MappingException("transformerParameters.refuse must be 409 (ConcurrentOperationConflict) or 429 "
        + "(rate limit); was " + value);
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
