/**
 * For ssekit's own build, not for users: the declaration of the protocol modules' open enums, which
 * build-tools/openenum (an annotation processor, not published) turns into records while they compile.
 *
 * <p>Why here: the protocol modules need these annotations to compile, and any dependency they declare for them
 * would reach their published POMs; every protocol module already depends on sse-core. Source retention: nothing of
 * them is in any compiled class, so the annotations are no part of what any module needs at run time. The module
 * exports this package only to the protocol modules (a qualified export), and the API dump and the Javadoc skip it
 * as they skip every {@code internal} package.
 */
package io.github.ssekit.sse.internal.openenum;
