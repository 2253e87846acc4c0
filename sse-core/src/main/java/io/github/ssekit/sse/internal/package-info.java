/**
 * Implementation details of sse-core (not exported by the module): the parts of {@code SseParser} (the block being
 * read, the line that spans feeds, field-name recognition, the eight-byte line scan) and the WHATWG UTF-8 decoder.
 */
package io.github.ssekit.sse.internal;
