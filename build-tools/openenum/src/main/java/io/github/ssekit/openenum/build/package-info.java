/**
 * What the build runs besides the processor: {@link io.github.ssekit.openenum.build.FlattenedPom} removes this
 * unpublished artifact from a protocol module's flattened POM.
 */
package io.github.ssekit.openenum.build;
