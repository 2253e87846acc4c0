package io.github.ssekit.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help texts are paragraphs that picocli wraps to the terminal's width: no description is broken by hand in the
 * middle of a sentence (each element of a {@code description} array is printed on lines of its own).
 */
class HelpTextTest {

  @Test
  void everyDescriptionIsWholeSentences() {
    List<String> broken = new ArrayList<>();
    for (Map.Entry<String, CommandLine> sub : SsekitCommand.commandLine().getSubcommands().entrySet()) {
      CommandSpec spec = sub.getValue().getCommandSpec();
      List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
      for (ArgSpec arg : spec.args()) {
        texts.addAll(List.of(arg.description()));
      }
      for (String text : texts) {
        String trimmed = text.replace("%n", "").strip();
        if (!trimmed.isEmpty() && !trimmed.matches("(?s).*[.:)!?]$")) {
          broken.add(sub.getKey() + ": \"" + trimmed + "\"");
        }
      }
    }
    assertTrue(broken.isEmpty(), () -> "descriptions that end in the middle of a sentence:\n" + String.join("\n", broken));
  }

  @Test
  void aLongSentenceIsWrappedByPicocliNotByTheSource() {
    CommandLine opencode = SsekitCommand.commandLine().getSubcommands().get("opencode");
    opencode.setUsageHelpAutoWidth(false);
    opencode.setUsageHelpWidth(200);
    String wide = opencode.getUsageMessage();
    assertTrue(wide.contains("exits when the session is idle"), wide);
    opencode.setUsageHelpWidth(60);
    String narrow = opencode.getUsageMessage();
    assertFalse(narrow.lines().anyMatch(l -> l.length() > 60), narrow);
  }
}
