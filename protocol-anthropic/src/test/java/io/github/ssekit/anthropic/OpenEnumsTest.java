package io.github.ssekit.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.anthropic.internal.Json;
import io.github.ssekit.sse.testing.OpenEnumContract;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every open enum of the module keeps the contract in {@link OpenEnumContract}: one row each. */
class OpenEnumsTest {

  static Stream<OpenEnumContract.Case<?, ?>> openEnums() {
    return Stream.of(
        OpenEnumContract.of(StopReason.class, StopReason.Known.class, StopReason::of),
        OpenEnumContract.of(BlockType.class, BlockType.Known.class, BlockType::of),
        OpenEnumContract.of(DeltaType.class, DeltaType.Known.class, DeltaType::of));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("openEnums")
  void keepsAnyStringAndKnowsTheDocumentedOnes(OpenEnumContract.Case<?, ?> openEnum) throws Exception {
    openEnum.check(Json.MAPPER::writeValueAsString, Json.MAPPER::readValue);
    ObjectMapper plain = new ObjectMapper();
    openEnum.check(plain::writeValueAsString, plain::readValue);
  }
}
