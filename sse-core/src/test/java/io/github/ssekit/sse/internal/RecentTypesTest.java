package io.github.ssekit.sse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecentTypesTest {

  @Test
  void sameBytesFindsADifferenceAtEveryPositionOfEveryLength() {
    for (int n = 1; n <= 32; n++) {
      byte[] key = new byte[n];
      for (int i = 0; i < n; i++) {
        key[i] = (byte) ('a' + i % 26);
      }
      byte[] line = new byte[n + 5];
      System.arraycopy(key, 0, line, 3, n);
      assertEquals(true, RecentTypes.sameBytes(key, line, 3, n), "length " + n);
      for (int at = 0; at < n; at++) {
        byte[] other = Arrays.copyOf(line, line.length);
        other[3 + at] ^= 0x20;
        assertEquals(false, RecentTypes.sameBytes(key, other, 3, n), "length " + n + ", difference at " + at);
      }
    }
  }

  @Test
  void namesWithLongCommonPrefixesAreToldApartAndReused() {
    RecentTypes types = new RecentTypes();
    String[] names = {"content_block_delta", "content_block_start", "content_block_stop", "message_delta", "ping",
        "response.output_text.delta", "response.output_text.done", "x"};
    String[] first = new String[names.length];
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < names.length; i++) {
        byte[] b = ("event: " + names[i] + "\n").getBytes(StandardCharsets.US_ASCII);
        String type = types.get(b, 7, b.length - 1, false);
        assertEquals(names[i], type);
        if (round == 0) {
          first[i] = type;
        } else {
          assertSame(first[i], type, "kept as a String: " + names[i]);
        }
      }
    }
    // a ninth name evicts the oldest one, which is then decoded again
    byte[] b = "ninth".getBytes(StandardCharsets.US_ASCII);
    assertEquals("ninth", types.get(b, 0, b.length, false));
    byte[] again = names[0].getBytes(StandardCharsets.US_ASCII);
    String type = types.get(again, 0, again.length, false);
    assertEquals(names[0], type);
    assertNotSame(first[0], type);
  }
}
