/** A user of the ssekit parser alone, as a named module. */
module com.example.ssecore {
  requires io.github.ssekit.sse;
}
