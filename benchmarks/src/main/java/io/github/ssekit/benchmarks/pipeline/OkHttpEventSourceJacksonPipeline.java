package io.github.ssekit.benchmarks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StreamClosedByServerException;
import io.github.ssekit.benchmarks.peers.OkHttpEventSourceAdapter;
import io.github.ssekit.benchmarks.workload.ChunkedInputStream;
import io.github.ssekit.benchmarks.workload.Input;

/**
 * The common hand-written pipeline: okhttp-eventsource for the events, Jackson trees for the chunks, a
 * StringBuilder for the text (stop at {@code [DONE]}, append {@code choices[0].delta.content}, keep the last
 * {@code finish_reason} and {@code usage}). No validation, no diagnostics: a lower bar than the other two.
 */
public final class OkHttpEventSourceJacksonPipeline implements ChatPipeline {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public String name() {
    return "okhttp-eventsource+jackson";
  }

  @Override
  public Assembled run(Input input) throws Exception {
    StringBuilder content = new StringBuilder();
    String finish = null;
    long total = -1;
    try (EventSource source = OkHttpEventSourceAdapter.open(new ChunkedInputStream(input))) {
      while (true) {
        MessageEvent event;
        try {
          event = source.readMessage();
        } catch (StreamClosedByServerException end) {
          break;
        }
        String data = event.getData();
        if (data.equals("[DONE]")) {
          break;
        }
        JsonNode chunk = MAPPER.readTree(data);
        for (JsonNode choice : chunk.path("choices")) {
          JsonNode text = choice.path("delta").path("content");
          if (text.isTextual()) {
            content.append(text.textValue());
          }
          JsonNode reason = choice.path("finish_reason");
          if (reason.isTextual()) {
            finish = reason.textValue();
          }
        }
        JsonNode usage = chunk.path("usage");
        if (usage.isObject()) {
          total = usage.path("total_tokens").asLong(-1);
        }
      }
    }
    return new Assembled(content.toString(), finish, total);
  }
}
