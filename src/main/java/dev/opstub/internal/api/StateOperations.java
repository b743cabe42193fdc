package dev.opstub.internal.api;

import dev.opstub.internal.state.State;
import dev.opstub.spi.Answers;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Step;
import dev.opstub.spi.StubParameters;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Operations} a handler sees, over the server's {@link State}: each call is the state's
 * own, polls and looks are {@link Polls}'.
 *
 * <pre>{@code
 * Reply reply = handler.handle(request, parameters, new StateOperations(state));
 * }</pre>
 */
public record StateOperations(State state) implements Operations {

  @Override
  public Reply serve(Request request, StubParameters parameters, String api, String id, OperationSpec createIfAbsent,
      Answers answers) {
    return Polls.serve(state, request, parameters, api, id, createIfAbsent, answers);
  }

  @Override
  public Reply serve(String api, String id, OperationSpec createIfAbsent, Answers answers) {
    return Polls.serve(state, api, id, createIfAbsent, answers);
  }

  @Override
  public Reply look(String api, String id, Answers answers) {
    return Polls.look(state, api, id, answers);
  }

  @Override
  public Optional<OperationView> find(String api, String id) {
    return state.find(api, id);
  }

  @Override
  public OperationView put(String api, OperationSpec spec) {
    return state.put(api, spec);
  }

  @Override
  public Started start(String api, OperationSpec spec) {
    return state.start(api, spec);
  }

  @Override
  public Optional<OperationView> cancel(String api, String id, Step canceled) {
    return state.cancel(api, id, canceled);
  }

  @Override
  public boolean remove(String api, String id) {
    return state.remove(api, id);
  }

  /** The state's page of every API's operations, from {@code api}'s first id on, cut where the next API begins. */
  @Override
  public List<OperationView> operations(String api, String after, int limit) {
    List<OperationView> page = state.operations(new State.OperationKey(api, after == null ? "" : after), limit);
    List<OperationView> own = new java.util.ArrayList<>(page.size());
    for (OperationView view : page) {
      if (!view.api().equals(api)) {
        break;
      }
      own.add(view);
    }
    return own;
  }

  @Override
  public Optional<String> resource(String api, String kind, String id) {
    return state.resource(api, kind, id);
  }

  @Override
  public void putResource(String api, String kind, String id, String json, Duration timeToLive) {
    state.putResource(api, kind, id, json, timeToLive);
  }

  @Override
  public boolean removeResource(String api, String kind, String id) {
    return state.removeResource(api, kind, id);
  }

  @Override
  public List<String> resources(String api, String kind) {
    return state.resources(api, kind);
  }

  @Override
  public Clock clock() {
    return state.clock();
  }
}
