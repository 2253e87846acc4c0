/**
 * ssekit recipes: short programs to copy into a project, each run by a test. Not published. A module so that the
 * recipes are checked to compile the way a modular application would use the library (only exported packages).
 */
module io.github.ssekit.recipes {
  requires io.github.ssekit.sse;
  requires io.github.ssekit.client.openai;
}
