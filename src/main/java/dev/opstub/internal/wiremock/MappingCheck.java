package dev.opstub.internal.wiremock;

import com.github.tomakehurst.wiremock.common.Errors;
import com.github.tomakehurst.wiremock.common.JsonException;
import com.github.tomakehurst.wiremock.extension.StubLifecycleListener;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.validate.MappingRules;
import dev.opstub.internal.validate.OtherTransformers;
import dev.opstub.spi.Finding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Rejects a stub whose OpStub part is broken when WireMock creates or edits it, so a bad mapping
 * fails when the server loads it rather than on the first poll: an unknown {@code opstub-*}
 * transformer, a transformer name a few letters from one of the pack's ({@code face-operation}),
 * OpStub parameters on a stub that names no transformer, a {@code transformerParameters} key the transformer does not read, a bad timeline
 * (with its column), a bad {@code retryAfter}, {@code expireAfter} or {@code refuse}, an operation
 * id in the wrong format for its API. The rules are {@link MappingRules}, the same the offline
 * validator {@code dev.opstub.Validate} applies.
 *
 * <p>What a rejection does depends on how the stub arrives: a mapping file stops the server
 * ({@code "Error loading file <path>: OpStub mapping '<name>' (<id>) is invalid: <pointer>:
 * <problem>"}), the admin API answers 422 with that text as the error's detail, {@code
 * stubFor(...)} in Java throws {@link Rejected}.
 *
 * <p>{@code OpStubExtensions} installs it; there is nothing to add.
 *
 * <p>Only {@code String}, plain Java collections and WireMock's own types cross WireMock's API
 * here, so the check links against the relocated {@code wiremock-standalone} jar too.
 */
final class MappingCheck implements StubLifecycleListener {
  /** The extension's name. */
  public static final String NAME = "opstub-mapping-check";

  private final MappingRules rules;

  /**
   * A check of the mappings of {@code apis} on a server with {@code others} besides the pack:
   * another extension's transformer is never taken for a misspelt one of the pack's.
   */
  MappingCheck(Apis apis, Supplier<OtherTransformers> others) {
    this.rules = new MappingRules(apis, others);
  }

  @Override
  public String getName() {
    return NAME;
  }

  // WireMock 4 makes these return the stub: each is one call, so the change is one line each.
  @Override
  public void beforeStubCreated(StubMapping stub) {
    check(stub);
  }

  @Override
  public void beforeStubEdited(StubMapping oldStub, StubMapping newStub) {
    check(newStub);
  }

  /**
   * Checks one stub.
   *
   * @throws Rejected naming the stub and every problem found
   */
  void check(StubMapping stub) {
    if (stub == null || stub.getResponse() == null || !mayConcernOpStub(stub)) {
      return; // no transformer and no parameters: nothing of ours to read
    }
    List<Finding> findings = rules.check(mapping(stub));
    if (!findings.isEmpty()) {
      throw new Rejected(describe(stub), findings);
    }
  }

  /**
   * The parts of the stub the rules read, as the plain maps a mapping file reads into: the
   * response's transformers and parameters (their values are plain Java already) and the request's
   * URL fields. Read from the stub itself, not through its JSON text: a stub is added per test.
   */
  private static Map<String, Object> mapping(StubMapping stub) {
    Map<String, Object> response = new HashMap<>();
    response.put("transformers", stub.getResponse().getTransformers());
    response.put("transformerParameters", stub.getResponse().getTransformerParameters());
    Map<String, Object> request = new HashMap<>();
    RequestPattern pattern = stub.getRequest();
    if (pattern != null) {
      request.put("url", pattern.getUrl());
      request.put("urlPath", pattern.getUrlPath());
      request.put("urlPattern", pattern.getUrlPattern());
      request.put("urlPathPattern", pattern.getUrlPathPattern());
    }
    return Map.of("response", response, "request", request);
  }

  /**
   * Any stub with transformers or transformer parameters: a misspelt OpStub transformer ({@code
   * face-operation}) or OpStub parameters without one would otherwise load and answer 200 with an
   * empty body. The rules leave other extensions' transformers alone.
   */
  private static boolean mayConcernOpStub(StubMapping stub) {
    List<String> transformers = stub.getResponse().getTransformers();
    Map<String, Object> parameters = stub.getResponse().getTransformerParameters();
    return transformers != null && !transformers.isEmpty() || parameters != null && !parameters.isEmpty();
  }

  private static String describe(StubMapping stub) {
    return stub.getName() != null ? "'" + stub.getName() + "' (" + stub.getId() + ")" : String.valueOf(stub.getId());
  }

  /**
   * A stub the pack cannot serve. A {@link JsonException} (an {@code InvalidInputException}), so
   * WireMock names the mapping file when it loads one, and the admin API answers 422 with {@link
   * #getMessage()} as the error's detail and the first problem's JSON pointer as its source.
   */
  public static final class Rejected extends JsonException {
    private static final long serialVersionUID = 1L;

    private final String detail;

    Rejected(String stub, List<Finding> findings) {
      this(detail(stub, findings), findings.get(0).pointer());
    }

    private Rejected(String detail, String pointer) {
      super(Errors.single(10, pointer, "Invalid OpStub mapping", detail));
      this.detail = detail;
    }

    private static String detail(String stub, List<Finding> findings) {
      String head = "OpStub mapping " + stub + " is invalid: ";
      if (findings.size() == 1) {
        return head + findings.get(0);
      }
      return head + findings.size() + " problems:" + findings.stream().map(f -> "\n  " + f)
          .collect(Collectors.joining());
    }

    /** The stub, the JSON pointer and what is wrong and allowed (not WireMock's JSON error document). */
    @Override
    public String getMessage() {
      return detail;
    }
  }
}
