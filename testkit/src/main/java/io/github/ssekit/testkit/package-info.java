/**
 * Fake servers for tests and demos, bound to 127.0.0.1 on an ephemeral port:
 * {@link io.github.ssekit.testkit.FakeOpenAiServer} streams OpenAI-compatible replies chosen by the requested model
 * id, with the quirks real providers have, and records every request it receives.
 */
package io.github.ssekit.testkit;
