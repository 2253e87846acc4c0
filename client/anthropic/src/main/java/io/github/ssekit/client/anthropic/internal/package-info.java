/** Implementation of {@code AnthropicClient}. Not exported. */
package io.github.ssekit.client.anthropic.internal;
