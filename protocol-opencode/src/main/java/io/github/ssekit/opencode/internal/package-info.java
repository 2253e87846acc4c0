/**
 * Implementation details of the OpenCode protocol module: the module's own Jackson mapper and the mapping from an
 * event type to its record. Not exported; not API.
 */
package io.github.ssekit.opencode.internal;
