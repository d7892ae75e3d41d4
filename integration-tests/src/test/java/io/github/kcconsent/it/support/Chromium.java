package io.github.kcconsent.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through Debian's chromedriver (paths from system properties, never a
 * downloaded browser or driver), in one language, with screenshots written under target/screenshots.
 */
public final class Chromium implements AutoCloseable {

    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension MOBILE = new Dimension(375, 812);

    public final ChromeDriver driver;
    private final String language;

    public Chromium(String language) {
        this.language = language;
        String binary = System.getProperty("kcconsent.chromium", "/usr/bin/chromium");
        String driverPath = System.getProperty("kcconsent.chromedriver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--disable-quic", "--lang=" + language, "--window-size=1280,900");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverPath))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /**
     * Skips the calling test when Debian's chromium or chromium-driver is missing, as on a developer machine
     * without them; but where the browser tests are required (CI: {@code -Dkcconsent.browser.required=true},
     * set by .ci/run, or the environment variable {@code CI=true}) a missing browser fails the test, so a green
     * CI run always means the browser tests ran.
     */
    public static void assumeAvailable() {
        String missing = "Debian chromium and chromium-driver are required (.ci/run installs them): "
                + System.getProperty("kcconsent.chromium", "/usr/bin/chromium") + ", "
                + System.getProperty("kcconsent.chromedriver", "/usr/bin/chromedriver");
        if (required()) {
            Assertions.assertTrue(available(), missing);
        } else {
            Assumptions.assumeTrue(available(), missing);
        }
    }

    public static boolean required() {
        return Boolean.getBoolean("kcconsent.browser.required") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static boolean available() {
        return new File(System.getProperty("kcconsent.chromium", "/usr/bin/chromium")).canExecute()
                && new File(System.getProperty("kcconsent.chromedriver", "/usr/bin/chromedriver")).canExecute();
    }

    public void size(Dimension dimension) {
        driver.manage().window().setSize(dimension);
    }

    /** Saves target/screenshots/{name}-{language}-{desktop|mobile}.png and returns its path. */
    public Path screenshot(String name) {
        String width = driver.manage().window().getSize().getWidth() <= MOBILE.getWidth() ? "mobile" : "desktop";
        Path dir = Path.of(System.getProperty("kcconsent.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + "-" + language + "-" + width + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs axe-core on the current page and returns the violations of impact serious or critical. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> seriousAccessibilityViolations() {
        String axe;
        try (var in = Chromium.class.getResourceAsStream("/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver.executeScript(axe);
        Object result = driver.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                        + "  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                        + "    .map(function (v) { return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}; }));"
                        + "}).catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e)}]); });");
        return (List<Map<String, Object>>) result;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
