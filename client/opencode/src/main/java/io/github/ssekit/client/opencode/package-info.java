/**
 * {@link io.github.ssekit.client.opencode.OpenCodeClient}: the OpenCode server's HTTP API and its {@code /event}
 * stream over the ssekit Vert.x transport: sessions, prompts with the model nested as the server requires, typed
 * events scoped to the session's directory, and turns that stream the reply.
 */
package io.github.ssekit.client.opencode;
