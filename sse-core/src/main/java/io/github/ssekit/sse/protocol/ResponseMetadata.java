package io.github.ssekit.sse.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The status and headers of the HTTP response a stream came on, without the transport: what a protocol's result
 * carries so that a caller can read the request id and the rate-limit headers a provider sends. Header names are
 * kept in lower case; the transport has cut out any credential the request carried and {@code Set-Cookie} values.
 *
 * @param status the HTTP status, 0 when there was no response (a stream fed from memory)
 * @param headers each header name in lower case, with its values in order
 * @param retries how many times the request was sent again before this response was accepted
 */
public record ResponseMetadata(int status, Map<String, List<String>> headers, int retries) {
  /** No response: a stream fed from memory, or one whose transport knows no HTTP. */
  public static final ResponseMetadata NONE = new ResponseMetadata(0, Map.of(), 0);

  /** Copies the headers, their names in lower case. */
  public ResponseMetadata {
    Map<String, List<String>> copy = new TreeMap<>();
    headers.forEach((name, values) -> copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
        .addAll(values));
    copy.replaceAll((name, values) -> List.copyOf(values));
    headers = Collections.unmodifiableMap(copy);
  }

  /** The first value of header {@code name} (any case). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The provider's id of this request ({@code x-request-id}, or Anthropic's {@code request-id}): quote it to them. */
  public Optional<String> requestId() {
    return header("x-request-id").or(() -> header("request-id"));
  }

  /** {@code x-ratelimit-limit-requests}: requests allowed in the window. */
  public OptionalLong rateLimitRequests() {
    return number("x-ratelimit-limit-requests");
  }

  /** {@code x-ratelimit-limit-tokens}: tokens allowed in the window. */
  public OptionalLong rateLimitTokens() {
    return number("x-ratelimit-limit-tokens");
  }

  /** {@code x-ratelimit-remaining-requests}: requests left in the window. */
  public OptionalLong remainingRequests() {
    return number("x-ratelimit-remaining-requests");
  }

  /** {@code x-ratelimit-remaining-tokens}: tokens left in the window. */
  public OptionalLong remainingTokens() {
    return number("x-ratelimit-remaining-tokens");
  }

  /** {@code x-ratelimit-reset-requests} as sent, such as {@code "1s"} or {@code "6m0s"}: when the requests reset. */
  public Optional<String> resetRequests() {
    return header("x-ratelimit-reset-requests");
  }

  /** {@code x-ratelimit-reset-tokens} as sent: when the tokens reset. */
  public Optional<String> resetTokens() {
    return header("x-ratelimit-reset-tokens");
  }

  private OptionalLong number(String name) {
    Optional<String> value = header(name);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get().trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty(); // a provider's odd value stays readable through header(name)
    }
  }
}
