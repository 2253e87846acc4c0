/**
 * The events of OpenCode's {@code /event} and {@code /global/event} streams.
 *
 * <p>{@link io.github.ssekit.opencode.event.OpenCodeEvent} is a sealed interface: one record per event a client
 * acts on, and {@link io.github.ssekit.opencode.event.GenericEvent} for every other type (there are about 90, new
 * ones appear often). Each event keeps its {@link io.github.ssekit.opencode.event.EventEnvelope}: the event ID,
 * the type, the raw {@code properties} object (unknown fields included) and, for {@code /global/event}, the
 * directory and project it came from.
 */
package io.github.ssekit.opencode.event;
