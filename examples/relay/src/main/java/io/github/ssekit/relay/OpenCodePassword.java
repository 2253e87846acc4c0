package io.github.ssekit.relay;

import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Takes the OpenCode server password out of text bound for a terminal or a browser: a server may quote it in an
 * error it sends (a provider's error inside an event, an error page), and what is printed or shown may end up in a
 * log or a screenshot. The one place for this, used by {@code ssekit opencode}, {@code ssekit events} and
 * {@code ssekit web}.
 */
public final class OpenCodePassword {
  private OpenCodePassword() {}

  static final String REDACTED = "<redacted>";

  // read once: the environment does not change, and the relay redacts every frame it sends
  private static final String USER = System.getenv("OPENCODE_SERVER_USERNAME");
  private static final String PASSWORD = System.getenv("OPENCODE_SERVER_PASSWORD");

  /**
   * {@code text} without the password of {@code OPENCODE_SERVER_PASSWORD} (user {@code OPENCODE_SERVER_USERNAME}),
   * the password every command of this CLI authenticates with.
   */
  public static String redact(String text) {
    return redact(text, USER, PASSWORD);
  }

  /**
   * {@code text} without {@code password}, as it is, as {@code user:password} and as basic credentials (base64);
   * unchanged when there is no password. A null or empty user is OpenCode's default user.
   */
  static String redact(String text, String user, String password) {
    if (text == null || password == null || password.isEmpty()) {
      return text;
    }
    String credentials = (user == null || user.isEmpty() ? OpenCodeClientOptions.DEFAULT_USERNAME : user)
        + ":" + password;
    String basic = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    return text.replace(basic, REDACTED).replace(credentials, REDACTED).replace(password, REDACTED);
  }
}
