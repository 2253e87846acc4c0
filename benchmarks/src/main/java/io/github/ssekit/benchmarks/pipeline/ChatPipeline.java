package io.github.ssekit.benchmarks.pipeline;

import io.github.ssekit.benchmarks.workload.Input;
import java.util.List;

/** Bytes of a Chat Completions stream in, one assembled message out, the way each library does it. */
public interface ChatPipeline {

  /** The name in results and tables. */
  String name();

  /** Runs the whole stream. */
  Assembled run(Input input) throws Exception;

  /** Every pipeline, ssekit first. */
  static List<ChatPipeline> all() {
    return List.of(new SsekitPipeline(), new OkHttpEventSourceJacksonPipeline(), new OpenAiJavaPipeline());
  }

  /** The pipeline of that name. */
  static ChatPipeline byName(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown pipeline " + name));
  }
}
