/**
 * ssekit metrics through Micrometer: {@code MicrometerObserver} binds the clients' dependency-free
 * {@code SseObserver} to a {@code MeterRegistry}, with the OpenTelemetry GenAI meter and tag names.
 */
module io.github.ssekit.micrometer {
  requires transitive io.github.ssekit.client;
  requires transitive micrometer.core;

  exports io.github.ssekit.micrometer;
}
