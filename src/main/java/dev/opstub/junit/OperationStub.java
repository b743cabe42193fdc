package dev.opstub.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scripts the timeline of an operation (or of every operation of an API) for a test class or a
 * test method, and gives the test a WireMock server on a free loopback port that serves it.
 *
 * <pre>{@code
 * @OperationStub(apiName = "face", id = "a63a3bdd-a1db-4d05-87b8-dbad6850062a", name = "take",
 *     timeline = "running x2, succeeded", with = "resourceLocation=/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc")
 * class SnapshotClientTest {
 *   @Test
 *   void waitsForTheSnapshot(OpStubServer server) {
 *     new MyFaceClient(server.baseUrl() + "/face/v1.0-preview", "key").waitForOperation("a63a3bdd-a1db-4d05-87b8-dbad6850062a");
 *     OpStubAssertions.assertThatPolls(server, "take").wasPolledExactly(3).stoppedPollingOnceTerminal();
 *   }
 * }
 * }</pre>
 *
 * <p>Class-level stubs apply to every test of the class (and of its {@code @Nested} classes);
 * method-level stubs add to them for that method only, and a method-level stub for the same
 * operations (the same API and id, or the same API's "every id" on the same calls) replaces the
 * class-level one. The server also serves the pack's shipped mappings (the well-known ids of the
 * README). Operations, stubs and recorded polls are reset before every test.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(OperationStubs.class)
@ExtendWith(OperationStubExtension.class)
public @interface OperationStub {

  /**
   * The API whose operation this is, by its name in the pack: {@code face}, {@code media}, {@code
   * azure}, or any other API the pack serves. Give this or the deprecated {@link #api()}.
   */
  String apiName() default "";

  /**
   * The API by constant.
   *
   * @deprecated use {@link #apiName()}: {@code api = Api.FACE} is {@code apiName = "face"}.
   */
  @Deprecated(since = "0.2.0")
  Api api() default Api.NAMED;

  /**
   * A name for this stub, unique in the test, to find its polls: {@link
   * OpStubServer#pollsOf(String)}, {@link OpStubAssertions#assertThatPolls(OpStubServer, String)}.
   * Empty (the default): the stub has no name.
   */
  String name() default "";

  /**
   * The operation id in the API's form: a uuid for Face, {@code nb:opid:UUID:<guid>} for Media, 1 to
   * 128 letters, digits, {@code -}, {@code _} or {@code .} for Azure, an operation name such as
   * {@code 7612202767953098924} or {@code projects/p/locations/l/operations/42} for Google, the
   * form its dialect says for any other API (another form is refused, naming the API's). Empty (the default): every operation of the API that the client creates or polls follows
   * {@link #timeline()}, each on its own.
   */
  String id() default "";

  /** The timeline in the compact notation, e.g. {@code running x2, succeeded}. */
  String timeline();

  /**
   * An OpenAPI 2.0 spec (JSON, as Azure/azure-rest-api-specs writes it) whose long-running
   * operation {@link #operationId()} this stub scripts, as {@code dev.opstub.Import} would: its
   * call, pattern, monitor, declared statuses and result come from the spec, {@link #timeline()}
   * from here. A file path, relative to the working directory (a Maven build's: the project's),
   * e.g. {@code src/test/resources/specs/resources.json}. Give it with {@code operationId}; leave
   * {@code apiName} empty (or {@code "azure"}) and {@code id} empty; {@link #with()} adds or
   * replaces parameters other than {@code method} and {@code path}. Empty (the default): no spec.
   *
   * <pre>{@code
   * @Test
   * @OperationStub(spec = "src/test/resources/specs/resources.json", operationId = "ResourceGroups_Delete",
   *     timeline = "Deleting x2, Succeeded")
   * void deletesTheGroup(OpStubServer server) { ... }
   * }</pre>
   */
  String spec() default "";

  /**
   * The {@code operationId} of the long-running operation of {@link #spec()} to script, e.g.
   * {@code ResourceGroups_Delete}. Not the operation's runtime id (that is {@link #id()}). Empty
   * (the default): no spec.
   */
  String operationId() default "";

  /**
   * The API's own parameters of this stub, each {@code name=value} (split at the first {@code =}),
   * as a mapping's {@code transformerParameters} would hold them: Face {@code
   * resourceLocation=/snapshots/...}, Media {@code targetEntityId=nb:chid:UUID:...}, Azure {@code
   * method=POST}, {@code path=/documentintelligence/...}, {@code statusCase=camelCase} (the
   * parameters of docs/azure-lro.md), Google {@code response={"@type": ...}}, {@code
   * operationName=projects/p/locations/l/operations/{id}} (docs/google-lro.md). Each name must be
   * one the API takes; the error lists them.
   */
  String[] with() default {};

  /**
   * Face only: the {@code resourceLocation} served on success.
   *
   * @deprecated use {@code with = "resourceLocation=..."}.
   */
  @Deprecated(since = "0.2.0")
  String resourceLocation() default "";

  /**
   * Media only: the {@code TargetEntityId} of the operation.
   *
   * @deprecated use {@code with = "targetEntityId=..."}.
   */
  @Deprecated(since = "0.2.0")
  String targetEntityId() default "";

  /** {@code Retry-After} served on polls that are not terminal, e.g. {@code 1s} or {@code 200ms}. */
  String retryAfter() default "";

  /**
   * How long a finished operation stays visible, e.g. {@code 10m}; after that it is "not found"
   * in the API's own answer (Face 404, Media {@code OperationNotFound}, Azure 404 {@code NotFound}),
   * as the services remove finished records.
   */
  String expireAfter() default "";
}
