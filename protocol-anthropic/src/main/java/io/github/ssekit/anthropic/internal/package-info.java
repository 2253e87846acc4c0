/** Not exported: the event decoder and the module's JSON mapper. */
package io.github.ssekit.anthropic.internal;
