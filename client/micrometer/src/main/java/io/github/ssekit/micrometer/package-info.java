/**
 * {@link io.github.ssekit.micrometer.MicrometerObserver}: the streams of an ssekit client as Micrometer meters
 * named after the OpenTelemetry GenAI semantic conventions.
 */
package io.github.ssekit.micrometer;
