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
 * {@code GET} of a resource a PUT, PATCH or DELETE started an operation on (the "original URI"):
 * the resource with its {@code properties.provisioningState} as the operation stands. It advances
 * the operation when the start call handed out nothing else to poll (the {@code
 * provisioning-state} pattern); otherwise it is the final GET after the monitor said Succeeded,
 * and it only looks. A resource whose DELETE succeeded is 404.
 */
public final class AzureResource implements Handler {
  /** The transformer's name. */
  public static final String NAME = "opstub-azure-resource";
  public static final AzureResource INSTANCE = new AzureResource();

  private AzureResource() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Role role() {
    return Role.LOOK;
  }

  @Override
  public List<Parameter<?>> parameters() {
    return List.of();
  }

  @Override
  public Reply handle(Request request, StubParameters parameters, Operations operations) {
    String id = AzureStart.resourceOperationId(request.path());
    Optional<OperationView> live = operations.find(AzureApi.NAME, id);
    if (live.isEmpty()) {
      return notFound(request.path());
    }
    AzureOperation op = AzureOperation.of(live.get().target(), operations);
    if (op.pattern() != AzurePattern.PROVISIONING_STATE) {
      return answer(live.get().now(), op, request.path());
    }
    return operations.serve(AzureApi.NAME, id, null,
        new AzureAnswers(operations, () -> notFound(request.path()), poll -> polled(poll, op, request.path())));
  }

  /**
   * The resource as a poll of the {@code provisioning-state} pattern serves it: while the operation
   * runs it carries the start's {@code Retry-After}, as a monitor does (ARM's clients read it from
   * every poll answer and wait their 30 s default without it).
   */
  private static Reply polled(Poll poll, AzureOperation op, String path) {
    Reply reply = answer(poll, op, path);
    if (poll.step().phase().isTerminal() || reply.status() != 200) {
      return reply;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    AzureStart.retryAfter(headers, op);
    return reply.withHeaders(headers);
  }

  private static Reply answer(Poll poll, AzureOperation op, String path) {
    if ("DELETE".equals(op.method()) && poll.step().phase() == Phase.SUCCEEDED) {
      return notFound(path);
    }
    return Reply.text(200, Map.of("Content-Type", AzureErrors.CONTENT_TYPE), AzureBodies.resource(poll, op));
  }

  private static Reply notFound(String path) {
    return AzureErrors.error(404, "ResourceNotFound", "The resource '" + path + "' is not found.");
  }
}
