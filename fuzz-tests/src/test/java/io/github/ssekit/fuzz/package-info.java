/**
 * Jazzer fuzz targets for the SSE parser and the OpenAI and OpenCode decoders, their input format, seed corpora
 * and the standard's algorithm as an oracle. Tests only.
 */
package io.github.ssekit.fuzz;
