package io.github.ssekit.sse.protocol;

/**
 * A documented value of an {@link OpenEnum}, implemented by the enum that lists them.
 *
 * <p>The enum member carries its wire string ({@code STOP("stop")}), so each value is written once: the open
 * enum's constants and its {@link OpenEnum#known()} lookup are derived from it.
 */
public interface KnownValue {

  /** The string this value has on the wire, exactly (case and punctuation included). */
  String raw();
}
