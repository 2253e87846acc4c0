package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.openai.internal.Json;
import io.github.ssekit.sse.testing.OpenEnumContract;
import io.github.ssekit.sse.testing.OpenEnumTable;
import java.util.List;

/** The module's open enums and the values OpenAI documents, checked by {@link OpenEnumTable}. */
class OpenEnumsTest extends OpenEnumTable {

  @Override
  protected List<OpenEnumContract.Case<?, ?>> openEnums() {
    return List.of(
        OpenEnumContract.of(FinishReason.class, "stop", "length", "tool_calls", "content_filter", "function_call"),
        OpenEnumContract.of(Role.class, "developer", "system", "user", "assistant", "tool"),
        OpenEnumContract.of(ServiceTier.class, "auto", "default", "flex", "scale", "priority", "fast"),
        OpenEnumContract.of(ToolType.class, "function", "custom"));
  }

  @Override
  protected List<OpenEnumContract.Json> mappers() {
    ObjectMapper plain = new ObjectMapper();
    return List.of(
        new OpenEnumContract.Json("the module's mapper", Json.MAPPER::writeValueAsString, Json.MAPPER::readValue),
        new OpenEnumContract.Json("an unconfigured mapper", plain::writeValueAsString, plain::readValue));
  }
}
