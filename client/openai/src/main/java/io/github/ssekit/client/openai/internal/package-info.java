/** Implementation of {@code OpenAiClient}. Not exported. */
package io.github.ssekit.client.openai.internal;
