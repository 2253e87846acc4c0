package io.github.ssekit.openai.responses;

import java.util.Optional;
import org.immutables.value.Value;

/** A function call of a response, assembled from its item and argument events. */
@Value.Immutable
public interface FunctionCall {

  /** The position of the call's output item. */
  int outputIndex();

  /** The item id (the first one seen; some gateways rotate it). */
  Optional<String> itemId();

  /** The call id to send the result back with. */
  Optional<String> callId();

  /** The function name. */
  Optional<String> name();

  /** The argument JSON text (the {@code .done} value when one arrived, else the deltas appended). */
  String arguments();
}
