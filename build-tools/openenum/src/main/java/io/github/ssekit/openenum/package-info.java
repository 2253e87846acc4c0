/**
 * The declaration of open enums, read at compile time by {@link io.github.ssekit.openenum.processor.OpenEnumProcessor}:
 * {@link io.github.ssekit.openenum.GenerateOpenEnums} on a protocol package's {@code package-info.java} lists them,
 * and the processor writes each record. Source retention: the protocol modules use these annotations in
 * {@code provided} scope, and nothing of them is in their jars.
 */
package io.github.ssekit.openenum;
