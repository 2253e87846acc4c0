package io.github.ssekit.opencode;

import java.util.Objects;

/**
 * A piece of the assistant's reply as it streams: text or reasoning appended to one part.
 *
 * @param kind text or reasoning
 * @param messageID the assistant message
 * @param partID the part
 * @param text the appended text
 */
public record ReplyDelta(Kind kind, String messageID, String partID, String text) {

  /** Which stream of the reply the text belongs to. */
  public enum Kind {
    /** The answer itself. */
    TEXT,
    /** The model's reasoning, for models that expose it. */
    REASONING
  }

  /** Checks that nothing is null. */
  public ReplyDelta {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(messageID, "messageID");
    Objects.requireNonNull(partID, "partID");
    Objects.requireNonNull(text, "text");
  }

  /** Shows the length of the text only. */
  @Override
  public String toString() {
    return "ReplyDelta[" + kind + " " + partID + ", " + text.length() + " chars]";
  }
}
