package io.github.ssekit.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The chat page of {@code ssekit web} in a real browser, read the way a user sees it (the DOM). */
final class ChatPage {
  /** What a turn shows. */
  record Turn(String state, String text, String reasoning, String error, List<String> tools,
      List<String> permissionReplies) {}

  private static final String READ_TURN = """
      const t = document.querySelector('.turn[data-turn="' + arguments[0] + '"]');
      if (!t) return null;
      const error = t.querySelector('.error');
      return {
        state: t.dataset.state,
        text: [...t.querySelectorAll('.items > .text')].map(e => e.textContent).join(''),
        reasoning: [...t.querySelectorAll('.items > .reasoning .body')].map(e => e.textContent).join(''),
        error: error.hidden ? null : error.textContent,
        tools: [...t.querySelectorAll('.tool')].map(e => e.querySelector('.tool-name').textContent + ':'
            + e.dataset.status),
        permissions: [...t.querySelectorAll('.permission')].map(e => e.dataset.reply || ''),
      };""";

  final WebDriver driver;

  ChatPage(WebDriver driver) {
    this.driver = driver;
  }

  /** Loads the page (on a new session unless {@code session} is given) and waits until its stream is live. */
  String open(String url, String session) {
    driver.get(session == null ? url : url + "#" + session);
    return waitFor(() -> "live".equals(connection()) ? (String) js("return window.ssekitChat.session") : null,
        Duration.ofSeconds(60), "the page's event stream to be live");
  }

  /** Types a prompt, picks the model and clicks Send. */
  void send(String model, String text) {
    waitFor(() -> driver.findElement(By.id("send")).isEnabled() ? true : null, Duration.ofSeconds(30),
        "Send to be enabled");
    WebElement modelField = driver.findElement(By.id("model"));
    modelField.clear();
    modelField.sendKeys(model);
    driver.findElement(By.id("prompt")).sendKeys(text);
    driver.findElement(By.id("send")).click();
  }

  /** The turn as shown, or null before it appears. */
  @SuppressWarnings("unchecked")
  Turn turn(int number) {
    Map<String, Object> t = (Map<String, Object>) js(READ_TURN, number);
    if (t == null) {
      return null;
    }
    return new Turn((String) t.get("state"), (String) t.get("text"), (String) t.get("reasoning"),
        (String) t.get("error"), (List<String>) t.get("tools"), (List<String>) t.get("permissions"));
  }

  /** Waits for the turn to leave the running state. */
  Turn awaitEnd(int number) {
    return waitFor(() -> {
      Turn t = turn(number);
      return t != null && !"running".equals(t.state()) ? t : null;
    }, Duration.ofSeconds(90), "turn " + number + " to end");
  }

  /** The connection indicator: live, reconnecting, closed, connecting. */
  String connection() {
    return driver.findElement(By.id("connection")).getAttribute("data-state");
  }

  /** One of the page's counters (opens, errors, events, snapshots). */
  long stat(String name) {
    return ((Number) js("return window.ssekitChat.stats[arguments[0]]", name)).longValue();
  }

  void click(String cssSelector) {
    WebElement element = driver.findElement(By.cssSelector(cssSelector));
    // in the middle of the window: not under the composer fixed at the bottom
    js("arguments[0].scrollIntoView({block: 'center'})", element);
    element.click();
  }

  boolean present(String cssSelector) {
    return !driver.findElements(By.cssSelector(cssSelector)).isEmpty();
  }

  void screenshot(String name) throws java.io.IOException {
    Path dir = Path.of(System.getProperty("ssekit.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Polls {@code check} until it returns non-null. */
  static <T> T waitFor(Supplier<T> check, Duration within, String what) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      T value = check.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + within.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
