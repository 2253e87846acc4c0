/**
 * ssekit sse-core: a WHATWG-exact Server-Sent Events parser, event routing by name, an encoder,
 * and the protocol SPI that protocol modules implement. No dependencies.
 */
// The qualified export below names modules built after this one, which javac cannot see yet ("module not found").
@SuppressWarnings("module")
module io.github.ssekit.sse {
  exports io.github.ssekit.sse;
  exports io.github.ssekit.sse.protocol;

  // ssekit's own build: the open-enum declarations (source retention) the protocol modules' package-info files
  // carry; exported to them alone, so that no user module can name these annotations
  exports io.github.ssekit.sse.internal.openenum to
      io.github.ssekit.openai,
      io.github.ssekit.anthropic,
      io.github.ssekit.opencode;
}
