package io.github.ssekit.opencode.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.ssekit.opencode.ModelRef;
import java.util.Objects;
import java.util.Optional;

/**
 * One part of a prompt: text, a file, an agent mention, or a subtask. Build them with the static factories.
 */
public sealed interface PromptPart
    permits PromptPart.Text, PromptPart.File, PromptPart.Agent, PromptPart.Subtask {

  /** The wire {@code type}. */
  @JsonProperty("type")
  String type();

  /** Plain text. */
  static Text text(String text) {
    return new Text(text, Optional.empty(), Optional.empty());
  }

  /** A file by URL ({@code data:}, {@code file://}, {@code http(s)://}). */
  static File file(String mime, String url) {
    return new File(mime, url, Optional.empty());
  }

  /** A file by URL, with a file name. */
  static File file(String mime, String url, String filename) {
    return new File(mime, url, Optional.of(filename));
  }

  /** A mention of an agent ({@code @explore}). */
  static Agent agent(String name) {
    return new Agent(name);
  }

  /** A subtask for a subagent. */
  static Subtask subtask(String prompt, String description, String agent) {
    return new Subtask(prompt, description, agent, Optional.empty(), Optional.empty());
  }

  /**
   * {@code {"type":"text","text","id"?,"synthetic"?}}.
   *
   * @param text the text
   * @param id a part ID of your choosing ({@code prt...})
   * @param synthetic marks text the user did not write
   */
  @JsonPropertyOrder({"type", "id", "text", "synthetic"})
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record Text(String text, Optional<String> id, Optional<Boolean> synthetic) implements PromptPart {
    /** Checks the text and the ID prefix. */
    public Text {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(synthetic, "synthetic");
      Checks.prefixed(id, "prt", "part id");
    }

    @Override
    public String type() {
      return "text";
    }

    /** This part with a part ID. */
    public Text withId(String partID) {
      return new Text(text, Optional.of(partID), synthetic);
    }

    /** Shows the length only: prompts may be private. */
    @Override
    public String toString() {
      return "Text[" + text.length() + " chars" + id.map(i -> ", id=" + i).orElse("") + "]";
    }
  }

  /**
   * {@code {"type":"file","mime","url","filename"?}}.
   *
   * @param mime the MIME type
   * @param url the URL
   * @param filename the file name shown to the model
   */
  @JsonPropertyOrder({"type", "mime", "url", "filename"})
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record File(String mime, String url, Optional<String> filename) implements PromptPart {
    /** Checks that mime and url are present. */
    public File {
      Checks.notBlank(mime, "mime");
      Checks.notBlank(url, "url");
      Objects.requireNonNull(filename, "filename");
    }

    @Override
    public String type() {
      return "file";
    }

    /** Shows the MIME type and file name, not the URL (a data: URL holds the whole file). */
    @Override
    public String toString() {
      return "File[" + mime + filename.map(f -> ", " + f).orElse("") + "]";
    }
  }

  /**
   * {@code {"type":"agent","name"}}.
   *
   * @param name the agent name
   */
  @JsonPropertyOrder({"type", "name"})
  record Agent(String name) implements PromptPart {
    /** Checks the name. */
    public Agent {
      Checks.notBlank(name, "name");
    }

    @Override
    public String type() {
      return "agent";
    }
  }

  /**
   * {@code {"type":"subtask","prompt","description","agent","model"?,"command"?}}; the model is nested too.
   *
   * @param prompt what the subagent should do
   * @param description a short description
   * @param agent the subagent
   * @param model the model for the subagent
   * @param command the command that started it
   */
  @JsonPropertyOrder({"type", "prompt", "description", "agent", "model", "command"})
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record Subtask(String prompt, String description, String agent, Optional<ModelRef> model, Optional<String> command)
      implements PromptPart {
    /** Checks the required fields. */
    public Subtask {
      Objects.requireNonNull(prompt, "prompt");
      Objects.requireNonNull(description, "description");
      Checks.notBlank(agent, "agent");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(command, "command");
    }

    @Override
    public String type() {
      return "subtask";
    }

    /** This subtask run by the given model. */
    public Subtask withModel(ModelRef modelRef) {
      return new Subtask(prompt, description, agent, Optional.of(modelRef), command);
    }

    /** Shows the agent and the model, not the prompt. */
    @Override
    public String toString() {
      return "Subtask[" + agent + model.map(m -> ", " + m).orElse("") + ", " + prompt.length() + " chars]";
    }
  }
}
