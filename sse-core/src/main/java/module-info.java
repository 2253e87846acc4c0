/**
 * ssekit sse-core: a WHATWG-exact Server-Sent Events parser, event routing by name, an encoder,
 * and the protocol SPI that protocol modules implement. No dependencies.
 */
module io.github.ssekit.sse {
  exports io.github.ssekit.sse;
  exports io.github.ssekit.sse.protocol;
}
