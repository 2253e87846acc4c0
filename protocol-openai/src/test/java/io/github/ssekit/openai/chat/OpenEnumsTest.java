package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.openai.internal.Json;
import io.github.ssekit.sse.testing.OpenEnumContract;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every open enum of the module keeps the contract in {@link OpenEnumContract}: one row each. */
class OpenEnumsTest {

  static Stream<OpenEnumContract.Case<?, ?>> openEnums() {
    return Stream.of(
        OpenEnumContract.of(FinishReason.class, FinishReason.Known.class, FinishReason::of),
        OpenEnumContract.of(Role.class, Role.Known.class, Role::of),
        OpenEnumContract.of(ServiceTier.class, ServiceTier.Known.class, ServiceTier::of),
        OpenEnumContract.of(ToolType.class, ToolType.Known.class, ToolType::of));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("openEnums")
  void keepsAnyStringAndKnowsTheDocumentedOnes(OpenEnumContract.Case<?, ?> openEnum) throws Exception {
    openEnum.check(Json.MAPPER::writeValueAsString, Json.MAPPER::readValue);
    // A user's own mapper, unconfigured: the annotations on the type alone must carry the raw string.
    ObjectMapper plain = new ObjectMapper();
    openEnum.check(plain::writeValueAsString, plain::readValue);
  }
}
