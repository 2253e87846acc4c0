package io.github.ssekit.opencode.request;

import java.util.Optional;

/** Argument checks shared by the request types. */
final class Checks {
  private Checks() {}

  static void notBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** OpenCode IDs carry a prefix ({@code msg}, {@code prt}, {@code ses}, {@code wrk}); the server rejects others. */
  static void prefixed(Optional<String> id, String prefix, String name) {
    if (id == null) {
      throw new NullPointerException(name);
    }
    if (id.isPresent() && !id.get().startsWith(prefix)) {
      throw new IllegalArgumentException(name + " must start with '" + prefix + "': " + id.get());
    }
  }
}
