package dev.opstub.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives every test of the class an OpStub server with the shipped well-known ids (the README's
 * sandbox ids: the seed operations, the failing ones, the Media error-code entities) and nothing
 * else scripted; add {@link OperationStub} to a class or method for timelines of your own.
 *
 * <pre>{@code
 * @OpStubTest
 * class WellKnownIdsTest {
 *   @Test
 *   void reportsTheDocumentedFailure(OpStubServer server) {
 *     MyFaceClient client = new MyFaceClient(server.faceEndpoint(), "key");
 *     assertThatThrownBy(() -> client.waitForOperation("f0000000-0000-4000-8000-000000000001"))
 *         .hasMessageContaining("failed");
 *   }
 * }
 * }</pre>
 *
 * <p>The server, its reset before every test and the injected {@link OpStubServer} are the same as
 * with {@link OperationStub}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(OperationStubExtension.class)
public @interface OpStubTest {}
