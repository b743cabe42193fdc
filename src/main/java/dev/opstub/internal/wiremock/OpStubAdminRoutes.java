package dev.opstub.internal.wiremock;

import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.LocalNotifier;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.opstub.internal.admin.AdminApi;
import dev.opstub.internal.http.AdminReply;
import dev.opstub.internal.record.Recordings;
import dev.opstub.internal.report.LivePages;
import java.util.function.Supplier;

/**
 * Mounts {@link AdminApi} under {@code /__admin/opstub/} (routes in the README). Bodies cross
 * WireMock's API as strings only, so the routes work in the standalone jar.
 */
final class OpStubAdminRoutes implements AdminApiExtension {
  private final AdminApi admin;
  private final Recordings recordings;
  private final LivePages pages;

  OpStubAdminRoutes(AdminApi admin, Recordings recordings, LivePages pages) {
    this.admin = admin;
    this.recordings = recordings;
    this.pages = pages;
  }

  @Override
  public String getName() {
    return "opstub-admin";
  }

  @Override
  public void contributeAdminApiRoutes(Router router) {
    router.add(RequestMethod.GET, "/opstub/operations", (a, event, params) -> json(() -> admin.listOperations(
        query(event.getRequest(), "limit"), query(event.getRequest(), "cursor"))));
    router.add(RequestMethod.POST, "/opstub/operations",
        (a, event, params) -> json(() -> admin.createOperation(event.getRequest().getBodyAsString())));
    router.add(RequestMethod.DELETE, "/opstub/operations",
        (a, event, params) -> json(() -> admin.reset(event.getRequest().getBodyAsString())));
    router.add(RequestMethod.GET, "/opstub/operations/{api}/{id}",
        (a, event, params) -> json(() -> admin.getOperation(params.get("api"), decoded(params.get("id")))));
    router.add(RequestMethod.GET, "/opstub/operations/{api}/{id}/conformance",
        (a, event, params) -> json(() -> admin.conformance(params.get("api"), decoded(params.get("id")))));
    router.add(RequestMethod.DELETE, "/opstub/operations/{api}/{id}",
        (a, event, params) -> json(() -> admin.deleteOperation(params.get("api"), decoded(params.get("id")))));
    router.add(RequestMethod.POST, "/opstub/reset",
        (a, event, params) -> json(() -> admin.reset(event.getRequest().getBodyAsString())));
    router.add(RequestMethod.GET, "/opstub/clock", (a, event, params) -> json(admin::clock));
    router.add(RequestMethod.POST, "/opstub/clock/freeze",
        (a, event, params) -> json(() -> admin.freeze(event.getRequest().getBodyAsString())));
    router.add(RequestMethod.POST, "/opstub/clock/advance",
        (a, event, params) -> json(() -> admin.advance(event.getRequest().getBodyAsString())));
    router.add(RequestMethod.POST, "/opstub/clock/resume",
        (a, event, params) -> json(() -> admin.resume(event.getRequest().getBodyAsString())));
    router.add(RequestMethod.GET, "/opstub/recordings", (a, event, params) -> json(recordings::status));
    router.add(RequestMethod.POST, "/opstub/recordings/start",
        (a, event, params) -> json(() -> recordings.start(event.getRequest().getBodyAsString(),
            new RecordingProxy(a, event.getRequest()))));
    router.add(RequestMethod.POST, "/opstub/recordings/stop",
        (a, event, params) -> json(() -> recordings.stop(event.getRequest().getBodyAsString(),
            new RecordingProxy(a, null))));
    router.add(RequestMethod.GET, "/opstub/ui", (a, event, params) -> html(pages::operations));
    router.add(RequestMethod.GET, "/opstub/ui/operations/{api}/{id}",
        (a, event, params) -> html(() -> pages.operation(params.get("api"), decoded(params.get("id")))));
  }

  /** A page of the server's UI; as {@link #json}, a fault of the pack is logged and answered without a stack trace. */
  private static ResponseDefinition html(Supplier<LivePages.Page> call) {
    LivePages.Page page;
    try {
      page = call.get();
    } catch (RuntimeException e) {
      LocalNotifier.notifier().error("OpStub's admin UI failed to answer", e);
      page = new LivePages.Page(500, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>OpStub: "
          + "error</title></head><body><h1>The OpStub admin UI failed to answer</h1><p>See the server log.</p></body></html>");
    }
    return ResponseDefinitionBuilder.responseDefinition().withStatus(page.status())
        .withHeader("Content-Type", "text/html; charset=utf-8").withHeader("Cache-Control", "no-store")
        .withBody(page.html()).build();
  }

  /** A query parameter's first value, or {@code null}. */
  private static String query(com.github.tomakehurst.wiremock.http.Request request, String name) {
    com.github.tomakehurst.wiremock.http.QueryParameter value = request.queryParameter(name);
    return value.isPresent() ? value.firstValue() : null;
  }

  /** Media ids may come percent-encoded ({@code nb%3Aopid%3AUUID%3A...}). */
  private static String decoded(String id) {
    // Never throws: a malformed escape (%zz) stays as written and reaches the API's own "not found".
    return dev.opstub.internal.http.Ids.percentDecode(id);
  }

  /**
   * The admin API's answer. It turns every bad input into a 4xx itself; anything else it throws is
   * a fault of the pack, logged here and answered as a JSON 500, so that WireMock never serves its
   * HTML page with a stack trace.
   */
  private static ResponseDefinition json(Supplier<AdminReply> call) {
    AdminReply reply;
    try {
      reply = call.get();
    } catch (RuntimeException e) {
      LocalNotifier.notifier().error("OpStub's admin API failed to answer", e);
      reply = new AdminReply(500,
          "{\"error\":\"the OpStub admin API failed to answer this request; see the server log\"}");
    }
    return ResponseDefinitionBuilder.responseDefinition().withStatus(reply.status())
        .withHeader("Content-Type", "application/json").withBody(reply.json()).build();
  }
}
