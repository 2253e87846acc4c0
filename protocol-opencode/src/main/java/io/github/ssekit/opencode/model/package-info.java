/**
 * What the OpenCode server sends: sessions, messages, parts, tool states, errors, permission and question
 * requests, todos. Every type is lenient: fields are optional unless the server always sends them, unknown fields
 * are kept in {@code extra()}, and string enumerations are open (a known constant or any raw string).
 */
@Value.Style(
    jdkOnly = true,
    visibility = ImplementationVisibility.PUBLIC,
    allowedClasspathAnnotations = {Override.class},
    optionalAcceptNullable = true,
    defaults = @Value.Immutable(copy = false))
package io.github.ssekit.opencode.model;

import org.immutables.value.Value;
import org.immutables.value.Value.Style.ImplementationVisibility;
