package io.github.ssekit.benchmarks.anthropic;

import io.github.ssekit.benchmarks.pipeline.Assembled;
import io.github.ssekit.benchmarks.workload.Input;
import java.util.List;

/** Bytes of an Anthropic Messages stream in, one assembled message out, the way each library does it. */
public interface MessagesPipeline {

  /** The name in results and tables. */
  String name();

  /** Runs the whole stream: the text, the stop reason and the output tokens. */
  Assembled run(Input input) throws Exception;

  /** Every pipeline, ssekit first. */
  static List<MessagesPipeline> all() {
    return List.of(new SsekitMessagesPipeline(), new AnthropicJavaPipeline());
  }

  /** The pipeline of that name. */
  static MessagesPipeline byName(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown pipeline " + name));
  }
}
