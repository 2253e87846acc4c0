/**
 * The annotation processor that writes the open-enum records declared with sse-core's
 * {@link io.github.ssekit.sse.internal.openenum.GenerateOpenEnums}:
 * {@link io.github.ssekit.openenum.processor.OpenEnumProcessor} reads the declarations,
 * {@link io.github.ssekit.openenum.processor.OpenEnumSource} writes one record's source.
 */
package io.github.ssekit.openenum.processor;
