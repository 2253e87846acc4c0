/**
 * What the OpenCode server sends: sessions, messages, parts, tool states, errors, permission and question
 * requests, todos. Every type is lenient: fields are optional unless the server always sends them, unknown fields
 * are kept in {@code extra()}, and string enumerations are open (a known constant or any raw string).
 */
// The open enums: build-tools/openenum generates each record (and its Known enum) from this declaration, so each
// wire value is written here and nowhere else.
@GenerateOpenEnums(documentedBy = "OpenCode 1.18.33", sender = "the server", value = {
    @OpenEnum(name = "ToolStatus", doc = "The status of a tool call: pending, running, completed or error.",
        values = {"pending", "running", "completed", "error"}),
    @OpenEnum(name = "Role", doc = "The author of a message: {@code user} or {@code assistant}.",
        values = {"user", "assistant"}),
    @OpenEnum(name = "PartType", doc = "The kind of a message part (the JSON {@code type} of a part).",
        values = {"text", "reasoning", "tool", "step-start", "step-finish", "file", "agent", "subtask", "snapshot",
            "patch", "retry", "compaction"}),
    @OpenEnum(name = "SessionStatusType", doc = "The status of a session in {@code session.status}: idle, busy or retry.",
        values = {"idle", "busy", "retry"})})
@Value.Style(
    jdkOnly = true,
    visibility = ImplementationVisibility.PUBLIC,
    allowedClasspathAnnotations = {Override.class},
    optionalAcceptNullable = true,
    defaults = @Value.Immutable(copy = false))
package io.github.ssekit.opencode.model;

import io.github.ssekit.sse.internal.openenum.GenerateOpenEnums;
import io.github.ssekit.sse.internal.openenum.OpenEnum;
import org.immutables.value.Value;
import org.immutables.value.Value.Style.ImplementationVisibility;
