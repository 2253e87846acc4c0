package io.github.ssekit.client.internal;

/** What an HTTP header field can carry. */
public final class HeaderValues {
  private HeaderValues() {}

  /**
   * Checks a header before it is stored.
   *
   * @throws IllegalArgumentException if the name is not an HTTP token (empty, or with a space, a colon, a control
   *     character...), or the value contains CR, LF, NUL or another control character; the message never shows the
   *     value, which may be a credential
   */
  public static void check(String name, String value) {
    java.util.Objects.requireNonNull(name, "name");
    java.util.Objects.requireNonNull(value, "value");
    if (!isToken(name)) {
      throw new IllegalArgumentException("a header name must be an HTTP token: letters, digits and !#$%&'*+-.^_`|~");
    }
    if (!isSendable(value)) {
      throw new IllegalArgumentException("value of header " + name
          + " contains CR, LF, NUL or another control character");
    }
  }

  /**
   * Whether {@code value} can travel in an HTTP header field as it is: no control character other than tab
   * (RFC 9110 field values). CR and LF would end the field and start another; Netty rejects the others when the
   * request is written, which would fail the request far from the cause.
   */
  public static boolean isSendable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** An RFC 9110 token, as a header name must be: no separator (colon, space...) and no control character. */
  static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
