/**
 * What the OpenCode server expects: the prompt body (with the model always nested), session creation, permission
 * replies. Serialise them with {@link io.github.ssekit.opencode.OpenCodeJson}; the paths are in
 * {@link io.github.ssekit.opencode.OpenCodeRoutes}.
 *
 * <p>These types are strict where the server is silent: a prompt has no flat {@code providerID}/{@code modelID}
 * (the server would ignore them and answer with the default model), IDs must carry their prefixes, required fields
 * are checked when a body is built.
 */
@Value.Style(
    jdkOnly = true,
    visibility = ImplementationVisibility.PUBLIC,
    allowedClasspathAnnotations = {Override.class},
    optionalAcceptNullable = true,
    defaults = @Value.Immutable(copy = false))
package io.github.ssekit.opencode.request;

import org.immutables.value.Value;
import org.immutables.value.Value.Style.ImplementationVisibility;
