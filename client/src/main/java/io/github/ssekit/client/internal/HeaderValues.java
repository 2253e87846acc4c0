package io.github.ssekit.client.internal;

/** What an HTTP header field can carry. */
public final class HeaderValues {
  private HeaderValues() {}

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
}
