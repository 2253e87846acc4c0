/**
 * Recipes: {@link io.github.ssekit.recipes.EmbeddedParser} (the parser in plain Java, sse-core only),
 * {@link io.github.ssekit.recipes.BlockingSse} (SseClient's blocking iterator on plain and virtual threads),
 * {@link io.github.ssekit.recipes.ChatVerticle} (OpenAiClient in a verticle) and
 * {@link io.github.ssekit.recipes.OpenAiPlainJava} (OpenAiClient from a plain {@code main}: no Vert.x to set up,
 * the typed chunks pulled on the main thread). Each has a
 * {@code main} taking its input or endpoint as arguments. Regions between {@code // recipe:begin NAME} and
 * {@code // recipe:end NAME} are shown in the READMEs, and a test keeps them identical.
 */
package io.github.ssekit.recipes;
