package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One part of a message ({@code Part} in the OpenAPI document). One lenient type for every kind: {@link #type()}
 * says which fields apply.
 *
 * <ul>
 *   <li>{@code text}, {@code reasoning}: {@link #text()}, {@link #time()} ({@code end} set once final)
 *   <li>{@code tool}: {@link #tool()}, {@link #callID()}, {@link #state()}
 *   <li>{@code step-start}: {@link #snapshot()}; {@code step-finish}: {@link #reason()}, {@link #tokens()},
 *       {@link #cost()}
 *   <li>{@code file}: {@link #mime()}, {@link #url()}, {@link #filename()}; {@code agent}: {@link #name()};
 *       {@code subtask}: {@link #prompt()}, {@link #description()}, {@link #agent()}, {@link #model()}
 *   <li>anything else: {@link #extra()}
 * </ul>
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutablePart.class)
@JsonDeserialize(as = ImmutablePart.class)
public interface Part {

  /** The part ID ({@code prt_...}). */
  Optional<String> id();

  /** The session ID. */
  Optional<String> sessionID();

  /** The message this part belongs to. */
  Optional<String> messageID();

  /** The kind of part. */
  Optional<PartType> type();

  /** The text of a text or reasoning part (the full text so far; final once {@code time.end} is set). */
  Optional<String> text();

  /** A text part the server made up rather than the model or the user. */
  Optional<Boolean> synthetic();

  /** Start and end times. */
  Optional<TimeSpan> time();

  /** The tool name of a tool part. */
  Optional<String> tool();

  /** The call ID of a tool part. */
  Optional<String> callID();

  /** The state of a tool part. */
  Optional<ToolState> state();

  /** The finish reason of a step-finish part ({@code stop}, {@code tool-calls}, ...). */
  Optional<String> reason();

  /** The git tree snapshot of a step part. */
  Optional<String> snapshot();

  /** The cost of a step. */
  Optional<Double> cost();

  /** The token counts of a step. */
  Optional<Tokens> tokens();

  /** The MIME type of a file part. */
  Optional<String> mime();

  /** The URL of a file part. */
  Optional<String> url();

  /** The file name of a file part. */
  Optional<String> filename();

  /** The agent name of an agent part. */
  Optional<String> name();

  /** The prompt of a subtask part. */
  Optional<String> prompt();

  /** The description of a subtask part. */
  Optional<String> description();

  /** The agent of a subtask part. */
  Optional<String> agent();

  /** The model of a subtask part. */
  Optional<ModelChoice> model();

  /** Part metadata. */
  Optional<JsonNode> metadata();

  /** Whether this part is of the given kind. */
  default boolean is(PartType kind) {
    return type().filter(kind::equals).isPresent();
  }

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
