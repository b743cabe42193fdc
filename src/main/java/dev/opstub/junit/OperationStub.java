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
 * @OperationStub(api = Api.FACE, id = "a63a3bdd-a1db-4d05-87b8-dbad6850062a",
 *     timeline = "running x2, succeeded", resourceLocation = "/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc")
 * class SnapshotClientTest {
 *   @Test
 *   void waitsForTheSnapshot(OpStubServer server) {
 *     new MyFaceClient(server.faceEndpoint(), "key").waitForOperation("a63a3bdd-a1db-4d05-87b8-dbad6850062a");
 *     OpStubAssertions.assertThatPolls(server, Api.FACE, "a63a3bdd-a1db-4d05-87b8-dbad6850062a")
 *         .wasPolledExactly(3).stoppedPollingOnceTerminal();
 *   }
 * }
 * }</pre>
 *
 * <p>Class-level stubs apply to every test of the class (and of its {@code @Nested} classes);
 * method-level stubs add to them for that method only, and a method-level stub for the same API
 * and id (or the same API's "every id") replaces the class-level one. The server also serves the
 * pack's shipped mappings (the well-known ids of the README). Operations, stubs and recorded polls
 * are reset before every test.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(OperationStubs.class)
@ExtendWith(OperationStubExtension.class)
public @interface OperationStub {

  /** The API whose operation this is. */
  Api api();

  /**
   * The operation id: a uuid for {@link Api#FACE}, {@code nb:opid:UUID:<guid>} for {@link
   * Api#MEDIA}. Empty (the default): every operation of the API that the client creates or polls
   * follows {@link #timeline()}, each on its own.
   */
  String id() default "";

  /** The timeline in the compact notation, e.g. {@code running x2, succeeded}. */
  String timeline();

  /** Face only: the {@code resourceLocation} served on success. */
  String resourceLocation() default "";

  /** Media only: the {@code TargetEntityId} of the operation. */
  String targetEntityId() default "";

  /** {@code Retry-After} served on polls that are not terminal, e.g. {@code 1s} or {@code 200ms}. */
  String retryAfter() default "";

  /**
   * How long a finished operation stays visible, e.g. {@code 10m}; after that it is "not found"
   * (Face 404, Media {@code OperationNotFound}), as the services remove finished records.
   */
  String expireAfter() default "";
}
