package dev.opstub.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import dev.opstub.http.ApiReply;
import dev.opstub.http.ApiRequest;
import dev.opstub.journal.PollJournal;
import dev.opstub.media.MediaActions;
import dev.opstub.media.MediaStatuses;
import dev.opstub.timeline.OperationStore;
import dev.opstub.timeline.TimelineParser;
import java.util.Set;

/**
 * {@value OpStubExtensions#MEDIA_ACTION}: serves the Media Services actions that start an
 * operation (Start, Stop, Scale, Reset, DELETE) with {@code 202} and an {@code operation-id}.
 *
 * <p>{@code transformerParameters}: {@code timeline}, what the started operations follow (default
 * {@code InProgress x2, Succeeded}; the well-known failing entities keep theirs).
 */
final class MediaActionTransformer extends OpStubTransformer {
  private static final Set<String> PARAMETERS = Set.of("timeline", EXPIRE_AFTER);

  private final MediaActions actions;

  MediaActionTransformer(OperationStore store, BodyTemplates templates, PollJournal journal) {
    super(templates, journal);
    this.actions = new MediaActions(store);
  }

  @Override
  public String getName() {
    return OpStubExtensions.MEDIA_ACTION;
  }

  @Override
  ApiReply reply(ApiRequest request, Parameters parameters) {
    Object timeline = parameters.get("timeline");
    MediaActions.ActionScript script = new MediaActions.ActionScript(
        timeline == null ? null : TimelineParser.parseAny(timeline, MediaStatuses.INSTANCE),
        durationParameter(parameters, EXPIRE_AFTER));
    return actions.start(request, script);
  }

  @Override
  ApiReply error(ApiRequest request, int status, String code, String message) {
    return MediaOperationTransformer.mediaError(request, status, code, message);
  }

  @Override
  Set<String> parameterNames() {
    return PARAMETERS;
  }
}
