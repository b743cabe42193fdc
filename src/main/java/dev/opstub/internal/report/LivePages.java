package dev.opstub.internal.report;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.conformance.Waivers;
import dev.opstub.internal.state.State;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.OperationView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The server's own pages, {@code GET /__admin/opstub/ui}: the live operations of every API the
 * registry has, with their state, each linked to its trace page ({@code ui/operations/{api}/{id}}).
 * A page reloads itself every {@value #REFRESH_SECONDS} seconds while an operation it shows has not
 * finished, so it follows a client that polls; once all have finished it stays still.
 *
 * <pre>{@code
 * LivePages pages = new LivePages(state, Apis.builtIn());
 * LivePages.Page list = pages.operations();
 * }</pre>
 */
public final class LivePages {
  /** How often a page reloads while an operation runs. */
  public static final int REFRESH_SECONDS = 2;
  /** The most operations of one API the list shows; the JSON admin API pages through all. */
  public static final int MAX_PER_API = 200;

  private final State state;
  private final Apis apis;
  public LivePages(State state, Apis apis) {
    this.state = state;
    this.apis = apis;
  }

  /** An HTML answer. */
  public record Page(int status, String html) {}

  /** {@code GET ui}: every API with its live operations. */
  public Page operations() {
    StringBuilder body = new StringBuilder();
    body.append("<header><h1>OpStub: live operations</h1>\n<p>Every API this server serves, with the operations it"
        + " holds now. Each links its trace: the polls, the waits and the faults.</p>\n</header>\n<main>\n");
    boolean running = false;
    for (Dialect api : apis.all()) {
      String headingId = "api-" + api.name();
      body.append("<section aria-labelledby=\"").append(headingId).append("\">\n<h2 id=\"").append(headingId)
          .append("\">").append(ReportPages.esc(api.statuses().apiName())).append(" (<code>")
          .append(ReportPages.esc(api.name())).append("</code>)</h2>\n");
      List<OperationView> live = state.operations(new State.OperationKey(api.name(), ""), MAX_PER_API + 1).stream()
          .filter(view -> view.api().equals(api.name())).toList();
      if (live.isEmpty()) {
        body.append("<p>No live operations.</p>\n</section>\n");
        continue;
      }
      body.append("<table><caption>").append(live.size() > MAX_PER_API ? "The first " + MAX_PER_API : live.size())
          .append(" live ").append(ReportPages.esc(api.statuses().apiName())).append(" operations by id</caption>\n")
          .append("<thead><tr><th scope=\"col\">Operation</th><th scope=\"col\">State</th><th scope=\"col\">Status now</th>"
              + "<th scope=\"col\">Polls</th><th scope=\"col\">Timeline</th></tr></thead>\n<tbody>\n");
      for (OperationView view : live.subList(0, Math.min(live.size(), MAX_PER_API))) {
        boolean finished = Traces.finished(view);
        running |= !finished;
        var now = view.now();
        body.append("<tr><td><a href=\"ui/operations/").append(ReportPages.esc(api.name())).append('/')
            .append(ReportPages.esc(segment(view.id()))).append("\">").append(ReportPages.esc(view.id()))
            .append("</a></td><td>").append(finished ? "finished" : "running").append("</td><td>")
            .append(ReportPages.esc(now.step().isFault() ? now.step().fault().notation() : now.step().status()))
            .append("</td><td>").append(now.number()).append("</td><td><code>")
            .append(ReportPages.esc(view.timeline().notation())).append("</code></td></tr>\n");
      }
      body.append("</tbody></table>\n</section>\n");
    }
    body.append("</main>\n<footer><p>").append(refreshNote(running)).append(" JSON: <a href=\"operations\">"
        + "GET /__admin/opstub/operations</a>.</p></footer>\n");
    return new Page(200, ReportPages.page("OpStub: live operations", running ? REFRESH_SECONDS : null, body));
  }

  /** {@code GET ui/operations/{api}/{id}}: one operation's trace; a 404 page when the API or operation is unknown. */
  public Page operation(String apiName, String id) {
    Optional<Dialect> api = apis.byName(apiName);
    String back = "<nav aria-label=\"Pages\"><a href=\"../../../ui\">Every live operation</a></nav>\n";
    if (api.isEmpty()) {
      return notFound("No API is named \"" + apiName + "\"; this server serves " + apis.names() + ".", back);
    }
    String key = api.get().operationId(id).orElse(id);
    Trace trace = Traces.of(api.get(), state, key, null, Waivers.NONE);
    if (trace.timeline() == null && trace.polls().isEmpty()) {
      return notFound("No live " + api.get().name() + " operation \"" + id + "\" and no polls of it.", back);
    }
    boolean running = state.find(api.get().name(), key).map(view -> !Traces.finished(view)).orElse(false);
    StringBuilder body = new StringBuilder("<header><h1>").append(ReportPages.esc(trace.heading())).append("</h1>\n")
        .append(back).append("</header>\n<main>\n");
    ReportPages.sections(body, List.of(trace));
    body.append("</main>\n<footer><p>").append(refreshNote(running)).append("</p></footer>\n");
    return new Page(200, ReportPages.page("OpStub trace: " + trace.heading(), running ? REFRESH_SECONDS : null, body));
  }

  private static Page notFound(String message, String back) {
    return new Page(404, ReportPages.page("OpStub: not found", null, new StringBuilder("<header><h1>Not found</h1>\n")
        .append(back).append("</header>\n<main>\n<p>").append(ReportPages.esc(message)).append("</p>\n</main>\n")));
  }

  private static String refreshNote(boolean running) {
    return running ? "This page reloads every " + REFRESH_SECONDS + " seconds while an operation runs."
        : "Every operation shown has finished: this page does not reload.";
  }

  /** An id as one URL path segment (Media ids hold colons; any id may hold what a path cannot). */
  private static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
