package dev.securerestapi.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.UsernameAndPassword;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.bidi.browsingcontext.BrowsingContext;
import org.openqa.selenium.bidi.browsingcontext.CreateContextParameters;
import org.openqa.selenium.bidi.browsingcontext.ReadinessState;
import org.openqa.selenium.bidi.module.Network;
import org.openqa.selenium.bidi.module.Script;
import org.openqa.selenium.bidi.network.AddInterceptParameters;
import org.openqa.selenium.bidi.network.Header;
import org.openqa.selenium.bidi.network.InterceptPhase;
import org.openqa.selenium.bidi.network.ResponseData;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven from Java through Debian's ChromeDriver over WebDriver BiDi.
 * The browser's login prompt is BiDi's {@code network.authRequired} event: each time a response
 * challenges the browser, the visit answers with the next of its answers, as a person typing into
 * the prompt would, or presses Cancel when it has none left (the browser then shows the 401 page).
 * Each visit runs in a new tab of a new user context (BiDi's private profile), so no credentials
 * carry over from one visit to the next, and leaves a screenshot; one Chromium serves them all.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

    /**
     * What one visit saw: each time the browser asked for credentials (Chromium reports the
     * request, not the 401 itself, with the event), every response that completed (a 401 the
     * prompt was cancelled on among them), and the page as shown.
     */
    public record Visit(List<ResponseData> challenges, List<ResponseData> responses, String url, String text) {

        /** The last response for {@code url}: what the page shows. */
        public ResponseData last(URI url) {
            return responses.stream().filter(r -> r.getUrl().equals(url.toString())).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no response for " + url + ": " + this));
        }

        public int status(URI url) {
            return last(url).getStatus();
        }

        @Override
        public String toString() {
            return "Visit[url=" + url + ", challenges=" + challenges.size() + ", statuses="
                    + responses.stream().map(r -> r.getStatus() + " " + r.getUrl()).toList() + ", text=" + text + "]";
        }
    }

    private final String trustedSpki;
    private ChromeDriver driver;
    /** The tab Chromium opens with: the visits run in tabs of their own and come back to it. */
    private String home;

    /** @param trustedSpki the SHA-256 of a certificate's public key that Chromium trusts, or null */
    public Browser(String trustedSpki) {
        this.trustedSpki = trustedSpki;
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                throw new IllegalStateException("no " + program + ". Install Chromium and its driver, then run mvn verify again:\n"
                        + "    sudo apt-get install -y chromium chromium-driver\n(src/test/setup/test-tools.sh does this as root)");
            }
        }
    }

    /** The value of a header of a response the browser saw, if it has one. */
    public static Optional<String> header(ResponseData response, String name) {
        return response.getHeaders().stream().filter(h -> h.getName().equalsIgnoreCase(name)).map(Header::getValue)
                .map(v -> v.getValue()).findFirst();
    }

    /** Opens {@code url}, answering login prompts with {@code answers} in order; saves a screenshot. */
    public Visit visit(URI url, List<UsernameAndPassword> answers, Path screenshot) {
        return visit(url, null, null, answers, screenshot);
    }

    /**
     * Opens {@code url}, clicks the element {@code selector} finds, and follows where it leads
     * until {@code destination} has answered, answering login prompts with {@code answers} in order.
     */
    public Visit click(URI url, String selector, URI destination, List<UsernameAndPassword> answers, Path screenshot) {
        return visit(url, selector, destination, answers, screenshot);
    }

    /**
     * Opens {@code page}, types {@code fields} (by element id) into its form, clicks the element
     * {@code button} finds, and waits until the page's own script has written into the element
     * with id {@code result}, answering login prompts (the browser's own credentials) with
     * {@code answers} in order. The visit's text is that result.
     */
    public Visit submit(URI page, java.util.Map<String, String> fields, String button, String result, List<UsernameAndPassword> answers,
            Path screenshot) {
        StringBuilder typing = new StringBuilder("(() => {");
        fields.forEach((id, value) -> typing.append("document.getElementById(").append(json(id)).append(").value = ")
                .append(json(value)).append(";"));
        typing.append("document.querySelector(").append(json(button)).append(").click(); })()");
        return visit(page, typing.toString(), null, result, answers, screenshot);
    }

    /**
     * Opens {@code page}, runs {@code script} in it (a function expression's call, as a user's
     * clicks would), and waits until the page's own script has written into the element with id
     * {@code result}, answering login prompts with {@code answers} in order.
     */
    public Visit act(URI page, String script, String result, List<UsernameAndPassword> answers, Path screenshot) {
        return visit(page, script, null, result, answers, screenshot);
    }

    /** {@code s} as a JavaScript string literal. */
    public static String json(String s) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(s).toString();
    }

    private Visit visit(URI url, String selector, URI destination, List<UsernameAndPassword> answers, Path screenshot) {
        return visit(url, selector == null ? null : "document.querySelector('" + selector.replace("'", "\\'") + "').click()", destination,
                null, answers, screenshot);
    }

    private Visit visit(URI url, String action, URI destination, String result, List<UsernameAndPassword> answers, Path screenshot) {
        ChromeDriver driver = driver();
        org.openqa.selenium.bidi.module.Browser browser = new org.openqa.selenium.bidi.module.Browser(driver);
        // a user context of its own: like a new browser, it knows no credentials of earlier visits
        String userContext = browser.createUserContext();
        BrowsingContext tab = new BrowsingContext(driver, new CreateContextParameters(WindowType.TAB).userContext(userContext));
        driver.switchTo().window(tab.getId());
        // answers go out from a thread of their own: a BiDi command sent from the thread that
        // delivers the event would wait for itself
        ExecutorService answering = Executors.newSingleThreadExecutor();
        try (Network network = new Network(driver); Script script = new Script(driver)) {
            List<ResponseData> challenges = Collections.synchronizedList(new ArrayList<>());
            List<ResponseData> responses = Collections.synchronizedList(new ArrayList<>());
            Deque<UsernameAndPassword> left = new ArrayDeque<>(answers);
            String intercept = network.addIntercept(new AddInterceptParameters(InterceptPhase.AUTH_REQUIRED));
            network.onAuthRequired(challenge -> {
                challenges.add(challenge.getResponseData());
                String request = challenge.getRequest().getRequestId();
                UsernameAndPassword answer = left.poll();
                answering.submit(() -> {
                    if (answer != null) {
                        network.continueWithAuth(request, answer);
                    } else {
                        network.cancelAuth(request);
                    }
                });
            });
            network.onResponseCompleted(done -> responses.add(done.getResponseData()));
            // Only BiDi commands while a prompt may be up: ChromeDriver holds back the BiDi answer
            // to the prompt while a classic WebDriver command waits for the page.
            tab.navigate(url.toString(), ReadinessState.COMPLETE);
            if (action != null) {
                script.evaluateFunctionInBrowsingContext(tab.getId(), action, false, Optional.empty());
            }
            if (result != null) {
                String read = "(() => { const e = document.getElementById(" + json(result) + "); return e ? e.textContent : ''; })()";
                String[] written = {""};
                Await.within(Duration.ofSeconds(30), () -> {
                    Object text = ((JavascriptExecutor) driver).executeScript("return " + read);
                    written[0] = text == null ? "" : text.toString();
                    return !written[0].isEmpty();
                }, () -> "the page " + url + " wrote nothing into #" + result + ": " + responses.size() + " responses");
                Files.createDirectories(screenshot.getParent());
                Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));
                network.removeIntercept(intercept);
                return new Visit(List.copyOf(challenges), List.copyOf(responses), driver.getCurrentUrl(), written[0]);
            }
            if (destination != null) {
                Await.within(Duration.ofSeconds(30), () -> responses.stream()
                        .anyMatch(r -> r.getUrl().equals(destination.toString()) && r.getStatus() != 401),
                        () -> "the click (" + action + ") did not reach " + destination + ": " + responses.size() + " responses");
                Await.within(Duration.ofSeconds(30), () -> driver.getCurrentUrl().equals(destination.toString())
                        && "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")),
                        () -> "the page of " + destination + " did not load");
            }
            String text = driver.findElement(By.tagName("body")).getText();
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));
            network.removeIntercept(intercept);
            return new Visit(List.copyOf(challenges), List.copyOf(responses), driver.getCurrentUrl(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            answering.shutdownNow();
            tab.close();
            browser.removeUserContext(userContext);
            driver.switchTo().window(home);
        }
    }

    /**
     * Opens {@code page} and waits until its own script has written a result into the element
     * with id {@code result}; returns that text. For pages that call the API with {@code fetch}.
     */
    public String result(URI page, Path screenshot) {
        ChromeDriver driver = driver();
        org.openqa.selenium.bidi.module.Browser browser = new org.openqa.selenium.bidi.module.Browser(driver);
        String userContext = browser.createUserContext();
        BrowsingContext tab = new BrowsingContext(driver, new CreateContextParameters(WindowType.TAB).userContext(userContext));
        driver.switchTo().window(tab.getId());
        try {
            tab.navigate(page.toString(), ReadinessState.COMPLETE);
            String[] result = new String[1];
            Await.within(Duration.ofSeconds(30), () -> {
                Object text = ((JavascriptExecutor) driver).executeScript(
                        "const e = document.getElementById('result'); return e ? e.textContent : '';");
                result[0] = text == null ? "" : text.toString();
                return !result[0].isEmpty();
            }, () -> "the page " + page + " wrote no result");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));
            return result[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            tab.close();
            browser.removeUserContext(userContext);
            driver.switchTo().window(home);
        }
    }

    /**
     * This browser's one Chromium, started on first use and ended by {@link #close} or with the
     * test JVM (its driver runs under tethered.sh, like every server the tests start).
     */
    private synchronized ChromeDriver driver() {
        if (driver == null) {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(ItConfig.projectDir().resolve("src/test/setup/chromedriver.sh").toFile())
                    .withEnvironment(java.util.Map.of("CHROMEDRIVER", CHROMEDRIVER.toString(),
                            "TETHER_OWNER", Long.toString(ProcessHandle.current().pid()),
                            "TETHER_CAP", Long.toString(Processes.SAFETY_CAP.toSeconds())))
                    .usingAnyFreePort().build();
            driver = new ChromeDriver(service, options());
            home = driver.getWindowHandle();
            Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        }
        return driver;
    }

    /** Ends this browser's Chromium, if it runs. */
    @Override
    public synchronized void close() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    private ChromeOptions options() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // headless, and quiet on a machine whose only network is loopback
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1024,768");
        if (trustedSpki != null) {
            options.addArguments("--ignore-certificate-errors-spki-list=" + trustedSpki);
        }
        options.setCapability("webSocketUrl", true); // WebDriver BiDi
        // classic commands never wait for a page: while one waits, ChromeDriver holds back the
        // BiDi command that answers the prompt the page is waiting for
        options.setPageLoadStrategy(PageLoadStrategy.NONE);
        return options;
    }
}
