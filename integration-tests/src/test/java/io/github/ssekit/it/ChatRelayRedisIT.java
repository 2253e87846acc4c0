package io.github.ssekit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.opencode.model.MessageInfo;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.relay.ChatRelay;
import io.github.ssekit.relay.ChatRelayOptions;
import io.github.ssekit.testkit.FakeOpenAiServer;
import io.github.ssekit.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Three relay nodes on Redis Streams (Debian's real {@code redis-server}) in front of the real OpenCode server, the
 * chat page in headless Chromium behind a switchable front: the node a page follows a slow reply on stops
 * mid-reply, the page's EventSource reconnects through the front to another node, which has taken the directory's
 * lease over, and the page ends showing exactly the stored reply.
 */
class ChatRelayRedisIT {
  static final String NORMAL = String.join("", FakeOpenAiServer.NORMAL_TEXT);
  static ChromeDriver driver;
  static Vertx vertx;
  static FakeOpenAiServer provider;
  static OpenCodeServer opencode;
  static RedisServer redis;
  static OpenCodeClient client;
  static final List<ChatRelay> nodes = new ArrayList<>();
  static SwitchableFront front;
  static ChatPage page;

  @BeforeAll
  static void start() throws Exception {
    driver = Chromium.start();
    page = new ChatPage(driver);
    vertx = Vertx.vertx();
    redis = RedisServer.start(Path.of(System.getProperty("ssekit.it.work", "target/it-work"))
        .resolve("redis-" + ProcessHandle.current().pid()).toAbsolutePath());
    provider = await(FakeOpenAiServer.start(vertx, Duration.ofMillis(20)));
    opencode = OpenCodeServer.start(provider.baseUrl(), "ask", Map.of());
    OpenCodeClientOptions options = new OpenCodeClientOptions(opencode.url()).setRequestTimeout(Duration.ofSeconds(90));
    client = OpenCodeClient.create(vertx, options);
    for (int i = 0; i < 3; i++) {
      nodes.add(await(ChatRelay.start(vertx, new ChatRelayOptions(options).setPort(0)
          .setModel(ModelRef.of("mock", "mock-normal")).setBrowserRetry(Duration.ofMillis(300))
          .setRedis(redis.uri()).setRedisLease(Duration.ofSeconds(1)))));
    }
    front = SwitchableFront.start(vertx, nodes.get(0).port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    for (ChatRelay node : nodes) {
      await(node.close());
    }
    if (front != null) {
      front.close();
    }
    if (client != null) {
      await(client.closeAsync());
    }
    if (opencode != null) {
      opencode.close();
    }
    if (redis != null) {
      redis.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPageWhoseNodeStopsMidReplyGoesOnOnAnotherNodeWithNoTextLostOrRepeated() throws Exception {
    ChatRelay a = nodes.get(0);
    ChatRelay b = nodes.get(1);
    String session = page.open(front.url(), null);
    ChatPage.waitFor(() -> a.stats().upstreamsOpen() == 1 ? true : null, Duration.ofSeconds(30),
        "node A to hold the directory's lease and its upstream");
    page.send("mock/mock-normal", "Say hello"); // a warm server streams (its first turn may come at once)
    assertEquals(NORMAL, page.awaitEnd(1).text());

    page.send("mock/mock-slow", "Say hello, slowly");
    ChatPage.waitFor(() -> {
      ChatPage.Turn t = page.turn(2);
      return t != null && !t.text().isEmpty() ? t : null;
    }, Duration.ofSeconds(60), "the first text");
    String before = page.turn(2).text();
    assertTrue(!before.equals(NORMAL), "mid-reply: " + before);
    front.pointAt(b.port());
    await(a.close()); // node A stops; the page's stream ends with it
    nodes.remove(a);

    ChatPage.Turn done = page.awaitEnd(2);
    assertEquals("done", done.state(), done::toString);
    List<MessageWithParts> stored = await(client.messages(session));
    MessageWithParts last = stored.get(stored.size() - 1);
    assertTrue(last.info().map(MessageInfo::isAssistant).orElse(false));
    assertEquals(last.text(), done.text(), "the page shows the stored reply, nothing lost or repeated");
    assertEquals(NORMAL, done.text());
    assertEquals(1, page.stat("snapshots"), "resumed by Last-Event-ID on node B, not rebuilt from a snapshot");
    assertTrue(b.stats().upstreamsOpen() == 1 || nodes.get(1).stats().upstreamsOpen() == 1,
        "another node follows OpenCode now");

    // the page moves to node C: it resumes there by ID too, and shows the same
    ChatRelay c = nodes.get(1);
    front.pointAt(c.port());
    await(b.dropBrowserConnections());
    ChatPage.waitFor(() -> page.stat("opens") >= 3 && "live".equals(page.connection()) ? true : null,
        Duration.ofSeconds(30), "the page to reconnect to node C");
    assertEquals(1, page.stat("snapshots"));
    assertEquals(NORMAL, page.turn(2).text());
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
