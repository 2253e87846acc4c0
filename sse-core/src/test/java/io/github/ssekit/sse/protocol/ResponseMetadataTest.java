package io.github.ssekit.sse.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResponseMetadataTest {
  @Test
  void typedAccessorsReadTheProvidersHeadersInAnyCase() {
    ResponseMetadata metadata = new ResponseMetadata(200, Map.of(
        "X-Request-Id", List.of("req_1"),
        "x-ratelimit-limit-requests", List.of("500"),
        "X-RateLimit-Remaining-Tokens", List.of(" 9000 "),
        "x-ratelimit-remaining-requests", List.of("not a number"),
        "x-ratelimit-reset-tokens", List.of("6m0s")), 1);
    assertEquals(Optional.of("req_1"), metadata.requestId());
    assertEquals(OptionalLong.of(500), metadata.rateLimitRequests());
    assertEquals(OptionalLong.of(9000), metadata.remainingTokens());
    assertEquals(OptionalLong.empty(), metadata.remainingRequests(), "an odd value is not a number");
    assertEquals(Optional.of("not a number"), metadata.header("X-RATELIMIT-REMAINING-REQUESTS"));
    assertEquals(Optional.of("6m0s"), metadata.resetTokens());
    assertEquals(OptionalLong.empty(), metadata.rateLimitTokens());
    assertEquals(1, metadata.retries());
  }

  @Test
  void anthropicsRequestIdIsReadToo() {
    assertEquals(Optional.of("req_a"),
        new ResponseMetadata(200, Map.of("request-id", List.of("req_a")), 0).requestId());
    assertTrue(ResponseMetadata.NONE.requestId().isEmpty());
  }

  @Test
  void theHeadersAreACopyThatCannotChange() {
    ResponseMetadata metadata = new ResponseMetadata(503, Map.of("A", List.of("1")), 0);
    assertThrows(UnsupportedOperationException.class, () -> metadata.headers().put("b", List.of()));
    assertThrows(UnsupportedOperationException.class, () -> metadata.headers().get("a").add("2"));
  }
}
