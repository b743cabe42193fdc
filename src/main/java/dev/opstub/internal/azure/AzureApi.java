package dev.opstub.internal.azure;

import dev.opstub.internal.api.Handler;
import dev.opstub.internal.api.IdClaim;
import dev.opstub.internal.api.OperationApi;
import dev.opstub.internal.api.Route;
import dev.opstub.internal.http.ApiReply;
import dev.opstub.internal.http.ApiRequest;
import dev.opstub.internal.timeline.StatusVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The long-running operations of today's Azure clients, as the pack knows them ("Azure LRO"): the
 * data-plane status monitor of the Azure REST API guidelines ({@code Operation-Location}) and ARM's
 * {@code Azure-AsyncOperation}, {@code Location} and {@code provisioningState}. A start mapping
 * ({@link AzureStart}) matches whatever method and path the service uses and names the pattern,
 * the timeline and the result; the monitors ({@link AzureMonitor}, {@link AzureLocation}, {@link
 * AzureResource}) find the operation by the id in their path, whatever {@code api-version} the
 * client sends.
 *
 * <pre>{@code
 * AzureApi.INSTANCE.operationId("3f2c9a4e-0d1b-4c55-9a51-0f6d7e1c2b3a"); // Optional[3f2c9a4e-...]
 * }</pre>
 */
public final class AzureApi implements OperationApi {
  public static final AzureApi INSTANCE = new AzureApi();

  /** The API's name: the namespace of its operations, {@code "api": "azure"} in the admin API. */
  public static final String NAME = "azure";
  static final String ID_FORMAT = "1 to 128 letters, digits, '-', '_' or '.' (a uuid, for instance)";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** The monitor paths a start call hands out unless its mapping says {@code monitorPath}. */
  static final String MONITOR_PATHS =
      "(/subscriptions/[^/]+)?/providers/Microsoft\\.Resources/operationStatuses/[^/]+|(/[^/]+)?/operations/[^/]+";
  /** ARM's {@code Location} paths a start call hands out. */
  static final String LOCATION_PATHS = "(/subscriptions/[^/]+)?/providers/Microsoft\\.Resources/operationResults/[^/]+";

  private AzureApi() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StatusVocabulary statuses() {
    return AzureStatuses.INSTANCE;
  }

  @Override
  public String idFormat() {
    return ID_FORMAT + ", e.g. 3f2c9a4e-0d1b-4c55-9a51-0f6d7e1c2b3a";
  }

  @Override
  public Optional<String> operationId(String written) {
    return written != null && ID.matcher(written).matches() ? Optional.of(written) : Optional.empty();
  }

  @Override
  public String targetParameter() {
    return AzureParameters.RESULT.name();
  }

  @Override
  public List<Handler> handlers() {
    return List.of(AzureMonitor.INSTANCE, AzureStart.INSTANCE, AzureLocation.INSTANCE, AzureResource.INSTANCE);
  }

  @Override
  public ApiReply error(ApiRequest request, int status, String code, String message) {
    return AzureErrors.error(status, code, message);
  }

  /** Monitor URLs are handed out with fresh ids: no mapping names one. */
  @Override
  public Optional<IdClaim> claimedId(String field, String url) {
    return Optional.empty();
  }

  @Override
  public List<Route> routes(String id) {
    List<Route> routes = new ArrayList<>();
    String monitors = id == null ? "(" + MONITOR_PATHS + ")(:cancel)?"
        : "(.*/)" + Pattern.quote(id) + "(:cancel)?";
    routes.add(new Route(null, monitors, AzureMonitor.INSTANCE, List.of()));
    if (id == null) {
      routes.add(new Route("GET", LOCATION_PATHS, AzureLocation.INSTANCE, List.of()));
    }
    return routes;
  }

  /** The last segment of a path, when it is an operation id. */
  static Optional<String> lastSegment(String path) {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return INSTANCE.operationId(trimmed.substring(trimmed.lastIndexOf('/') + 1));
  }
}
