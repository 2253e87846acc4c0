package io.github.ssekit.client.internal;

import io.github.ssekit.client.SseRequest;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The credentials a request carried, to cut out of what a server sends back before it becomes an exception's
 * message, body or headers: a server (or a proxy's error page) that echoes a bad key must not put it into logs.
 * Covers the values of {@link SseRequest#isSensitiveHeader credentials headers}, their token after the scheme
 * ({@code Bearer sk-...}), and for basic authentication the decoded {@code user:password} and the password.
 */
public final class Redactor {
  /** What replaces a secret. */
  public static final String REDACTED = "<redacted>";
  /** Shorter values are not searched for: they would match ordinary text, and they are not worth guessing at. */
  private static final int MIN_SECRET_LENGTH = 4;
  private static final Redactor NONE = new Redactor(List.of());

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** Nothing to redact. */
  public static Redactor none() {
    return NONE;
  }

  /** The credentials among {@code headers}. */
  public static Redactor of(MultiMap headers) {
    Set<String> found = new LinkedHashSet<>();
    for (Map.Entry<String, String> header : headers) {
      if (SseRequest.isSensitiveHeader(header.getKey())) {
        addCredential(found, header.getValue().trim());
      }
    }
    return of(found);
  }

  /** The credentials among {@code headers}. */
  public static Redactor of(Map<String, String> headers) {
    MultiMap all = MultiMap.caseInsensitiveMultiMap();
    headers.forEach(all::add);
    return of(all);
  }

  private static Redactor of(Set<String> found) {
    List<String> secrets = new ArrayList<>();
    for (String s : found) {
      if (s.length() >= MIN_SECRET_LENGTH) {
        secrets.add(s);
      }
    }
    if (secrets.isEmpty()) {
      return NONE;
    }
    secrets.sort(Comparator.comparingInt(String::length).reversed()); // the whole value before its parts
    return new Redactor(List.copyOf(secrets));
  }

  private static void addCredential(Set<String> found, String value) {
    found.add(value);
    int space = value.indexOf(' ');
    if (space < 0) {
      return;
    }
    String scheme = value.substring(0, space);
    String token = value.substring(space + 1).trim();
    found.add(token);
    if (scheme.equalsIgnoreCase("Basic")) {
      try {
        String userAndPassword = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        found.add(userAndPassword);
        int colon = userAndPassword.indexOf(':');
        if (colon >= 0) {
          found.add(userAndPassword.substring(colon + 1));
        }
      } catch (IllegalArgumentException notBase64) {
        // not basic credentials after all: the value and the token are covered
      }
    }
  }

  /** {@code text} with every secret replaced. */
  public String apply(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, REDACTED);
    }
    return result;
  }

  /**
   * Whether decoding the JSON escapes of {@code text} ({@code \\uXXXX} and the others) shows a secret its raw form
   * hides: a server that echoes a key as {@code "\\u0073k-..."} gets past {@link #apply(String)}. For text that is
   * no whole JSON value (a cut body), where a JSON parser cannot help.
   */
  public boolean showsInEscapedForm(String text) {
    if (text == null || secrets.isEmpty() || text.indexOf('\\') < 0) {
      return false;
    }
    StringBuilder decoded = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        if (next == 'u' && i + 4 < text.length()) {
          try {
            decoded.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
            i += 4;
            continue;
          } catch (NumberFormatException notHex) {
            decoded.append(next);
            continue;
          }
        }
        decoded.append(next);
      } else {
        decoded.append(c);
      }
    }
    String all = decoded.toString();
    return !apply(all).equals(all);
  }

  /** {@code bytes} with the UTF-8 bytes of every secret replaced; the same array when none occurs. */
  public byte[] apply(byte[] bytes) {
    byte[] result = bytes;
    for (String secret : secrets) {
      result = replace(result, secret.getBytes(StandardCharsets.UTF_8));
    }
    return result;
  }

  /** {@code headers} with every secret replaced in their values. */
  public MultiMap apply(MultiMap headers) {
    if (secrets.isEmpty()) {
      return headers;
    }
    MultiMap result = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, String> header : headers) {
      result.add(header.getKey(), apply(header.getValue()));
    }
    return result;
  }

  private static byte[] replace(byte[] bytes, byte[] secret) {
    int at = indexOf(bytes, secret, 0);
    if (at < 0) {
      return bytes;
    }
    byte[] replacement = REDACTED.getBytes(StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
    int from = 0;
    while (at >= 0) {
      out.write(bytes, from, at - from);
      out.write(replacement, 0, replacement.length);
      from = at + secret.length;
      at = indexOf(bytes, secret, from);
    }
    out.write(bytes, from, bytes.length - from);
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte[] secret, int from) {
    outer:
    for (int i = from; i <= bytes.length - secret.length; i++) {
      for (int j = 0; j < secret.length; j++) {
        if (bytes[i + j] != secret[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
