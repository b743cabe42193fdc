package dev.opstub.internal.wiremock;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.WireMockServices;
import com.github.tomakehurst.wiremock.store.Stores;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.validate.MappingRules;
import dev.opstub.wiremock.OpStubExtensions;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The validator's table of parameters is the transformers' own: a new parameter must be added to both. */
class TransformerParametersTest {
  @Test
  void theValidatorKnowsExactlyTheParametersEachTransformerReads() {
    Stores stores = (Stores) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Stores.class},
        (proxy, method, args) -> null);
    WireMockServices services = (WireMockServices) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {WireMockServices.class},
        (proxy, method, args) -> method.getName().equals("getStores") ? stores : null);

    Set<String> transformers = new OpStubExtensions().create(services).stream()
        .filter(HandlerTransformer.class::isInstance).map(Extension::getName).collect(Collectors.toSet());

    assertThat(transformers).isEqualTo(new MappingRules(Apis.builtIn()).parameters().keySet());
  }
}
