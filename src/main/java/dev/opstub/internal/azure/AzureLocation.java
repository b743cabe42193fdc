package dev.opstub.internal.azure;

import dev.opstub.spi.Handler;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.StubParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ARM's {@code Location} URL: 202 with {@code Location} and {@code Retry-After} while the
 * operation runs; once it succeeded what the synchronous call would have answered (the result, or
 * 204 without one; the resource for PUT and PATCH); once it failed the error with the mapping's
 * {@code failureStatus} (400 unless it says otherwise).
 *
 * <p>It advances the operation while it runs: in the {@code location} pattern it is the monitor,
 * and beside an {@code Azure-AsyncOperation} a client may follow it instead (azure-core's default
 * poller does). Once the operation ended it only looks: ARM's clients GET it once, after the
 * monitor said Succeeded, for the final result.
 */
public final class AzureLocation implements Handler {
  /** The transformer's name. */
  public static final String NAME = "opstub-azure-location";
  public static final AzureLocation INSTANCE = new AzureLocation();

  private AzureLocation() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Role role() {
    return Role.POLL;
  }

  @Override
  public List<Parameter<?>> parameters() {
    return List.of();
  }

  @Override
  public Reply handle(Request request, StubParameters parameters, Operations operations) {
    if (!"GET".equals(request.method())) {
      return AzureErrors.methodNotAllowed("GET", "Read an operation's Location with GET.");
    }
    Optional<String> id = AzureApi.lastSegment(request.path());
    if (id.isEmpty()) {
      return AzureErrors.invalidIdInPath();
    }
    Optional<OperationView> live = operations.find(AzureApi.NAME, id.get());
    if (live.isEmpty()) {
      return AzureErrors.operationNotFound(id.get());
    }
    AzureOperation op = AzureOperation.of(live.get().target(), operations);
    // Behind an Azure-AsyncOperation monitor, ARM's clients GET Location once the monitor ended: it
    // only looks. A client that follows Location instead (azure-core's default poller) polls it.
    if (op.pattern() != AzurePattern.LOCATION && live.get().now().isTerminal()) {
      return answer(live.get().now(), op, request.baseUrl());
    }
    return operations.serve(request, parameters, AzureApi.NAME, id.get(), null,
        new AzureAnswers(operations, () -> AzureErrors.operationNotFound(id.get()),
            poll -> answer(poll, op, request.baseUrl())));
  }

  /** The answer where the operation stands; {@code Location} is absolute on {@code baseUrl}, the request's. */
  static Reply answer(Poll poll, AzureOperation op, String baseUrl) {
    Map<String, String> headers = new LinkedHashMap<>();
    Phase phase = poll.step().phase();
    if (!poll.isTerminal()) {
      headers.put("Location", op.url(baseUrl, op.locationPath(poll.operationId())));
      AzureStart.retryAfter(headers, op);
      return Reply.text(202, headers, "");
    }
    if (phase != Phase.SUCCEEDED) {
      return AzureErrors.error(op.failureStatus(), AzureBodies.error(poll, op));
    }
    int finalStatus = op.service() == null ? 0 : op.service().finalStatus(); // the mapping's, or 0
    if (finalStatus == 204) {
      return Reply.text(204, headers, "");
    }
    if (op.isPutOrPatch()) {
      headers.put("Content-Type", AzureErrors.CONTENT_TYPE);
      return Reply.text(200, headers, AzureBodies.resource(poll, op));
    }
    if (op.result() == null) {
      return Reply.text(finalStatus == 200 ? 200 : 204, headers, "");
    }
    headers.put("Content-Type", AzureErrors.CONTENT_TYPE);
    return Reply.text(200, headers, op.result());
  }
}
