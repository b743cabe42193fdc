package dev.opstub.junit;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.importer.ImportPlanner;
import dev.opstub.internal.importer.OperationPlan;
import dev.opstub.internal.importer.SpecPlan;
import dev.opstub.internal.openapi.OpenApiSpec;
import dev.opstub.internal.openapi.SpecOperation;
import dev.opstub.internal.openapi.SpecProblem;
import dev.opstub.spi.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code @OperationStub(spec = ..., operationId = ...)}: the stub the importer would write for one
 * long-running operation of a spec, with the annotation's timeline. Specs are read once per
 * version of the file (every test of a class asks again).
 */
final class SpecStubs {
  private record Read(FileTime modified, long size, OpenApiSpec spec) {}

  /** A few specs per test JVM: bounded, as a suite may name many spec files. */
  private static final Map<Path, Read> READ = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(32)
      .<Path, Read>build().asMap();

  private SpecStubs() {}

  @SuppressWarnings("deprecation") // checks that the deprecated attributes are left out
  static StubSpec of(OperationStub stub, String where) {
    String source = describe(stub) + " on " + where;
    if (stub.spec().isBlank() || stub.operationId().isBlank()) {
      throw StubSpec.misuse(source, (stub.spec().isBlank() ? "operationId" : "spec") + " is given without "
          + (stub.spec().isBlank() ? "spec" : "operationId") + "; give both: spec names the OpenAPI file, operationId "
          + "the long-running operation in it");
    }
    // The API whose start mappings the importer writes, found by their transformer, not by name.
    Dialect api = Apis.builtIn().apiOf(ImportPlanner.START_TRANSFORMER);
    if (!stub.apiName().isBlank() && !stub.apiName().trim().equals(api.name()) || stub.api() != Api.NAMED) {
      throw StubSpec.misuse(source, "a spec's operation is an " + api.statuses().apiName() + " operation; leave apiName "
          + "empty (or \"" + api.name() + "\") and api unset");
    }
    if (!stub.id().isEmpty()) {
      throw StubSpec.misuse(source, "id is the runtime id of one operation of an API named by apiName; a spec's operation is named by "
          + "operationId, and every call of it follows the timeline");
    }
    if (!stub.resourceLocation().isEmpty() || !stub.targetEntityId().isEmpty()) {
      throw StubSpec.misuse(source, "resourceLocation and targetEntityId are fields of other APIs; with spec, give "
          + "with = {\"result=...\"}");
    }
    Path file = Path.of(stub.spec());
    OpenApiSpec spec = read(file, source);
    SpecPlan plan = ImportPlanner.plan(spec, Map.of(stub.operationId(), stub.timeline()));
    OperationPlan operation = plan.operation(stub.operationId()).orElseThrow(() -> unknown(stub, spec, plan, source));
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("method", operation.method());
    parameters.put("path", operation.urlPathPattern());
    parameters.put("timeline", stub.timeline());
    parameters.putAll(operation.parameterValues());
    StubSpec.span(stub.retryAfter(), "retryAfter", "\"1s\" or \"200ms\"", parameters, source);
    StubSpec.span(stub.expireAfter(), "expireAfter", "\"10m\" or \"30s\"", parameters, source);
    for (String entry : stub.with()) {
      int equals = entry.indexOf('=');
      String name = equals < 0 ? entry.trim() : entry.substring(0, equals).trim();
      if (equals < 0 || name.isEmpty()) {
        throw StubSpec.misuse(source, "with entry \"" + entry + "\" is not name=value");
      }
      if (name.equals("method") || name.equals("path") || name.equals("timeline")) {
        throw StubSpec.misuse(source, "with names " + name + ", which the spec (or the timeline attribute) gives; "
            + "allowed: the start mapping's other parameters, e.g. result, retryAfter, statuses");
      }
      parameters.put(name, entry.substring(equals + 1));
    }
    StubSpec built = new StubSpec(api, null, stub.name().isBlank() ? null : stub.name().trim(),
        Map.copyOf(parameters), source);
    built.check();
    return built;
  }

  private static OpenApiSpec read(Path file, String source) {
    Path key = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(key)) {
      throw StubSpec.misuse(source, "spec " + file + " does not exist (relative to the working directory "
          + Path.of("").toAbsolutePath() + "); allowed: the path of an OpenAPI 2.0 JSON file");
    }
    Read read;
    try {
      FileTime modified = Files.getLastModifiedTime(key);
      long size = Files.size(key);
      read = READ.compute(key, (k, known) -> known != null && known.modified().equals(modified) && known.size() == size
          ? known : new Read(modified, size, OpenApiSpec.read(file)));
    } catch (IOException e) {
      throw StubSpec.misuse(source, "spec " + file + " cannot be read: " + e.getMessage());
    }
    List<SpecProblem> errors = read.spec().errors();
    if (!errors.isEmpty()) {
      throw StubSpec.misuse(source, "spec " + file + " cannot be read: "
          + errors.stream().limit(5).map(SpecProblem::toString).collect(Collectors.joining("; ")));
    }
    return read.spec();
  }

  private static RuntimeException unknown(OperationStub stub, OpenApiSpec spec, SpecPlan plan, String source) {
    List<String> longRunning = plan.operations().stream().map(OperationPlan::operationId).toList();
    boolean declared = spec.operations().stream().map(SpecOperation::operationId).anyMatch(stub.operationId()::equals);
    if (declared) {
      String why = plan.errors().stream().filter(e -> stub.operationId().equals(e.operationId())).map(SpecProblem::toString)
          .findFirst().orElse("it is not long-running (no \"x-ms-long-running-operation\": true)");
      return StubSpec.misuse(source, "operationId " + stub.operationId() + " cannot be stubbed: " + why
          + "; the spec's long-running operations: " + String.join(", ", longRunning));
    }
    return StubSpec.misuse(source, "operationId " + stub.operationId() + " is no operation of " + stub.spec()
        + "; its long-running operations: " + String.join(", ", longRunning));
  }

  private static String describe(OperationStub stub) {
    return "@OperationStub(spec = \"" + stub.spec() + "\", operationId = \"" + stub.operationId() + "\""
        + (stub.name().isEmpty() ? "" : ", name = \"" + stub.name() + "\"") + ", timeline = \"" + stub.timeline() + "\")";
  }
}
