/**
 * Implementation details of sse-core (not exported by the module): the WHATWG UTF-8 decoder.
 */
package io.github.ssekit.sse.internal;
