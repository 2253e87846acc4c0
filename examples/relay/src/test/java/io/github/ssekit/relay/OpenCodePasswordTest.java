package io.github.ssekit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenCodePasswordTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // text | user | password | shown
      "upstream said s3cr3t! | '' | s3cr3t! | upstream said <redacted>",
      "auth kit:s3cr3t! failed | kit | s3cr3t! | auth <redacted> failed",
      "header Basic b3BlbmNvZGU6czNjcjN0IQ== | '' | s3cr3t! | header Basic <redacted>",
      "header Basic a2l0OnMzY3IzdCE= | kit | s3cr3t! | header Basic <redacted>",
      "twice s3cr3t! and s3cr3t! | '' | s3cr3t! | twice <redacted> and <redacted>",
      "nothing secret here | '' | s3cr3t! | nothing secret here",
      "no password set | '' | '' | no password set",
  })
  void redactsThePasswordInEveryFormAServerMayQuote(String text, String user, String password, String shown) {
    assertEquals(shown, OpenCodePassword.redact(text, user, password));
  }

  @ParameterizedTest
  @CsvSource({"''", "s3cr3t!"})
  void nullTextStaysNull(String password) {
    assertNull(OpenCodePassword.redact(null, null, password));
  }
}
