package dev.opstub.internal.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.opstub.internal.timeline.Operation;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Poll;

/**
 * What the Azure API keeps with an operation (its {@code target}): {@value #FORM} and the digest
 * of its shape, the text {@code <profile digest> <method> <api-version> <path>} of the start call
 * (kept once in the state, as its {@link AzureProfile} is: what the operations of one stub share,
 * the result among it). The operations of one call share one shape, so an action's operation
 * keeps 20 characters (in Redis a field short enough for the hash's compact encoding); a
 * resource's (PUT, PATCH, DELETE) also keeps its own path after them, as the shape of such a call
 * leaves the path out (one shape per resource would pile up). Written once by the
 * start call; every monitor, Location and resource answer reads it back. No URL is kept: every URL
 * is built on the base URL of the request being answered.
 *
 * <p>The stored form is text no user value is read as. A target in any other form (one an earlier
 * version wrote) is a plain status monitor without result.
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
   * Read once per distinct shape, by the target of an action ({@code az1 <digest>}, which is all of
   * it): a poll should not parse what it has parsed before. A resource's operation is its shape's
   * with its own path, made on each read and dropped after it, so that no copy of its path is
   * kept beside its target. Bounded by what the entries hold, as each holds its profile (and result).
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
  /** The state's word for a shape. */
  private static final String SHAPE = "shape";
  /** Shapes by digest, and digests by shape, that this JVM wrote or read. */
  private static final Cache<String, String> SHAPES = Caffeine.newBuilder().maximumWeight(16L * 1024 * 1024)
      .<String, String>weigher((digest, shape) -> 64 + shape.length()).build();
  private static final Cache<String, String> SHAPE_DIGESTS = Caffeine.newBuilder().maximumWeight(16L * 1024 * 1024)
      .<String, String>weigher((shape, digest) -> 64 + shape.length()).build();

  /**
   * The target an operation of {@code profile} started by {@code method path} keeps, its shape and
   * {@code profile} stored in {@code state} (see {@link AzureProfile#keep}; the profile is looked
   * at only when the shape's mark is missing).
   *
   * @param lately whether a look this JVM took in the last second will do (a poll's script; a start looks every time)
   */
  static String target(AzureProfile profile, Operations operations, boolean lately, String method, String path,
      String apiVersion) {
    // An action's path is its call's, shared by all its operations; a resource's path (PUT, PATCH,
    // DELETE) names one resource, so it stays with the operation instead of making a shape per resource.
    boolean own = !"POST".equals(method);
    String shape = profile.remember() + ' ' + method + ' ' + (apiVersion == null ? "" : apiVersion) + ' '
        + (own ? "" : path);
    String digest = SHAPE_DIGESTS.get(shape, AzureProfile::digestOf);
    SHAPES.put(digest, shape);
    AzureProfile.keep(SHAPE, digest, () -> shape, operations, lately, () -> profile.store(operations, false));
    return own ? FORM + ' ' + digest + ' ' + path : SHARED.get(FORM + ' ' + digest, same -> same);
  }

  /** The operation a stored target describes ({@code null}: a plain status monitor). */
  static AzureOperation of(String target, Operations operations) {
    if (target == null) {
      return BARE;
    }
    AzureOperation known = READ.getIfPresent(target); // an action's target is its shape's key: one look, as ever
    if (known != null) {
      return known;
    }
    int digestEnd = FORM.length() + 1 + AzureProfile.DIGEST_LENGTH;
    if (!target.startsWith(FORM + ' ') || target.length() < digestEnd
        || (target.length() > digestEnd && (target.charAt(digestEnd) != ' ' || target.length() == digestEnd + 1))) {
      return BARE;
    }
    String form = target.length() == digestEnd ? target : target.substring(0, digestEnd);
    AzureOperation shape = form == target ? null : READ.getIfPresent(form);
    if (shape == null) {
      shape = parse(form, operations);
      READ.put(form, shape);
    }
    return form == target ? shape
        : new AzureOperation(shape.profile, shape.method, target.substring(digestEnd + 1), shape.apiVersion);
  }

  /** The operation of the shape {@code az1 <digest>} names (a resource's without its own path). */
  private static AzureOperation parse(String form, Operations operations) {
    String digest = form.substring(FORM.length() + 1);
    String shape = SHAPES.getIfPresent(digest);
    if (shape == null) {
      shape = AzureProfile.kept(SHAPE, digest, operations);
      SHAPES.put(digest, shape);
    }
    String[] parts = shape.split(" ", 4);
    return new AzureOperation(AzureProfile.find(parts[0], operations), parts[1], parts[3],
        parts[2].isEmpty() ? null : parts[2]);
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

  /** See {@link AzureProfile#percent}. */
  Integer percent(Poll poll, boolean byDefault) {
    return profile.percent(poll, byDefault);
  }

  /** The path of the status monitor ({@code Operation-Location}, {@code Azure-AsyncOperation}) of operation {@code id}. */
  String monitorPath(String id) {
    String template = profile.monitorTemplate();
    if (template != null && profile.service() != null && profile.service().startPath() != null) {
      return profile.service().monitorPath(template, path, id); // names copied from the start call's path
    }
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

  /** {@code baseUrl + somePath}, with the start call's {@code api-version} (after its own query, if any). */
  String url(String baseUrl, String somePath) {
    return baseUrl + somePath + (apiVersion == null ? "" : (somePath.indexOf('?') < 0 ? "?" : "&") + "api-version="
        + apiVersion);
  }

  /** What a service-shaped mapping adds, or {@code null}. */
  AzureServiceShape service() {
    return profile.service();
  }
}
