package io.github.ssekit.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both given by path so that Selenium never
 * looks for (or downloads) a browser or a driver. Missing binaries fail the test with what to install: the
 * browser tests are never skipped silently.
 */
final class Chromium {
  static final Path BROWSER = Path.of(System.getProperty("ssekit.chromium", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("ssekit.chromedriver", "/usr/bin/chromedriver"));

  private Chromium() {}

  /** A new headless browser with a fresh profile under {@code target/it-work}. */
  static ChromeDriver start() throws IOException {
    for (Path binary : new Path[] {BROWSER, DRIVER}) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException("The browser tests need Debian's headless Chromium and its driver, but "
            + binary + " is missing: install them with `apt-get install chromium chromium-driver` (.ci/run does),"
            + " or point -Dssekit.chromium and -Dssekit.chromedriver at them");
      }
    }
    // Selenium warns that it has no CDP bindings for this Chromium version; nothing here uses CDP
    Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
    Logger.getLogger("org.openqa.selenium.chromium").setLevel(Level.SEVERE);
    Path work = Path.of(System.getProperty("ssekit.it.work", "target/it-work"));
    Files.createDirectories(work);
    Path profile = Files.createTempDirectory(work.toAbsolutePath(), "chromium-profile-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1000,1100",
        "--force-device-scale-factor=1");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(new File(profile.toFile(), "chromedriver.log"))
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }
}
