package io.github.ssekit.opencode;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.opencode.internal.Json;
import io.github.ssekit.opencode.model.PartType;
import io.github.ssekit.opencode.model.Role;
import io.github.ssekit.opencode.model.SessionStatusType;
import io.github.ssekit.opencode.model.ToolStatus;
import io.github.ssekit.sse.testing.OpenEnumContract;
import io.github.ssekit.sse.testing.OpenEnumTable;
import java.util.List;

/** The module's open enums and the values OpenCode 1.18.33 documents, checked by {@link OpenEnumTable}. */
class OpenEnumsTest extends OpenEnumTable {

  @Override
  protected List<OpenEnumContract.Case<?, ?>> openEnums() {
    return List.of(
        OpenEnumContract.of(PartType.class, "text", "reasoning", "tool", "step-start", "step-finish", "file", "agent",
            "subtask", "snapshot", "patch", "retry", "compaction"),
        OpenEnumContract.of(Role.class, "user", "assistant"),
        OpenEnumContract.of(SessionStatusType.class, "idle", "busy", "retry"),
        OpenEnumContract.of(ToolStatus.class, "pending", "running", "completed", "error"));
  }

  @Override
  protected List<OpenEnumContract.Json> mappers() {
    ObjectMapper plain = new ObjectMapper();
    return List.of(
        new OpenEnumContract.Json("the module's mapper", Json.MAPPER::writeValueAsString, Json.MAPPER::readValue),
        new OpenEnumContract.Json("an unconfigured mapper", plain::writeValueAsString, plain::readValue));
  }
}
