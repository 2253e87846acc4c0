package io.github.ssekit.client.openai;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.openai.ProviderStreamException;
import java.util.Optional;

/**
 * An OpenAI-compatible provider refused the request with an HTTP error status (401 bad key, 404 unknown model,
 * 429 rate limit, 500, ...): the status, headers and body of {@link HttpStatusException}, plus the provider's error
 * object parsed from the body ({@code {"error":{"message","type","code","param"}}}, or the shapes other providers
 * use) as a {@link ProviderStreamException}.
 *
 * <p>The message shows the status, the method, the URI without its query, and the provider's message (or the start
 * of the body when it holds no error object); never the request headers, so never the API key.
 */
public final class OpenAiHttpException extends HttpStatusException {
  private static final long serialVersionUID = 1L;

  private final String what;
  private final ProviderStreamException providerError;

  /**
   * @param what the start of the message, such as {@code "HTTP 401 from POST https://host/v1/chat/completions"}
   * @param source the transport's error, whose status, headers and body are kept
   * @param providerError the error object of the body, or null when it holds none
   */
  public OpenAiHttpException(String what, HttpStatusException source, ProviderStreamException providerError) {
    super(what, source.status(), source.headers(), source.bodyBytes(), source.bodyTruncated());
    this.what = what;
    this.providerError = providerError;
    initCause(source);
  }

  /** The provider's error object, when the body held one. */
  public Optional<ProviderStreamException> providerError() {
    return Optional.ofNullable(providerError);
  }

  /** The provider's message, or the start of the body when it held no error object. */
  public String providerMessage() {
    if (providerError != null) {
      return providerError.providerMessage();
    }
    String body = body().strip();
    return body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }

  /** The provider's error type (such as {@code invalid_request_error}), if any. */
  public Optional<String> type() {
    return providerError == null ? Optional.empty() : providerError.type();
  }

  /** The provider's error code as text (such as {@code invalid_api_key}), if any. */
  public Optional<String> code() {
    return providerError == null ? Optional.empty() : providerError.code();
  }

  @Override
  public String getMessage() {
    if (providerError == null) {
      return super.getMessage();
    }
    StringBuilder text = new StringBuilder(what).append(": ").append(providerError.providerMessage());
    providerError.type().ifPresent(t -> text.append(" (type ").append(t).append(')'));
    providerError.code().ifPresent(c -> text.append(" (code ").append(c).append(')'));
    return text.toString();
  }
}
