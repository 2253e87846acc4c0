package io.github.ssekit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.opencode.model.MessageInfo;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.relay.ChatRelay;
import io.github.ssekit.relay.ChatRelayOptions;
import io.github.ssekit.testkit.FakeOpenAiServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The chat page of {@code ssekit web} in headless Chromium, its relay in front of the real OpenCode server, whose
 * only provider is the testkit's fake one ({@code mock-slow} streams a chunk every 1.5 s, {@code mock-tool} runs
 * a bash command that asks for permission).
 */
class ChatPageIT {
  static final String NORMAL = String.join("", FakeOpenAiServer.NORMAL_TEXT);
  static ChromeDriver driver;
  static Vertx vertx;
  static FakeOpenAiServer provider;
  static OpenCodeServer opencode;
  static ChatRelay relay;
  static OpenCodeClient client;
  static ChatPage page;

  @BeforeAll
  static void start() throws Exception {
    driver = Chromium.start(); // first: a missing browser fails at once
    page = new ChatPage(driver);
    vertx = Vertx.vertx();
    provider = await(FakeOpenAiServer.start(vertx, Duration.ofMillis(20)));
    opencode = OpenCodeServer.start(provider.baseUrl(), "ask", Map.of());
    OpenCodeClientOptions options = new OpenCodeClientOptions(opencode.url()).setRequestTimeout(Duration.ofSeconds(90));
    client = OpenCodeClient.create(vertx, options);
    // a browser retry longer than mock-slow's chunk interval: a dropped browser misses at least one event
    relay = await(ChatRelay.start(vertx, new ChatRelayOptions(options).setPort(0)
        .setModel(ModelRef.of("mock", "mock-normal")).setBrowserRetry(Duration.ofSeconds(2))));
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (relay != null) {
      await(relay.close());
    }
    if (client != null) {
      await(client.closeAsync());
    }
    if (opencode != null) {
      opencode.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theTextGrowsOnThePageWhileItStreamsAndEndsEqualToTheReply() throws Exception {
    String session = page.open(relay.url(), null);
    page.send("mock/mock-reasoning", "Think, then say hello");
    ChatPage.Turn first = page.awaitEnd(1);
    assertEquals("done", first.state(), first::toString);
    assertEquals(NORMAL, first.text());
    assertEquals("Thinking about hello...", first.reasoning());
    page.send("mock/mock-tool", "Run the tool"); // a tool call and its permission, answered, for the screenshot
    String allow = ".turn[data-turn='2'] .permission .reply-once";
    ChatPage.waitFor(() -> page.present(allow) ? true : null, Duration.ofSeconds(60), "the permission buttons");
    page.click(allow);
    assertEquals("done", page.awaitEnd(2).state());

    // a second tab on the same session: both follow it through the one upstream stream of the directory
    String firstTab = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.TAB);
    assertEquals(session, new ChatPage(driver).open(relay.url(), session));
    String secondTab = driver.getWindowHandle();
    driver.switchTo().window(firstTab);
    assertEquals(1, relay.stats().upstreamsOpen(), relay.stats()::toString);

    page.send("mock/mock-slow", "Say hello, slowly");
    List<String> whileRunning = new ArrayList<>();
    boolean screenshot = false;
    ChatPage.Turn turn;
    while (true) {
      turn = page.turn(3);
      if (turn != null && !"running".equals(turn.state())) {
        break;
      }
      if (turn != null && !turn.text().isEmpty() && !whileRunning.contains(turn.text())) {
        whileRunning.add(turn.text());
        if (!screenshot && turn.text().length() > FakeOpenAiServer.NORMAL_TEXT.get(0).length()) {
          page.screenshot("chat-page.png"); // mid-stream, for examples/README.md
          screenshot = true;
        }
      }
      Thread.sleep(20);
    }
    String finalText = turn.text();
    assertEquals("done", turn.state(), turn::toString);
    assertEquals(NORMAL, finalText);
    // it grew: the first chunk alone, then longer prefixes, all shown before the turn ended
    assertEquals(FakeOpenAiServer.NORMAL_TEXT.get(0), whileRunning.get(0), whileRunning::toString);
    assertTrue(whileRunning.size() >= 2, () -> "shown while running: " + whileRunning);
    for (int i = 1; i < whileRunning.size(); i++) {
      assertTrue(whileRunning.get(i).startsWith(whileRunning.get(i - 1)), whileRunning::toString);
    }
    assertTrue(screenshot, "a screenshot was taken mid-stream");
    // the page shows exactly what OpenCode stored as the reply
    List<MessageWithParts> stored = await(client.messages(session));
    MessageWithParts last = stored.get(stored.size() - 1);
    assertTrue(last.info().map(MessageInfo::isAssistant).orElse(false));
    assertEquals(last.text(), finalText);

    driver.switchTo().window(secondTab);
    ChatPage.Turn inSecondTab = new ChatPage(driver).awaitEnd(3);
    assertEquals(NORMAL, inSecondTab.text());
    assertEquals("done", inSecondTab.state());
    driver.close();
    driver.switchTo().window(firstTab);
  }

  @Test
  void aQuestionIsShownBesideItsToolCallAnsweredFromThePageAndTheAnswerShown() throws Exception {
    String session = page.open(relay.url(), null);
    page.send("mock/mock-question", "Ask me");
    String question = ".turn[data-turn='1'] .tool .question";
    ChatPage.waitFor(() -> page.present(question + " input[value='red']") ? true : null, Duration.ofSeconds(60),
        "the question beside its tool call, with its options");
    assertEquals(FakeOpenAiServer.QUESTION, page.js("return document.querySelector(arguments[0]).textContent",
        question + " legend").toString().replace("Colour: ", ""));
    assertTrue(page.present(question + " input.own-answer"), "a typed answer is allowed");
    assertEquals("running", page.turn(1).state());
    assertEquals(1, await(client.questions()).size(), "OpenCode waits for the answer");
    page.click(question + " input[value='red']");
    page.click(question + " .send-answer");
    ChatPage.Turn done = page.awaitEnd(1);
    assertEquals("done", done.state(), done::toString);
    assertEquals("Answered: red", page.js("return document.querySelector(arguments[0]).textContent",
        question + " .answer"));
    assertTrue(done.text().startsWith("You answered: ") && done.text().contains("red"), done.text());
    assertTrue(await(client.questions()).isEmpty(), "answered in OpenCode");
    assertFalse(await(client.sessionStatuses()).containsKey(session));
  }

  @ParameterizedTest(name = "answered {0}")
  @ValueSource(strings = {"once", "reject"})
  void aPermissionRequestIsAnsweredFromThePage(String reply) throws Exception {
    String session = page.open(relay.url(), null);
    page.send("mock/mock-tool", "Run the tool");
    String button = ".turn[data-turn='1'] .permission .reply-" + reply;
    ChatPage.waitFor(() -> page.present(button) ? true : null, Duration.ofSeconds(60), "the permission buttons");
    ChatPage.Turn waiting = page.turn(1);
    assertEquals("running", waiting.state());
    assertEquals(List.of(""), waiting.permissionReplies(), "not answered yet");
    assertEquals(1, await(client.permissions()).size(), "OpenCode waits for the answer");
    page.click(button);
    ChatPage.Turn done = page.awaitEnd(1);
    assertEquals(List.of(reply), done.permissionReplies(), done::toString);
    assertTrue(await(client.permissions()).isEmpty(), "answered in OpenCode");
    if (reply.equals("once")) {
      assertEquals("done", done.state(), done::toString);
      assertEquals(List.of("bash:completed"), done.tools());
      assertTrue(done.text().startsWith("Tool done: hi-from-tool"), done.text());
    } else {
      assertEquals(List.of("bash:error"), done.tools(), done::toString);
    }
    assertFalse(await(client.sessionStatuses()).containsKey(session));
  }

  @Test
  void abortStopsTheTurnMidReply() throws Exception {
    String session = page.open(relay.url(), null);
    page.send("mock/mock-slow", "Say hello, slowly");
    ChatPage.waitFor(() -> {
      ChatPage.Turn t = page.turn(1);
      return t != null && !t.text().isEmpty() ? t : null;
    }, Duration.ofSeconds(60), "the first text");
    page.click("#abort");
    ChatPage.Turn aborted = page.awaitEnd(1);
    assertEquals("aborted", aborted.state(), aborted::toString);
    assertNotNull(aborted.error());
    assertTrue(aborted.error().startsWith("MessageAbortedError"), aborted.error());
    assertTrue(!aborted.text().isEmpty() && NORMAL.startsWith(aborted.text()) && !aborted.text().equals(NORMAL),
        aborted.text());
    ChatPage.waitFor(() -> {
      try {
        return await(client.sessionStatuses()).containsKey(session) ? null : true;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, Duration.ofSeconds(30), "the session to be idle in OpenCode");
  }

  @Test
  void aBrowserThatLosesItsConnectionMidReplyResumesWithoutLosingOrRepeatingText() throws Exception {
    page.open(relay.url(), null);
    long resumes = relay.stats().resumes();
    long replayed = relay.stats().eventsReplayed();
    page.send("mock/mock-slow", "Say hello, slowly");
    ChatPage.waitFor(() -> {
      ChatPage.Turn t = page.turn(1);
      return t != null && !t.text().isEmpty() ? t : null;
    }, Duration.ofSeconds(60), "the first text");
    await(relay.dropBrowserConnections()); // as a network drop would: the EventSource retries after 2 s
    ChatPage.waitFor(() -> "reconnecting".equals(page.connection()) ? true : null, Duration.ofSeconds(10),
        "the page to notice");
    ChatPage.waitFor(() -> "live".equals(page.connection()) ? true : null, Duration.ofSeconds(30),
        "the page to reconnect");
    assertEquals(resumes + 1, relay.stats().resumes(), "resumed from its Last-Event-ID");
    assertTrue(relay.stats().eventsReplayed() > replayed, "what was sent meanwhile was replayed");
    assertEquals(1, page.stat("snapshots"), "no snapshot: the page kept its text and got only what it missed");
    assertEquals(2, page.stat("opens"));

    // a reload mid-reply: a new page, caught up with a snapshot, then the rest
    ChatPage.waitFor(() -> {
      ChatPage.Turn t = page.turn(1);
      return t != null && "running".equals(t.state()) && t.text().length() > 5 ? t : null;
    }, Duration.ofSeconds(30), "more text");
    driver.navigate().refresh();
    ChatPage.Turn done = page.awaitEnd(1);
    assertEquals("done", done.state(), done::toString);
    assertEquals(NORMAL, done.text());
    assertEquals(1, page.stat("snapshots"));
  }

  @Test
  void aProviderErrorIsShownPlainly() throws Exception {
    page.open(relay.url(), null);
    page.send("mock/mock-http401", "Fail, please");
    ChatPage.Turn failed = page.awaitEnd(1);
    assertEquals("failed", failed.state(), failed::toString);
    assertTrue(failed.error().startsWith("APIError 401: mock error 401"), failed.error());
    assertEquals("", failed.text());
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
