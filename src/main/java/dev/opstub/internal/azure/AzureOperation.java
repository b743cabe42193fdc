package dev.opstub.internal.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.opstub.internal.state.State;

/**
 * What the Azure API keeps with an operation (its {@code target}): the start call's method, path
 * and {@code api-version}, and the digest of its {@link AzureProfile} (what the operations of one
 * stub share, the result among it). Written once by the start call; every monitor, Location and
 * resource answer reads it back. No URL is kept: every URL is built on the base URL of the request
 * being answered.
 *
 * <p>The stored form is {@value #FORM} {@code <profile digest> <method> <api-version> <path>}, one
 * space apart (a path holds no space): text no user value is read as. A target in any other form
 * (one an earlier version wrote) is a plain status monitor without result.
 *
 * @param profile what the operation shares with the others its stub started
 * @param method the start call's method
 * @param path the start call's path (the resource, for PUT, PATCH and DELETE)
 * @param apiVersion the start call's {@code api-version}, kept on the URLs handed out, or {@code null}
 */
record AzureOperation(AzureProfile profile, String method, String path, String apiVersion) {

  static final ObjectMapper JSON = new ObjectMapper();
  /** The start of every target this version writes. */
  static final String FORM = "az1";
  /** What an operation made without a start call (a test) is: a plain status monitor. */
  static final AzureOperation BARE = new AzureOperation(AzureProfile.BARE, "POST", "/", null);
  /**
   * Read once per distinct target: a poll should not parse what it has parsed before. Bounded by
   * what the entries hold, as each holds its profile (and result).
   */
  private static final Cache<String, AzureOperation> READ = Caffeine.newBuilder()
      .maximumWeight(64L * 1024 * 1024)
      .<String, AzureOperation>weigher((target, op) -> target.length() + op.profile().weight())
      .build();
  /**
   * The target text of recent starts, so that the operations of one call share one string (in
   * memory an operation then holds a reference, not a copy).
   */
  private static final Cache<String, String> SHARED = Caffeine.newBuilder().maximumSize(1_024).build();

  /**
   * The target an operation of {@code profile} started by {@code method path} keeps, {@code
   * profile} stored in {@code state} (see {@link AzureProfile#store}, {@code lately}).
   */
  static String target(AzureProfile profile, State state, boolean lately, String method, String path,
      String apiVersion) {
    String text = FORM + ' ' + profile.store(state, lately) + ' ' + method + ' ' + (apiVersion == null ? "" : apiVersion) + ' '
        + path;
    return SHARED.get(text, same -> same);
  }

  /** The operation a stored target describes ({@code null}: a plain status monitor). */
  static AzureOperation of(String target, State state) {
    if (target == null) {
      return BARE;
    }
    AzureOperation known = READ.getIfPresent(target);
    if (known == null) {
      known = parse(target, state);
      READ.put(target, known);
    }
    return known;
  }

  private static AzureOperation parse(String target, State state) {
    String[] parts = target.split(" ", 5);
    if (parts.length < 5 || !parts[0].equals(FORM)) {
      return BARE;
    }
    return new AzureOperation(AzureProfile.find(parts[1], state), parts[2], parts[4],
        parts[3].isEmpty() ? null : parts[3]);
  }

  AzurePattern pattern() {
    return profile.pattern();
  }

  String result() {
    return profile.result();
  }

  String resultProperty() {
    return profile.resultProperty();
  }

  boolean camelCase() {
    return profile.camelCase();
  }

  String error() {
    return profile.error();
  }

  long retryAfterMillis() {
    return profile.retryAfterMillis();
  }

  int failureStatus() {
    return profile.failureStatus();
  }

  String millisHeader() {
    return profile.millisHeader();
  }

  /** The path of the status monitor ({@code Operation-Location}, {@code Azure-AsyncOperation}) of operation {@code id}. */
  String monitorPath(String id) {
    String template = profile.monitorTemplate();
    String monitor = template != null ? template.replace("{id}", id)
        : pattern().arm ? AzureStart.armPrefix(path) + "/providers/Microsoft.Resources/operationStatuses/" + id
            : "/" + AzureStart.firstSegment(path) + "/operations/" + id;
    return monitor.replace("//", "/");
  }

  /** The path of ARM's {@code Location} of operation {@code id}. */
  String locationPath(String id) {
    return AzureStart.armPrefix(path) + "/providers/Microsoft.Resources/operationResults/" + id;
  }

  boolean isPutOrPatch() {
    return "PUT".equals(method) || "PATCH".equals(method);
  }

  /** An action (POST) returns a result in its monitor; resources are read where they are. */
  boolean isAction() {
    return "POST".equals(method);
  }

  /** {@code baseUrl + somePath}, with the start call's {@code api-version}. */
  String url(String baseUrl, String somePath) {
    return baseUrl + somePath + (apiVersion == null ? "" : "?api-version=" + apiVersion);
  }
}
