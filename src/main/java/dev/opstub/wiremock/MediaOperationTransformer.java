package dev.opstub.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import dev.opstub.http.ApiReply;
import dev.opstub.http.ApiRequest;
import dev.opstub.journal.PollJournal;
import dev.opstub.media.MediaErrors;
import dev.opstub.media.MediaFormat;
import dev.opstub.media.MediaHeaders;
import dev.opstub.media.MediaOperations;
import dev.opstub.media.MediaStatuses;
import dev.opstub.timeline.OperationStore;
import dev.opstub.timeline.TimelineParser;
import java.util.Set;

/**
 * {@value OpStubExtensions#MEDIA_OPERATION}: serves Media Services {@code GET
 * /api/Operations('<id>')} polls in the format the {@code Accept} header asks for.
 *
 * <p>{@code transformerParameters}: {@code timeline} (the id in the path follows it from its first
 * poll), {@code targetEntityId}. Without {@code timeline} only live operations answer (others are
 * 404 {@code OperationNotFound}).
 */
final class MediaOperationTransformer extends OpStubTransformer {
  private static final Set<String> PARAMETERS = Set.of("timeline", "targetEntityId", RETRY_AFTER, EXPIRE_AFTER);

  private final MediaOperations media;

  MediaOperationTransformer(OperationStore store, BodyTemplates templates, PollJournal journal) {
    super(templates, journal);
    this.media = new MediaOperations(store);
  }

  @Override
  public String getName() {
    return OpStubExtensions.MEDIA_OPERATION;
  }

  @Override
  ApiReply reply(ApiRequest request, Parameters parameters) {
    Object timeline = parameters.get("timeline");
    MediaOperations.Script script = timeline == null ? null : new MediaOperations.Script(
        TimelineParser.parseAny(timeline, MediaStatuses.INSTANCE), stringParameter(parameters, "targetEntityId"),
        durationParameter(parameters, EXPIRE_AFTER));
    return media.getOperation(request, script);
  }

  @Override
  ApiReply error(ApiRequest request, int status, String code, String message) {
    return mediaError(request, status, code, message);
  }

  static ApiReply mediaError(ApiRequest request, int status, String code, String message) {
    return MediaErrors.error(MediaFormat.fromAccept(request.header(MediaHeaders.ACCEPT)), status, code, message);
  }

  @Override
  Set<String> parameterNames() {
    return PARAMETERS;
  }
}
