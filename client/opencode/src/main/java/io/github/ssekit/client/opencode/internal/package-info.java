/** Implementation of {@code OpenCodeClient}. Not exported. */
package io.github.ssekit.client.opencode.internal;
