package io.github.ssekit.opencode;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.opencode.internal.Json;
import io.github.ssekit.opencode.model.PartType;
import io.github.ssekit.opencode.model.Role;
import io.github.ssekit.opencode.model.SessionStatusType;
import io.github.ssekit.opencode.model.ToolStatus;
import io.github.ssekit.sse.testing.OpenEnumContract;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every open enum of the module keeps the contract in {@link OpenEnumContract}: one row each. */
class OpenEnumsTest {

  static Stream<OpenEnumContract.Case<?, ?>> openEnums() {
    return Stream.of(
        OpenEnumContract.of(PartType.class, PartType.Known.class, PartType::of),
        OpenEnumContract.of(Role.class, Role.Known.class, Role::of),
        OpenEnumContract.of(SessionStatusType.class, SessionStatusType.Known.class, SessionStatusType::of),
        OpenEnumContract.of(ToolStatus.class, ToolStatus.Known.class, ToolStatus::of));
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
