package io.github.ssekit.recipes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marked regions of source files ({@code // recipe:begin NAME} ... {@code // recipe:end NAME}) and the Markdown code
 * blocks that show them (a {@code <!-- recipe: NAME -->} line, then a fenced block). Text is compared with its
 * common indentation and trailing spaces removed, so a region indented in a method equals a flush-left block.
 */
final class Snippets {

  private static final Pattern BEGIN = Pattern.compile("^\\s*// recipe:begin (\\S+)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// recipe:end (\\S+)\\s*$");
  private static final Pattern MARKER = Pattern.compile("^<!-- recipe: (\\S+) -->\\s*$");

  /** A code block of a Markdown file shown as region {@code name}, starting at 1-based {@code line}. */
  record Block(String name, int line, String text) {}

  private Snippets() {}

  /**
   * The regions of one source file, by name, normalised.
   *
   * @throws IllegalArgumentException for a region that is not closed, closed under another name, nested, or named
   *     twice
   */
  static Map<String, String> regions(String source) {
    Map<String, String> regions = new LinkedHashMap<>();
    String open = null;
    List<String> lines = new ArrayList<>();
    int number = 0;
    for (String line : source.split("\n", -1)) {
      number++;
      Matcher begin = BEGIN.matcher(line);
      Matcher end = END.matcher(line);
      if (begin.matches()) {
        if (open != null) {
          throw new IllegalArgumentException("line " + number + ": region " + begin.group(1) + " begins inside "
              + open);
        }
        open = begin.group(1);
        lines.clear();
      } else if (end.matches()) {
        if (!end.group(1).equals(open)) {
          throw new IllegalArgumentException("line " + number + ": recipe:end " + end.group(1) + " closes "
              + (open == null ? "no region" : "region " + open));
        }
        if (regions.put(open, normalise(lines)) != null) {
          throw new IllegalArgumentException("line " + number + ": region " + open + " is defined twice");
        }
        open = null;
      } else if (open != null) {
        lines.add(line);
      }
    }
    if (open != null) {
      throw new IllegalArgumentException("region " + open + " is never closed");
    }
    return regions;
  }

  /**
   * The marked code blocks of a Markdown text, normalised.
   *
   * @throws IllegalArgumentException for a marker whose next non-blank line does not open a fenced block, or a block
   *     never closed
   */
  static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher marker = MARKER.matcher(lines[i].strip());
      if (!marker.matches()) {
        continue;
      }
      int fence = i + 1;
      while (fence < lines.length && lines[fence].isBlank()) {
        fence++;
      }
      if (fence == lines.length || !lines[fence].strip().startsWith("```")) {
        throw new IllegalArgumentException("line " + (i + 1) + ": the recipe marker " + marker.group(1)
            + " is not followed by a fenced code block");
      }
      int close = fence + 1;
      while (close < lines.length && !lines[close].strip().equals("```")) {
        close++;
      }
      if (close == lines.length) {
        throw new IllegalArgumentException("line " + (fence + 1) + ": the code block is never closed");
      }
      blocks.add(new Block(marker.group(1), fence + 2, normalise(List.of(lines).subList(fence + 1, close))));
      i = close;
    }
    return blocks;
  }

  /** The lines joined, without their common indentation, trailing spaces, or blank lines at either end. */
  static String normalise(List<String> lines) {
    List<String> kept = new ArrayList<>();
    for (String line : lines) {
      kept.add(line.stripTrailing());
    }
    while (!kept.isEmpty() && kept.get(0).isEmpty()) {
      kept.remove(0);
    }
    while (!kept.isEmpty() && kept.get(kept.size() - 1).isEmpty()) {
      kept.remove(kept.size() - 1);
    }
    int indent = kept.stream().filter(l -> !l.isEmpty()).mapToInt(l -> l.length() - l.stripLeading().length())
        .min().orElse(0);
    StringBuilder text = new StringBuilder();
    for (String line : kept) {
      text.append(line.isEmpty() ? "" : line.substring(indent)).append('\n');
    }
    return text.toString();
  }
}
