package io.github.ssekit.openai.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponsesRequestTest {

  @Test
  void serialisesInstructionsInputToolsReasoningAndExtras() throws Exception {
    ResponsesRequest request = ResponsesRequest.builder("gpt-5-nano")
        .instructions("Be brief.")
        .addMessage("user", "What is 3 + 5?")
        .addFunction("add", "Adds two numbers", new ObjectMapper().readTree(
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}}}"))
        .reasoning("low", "auto")
        .extra("metadata", Map.of("k", "v"))
        .build();

    assertEquals("{\"model\":\"gpt-5-nano\",\"input\":[{\"role\":\"user\",\"content\":\"What is 3 + 5?\"}],"
        + "\"tools\":[{\"type\":\"function\",\"name\":\"add\",\"description\":\"Adds two numbers\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}}}}],"
        + "\"instructions\":\"Be brief.\",\"reasoning\":{\"effort\":\"low\",\"summary\":\"auto\"},\"stream\":true,"
        + "\"metadata\":{\"k\":\"v\"}}", request.toJson());
  }

  @Test
  void serialisesTextInputAndAFunctionCallOutput() {
    assertEquals("{\"model\":\"m\",\"input\":\"Hello\",\"stream\":true}",
        ResponsesRequest.builder("m").input("Hello").build().toJson());
    assertEquals("{\"model\":\"m\",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"call_7Vai\","
        + "\"output\":\"8\"}],\"previous_response_id\":\"resp_1\",\"stream\":true}",
        ResponsesRequest.builder("m").addFunctionCallOutput("call_7Vai", "8").previousResponseId("resp_1").build()
            .toJson());
  }

  @Test
  void refusesARequestWithoutInput() {
    assertThrows(IllegalStateException.class, () -> ResponsesRequest.builder("m").build());
    assertEquals("ResponsesRequest[model=m, stream=true]",
        ResponsesRequest.builder("m").input("private words").build().toString());
  }
}
