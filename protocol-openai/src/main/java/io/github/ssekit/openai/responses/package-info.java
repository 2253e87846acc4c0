/**
 * PLACEHOLDER
 */
@Value.Style(
    jdkOnly = true,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    allowedClasspathAnnotations = {Override.class},
    optionalAcceptNullable = true,
    defaults = @Value.Immutable(copy = false))
package io.github.ssekit.openai.responses;

import org.immutables.value.Value;
