package dev.opstub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Demo API's client and mapping files, for the in-process and the standalone tests. */
public final class DemoJobs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoJobs() {}

  /** Starts a job and reads its monitor until a terminal status, looking at the job between polls. */
  public static List<String> runJob(String baseUrl) throws Exception {
    HttpResponse<String> started = Http.send("POST", baseUrl + "/demo/jobs", "{}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String monitor = started.headers().firstValue("Job-Location").orElseThrow();
    String job = monitor.substring(0, monitor.length() - "/status".length());
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String status = JSON.readTree(Http.get(monitor).body()).get("status").asText();
      seen.add(status);
      // A look between polls shows the same status and moves nothing.
      assertThat(JSON.readTree(Http.get(job).body()).get("status").asText()).isEqualTo(status);
      if (List.of("done", "broken", "stopped").contains(status)) {
        return seen;
      }
    }
    throw new AssertionError("the job never finished: " + seen);
  }

  public static final String MONITOR_OF_LIVE_JOBS = """
      {"priority": 5, "request": {"method": "GET", "urlPathPattern": "/demo/jobs/D-[0-9]+/status"},
       "response": {"transformers": ["opstub-demo-monitor"]}}
      """;

  public static final String JOBS = """
      {"request": {"method": "GET", "urlPathPattern": "/demo/jobs/D-[0-9]+"},
       "response": {"transformers": ["opstub-demo-job"]}}
      """;

  /** A root whose mappings start demo jobs on {@code timeline} and serve their monitors and jobs. */
  public static Path demoRoot(Path root, String timeline) throws Exception {
    Files.createDirectories(root.resolve("mappings"));
    Files.createDirectories(root.resolve("__files"));
    Files.writeString(root.resolve("mappings/start.json"), """
        {"request": {"method": "POST", "urlPath": "/demo/jobs"},
         "response": {"transformers": ["opstub-demo-start"], "transformerParameters": {"timeline": "%s"}}}
        """.formatted(timeline));
    Files.writeString(root.resolve("mappings/monitor.json"), MONITOR_OF_LIVE_JOBS);
    Files.writeString(root.resolve("mappings/job.json"), JOBS);
    return root;
  }

}
