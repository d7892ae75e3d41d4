package io.github.kcconsent.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The Keycloak server's log is part of every test's verdict: a test (or a test class, for what its set-up and
 * tear-down caused) fails when the server logged, while it ran, an ERROR from our packages
 * ({@code io.github.kcconsent}) or a failed scheduled task of ours ({@code kcconsent-…} in Keycloak's
 * scheduled-task runner). A green run used to hide a sweeper that failed every two seconds.
 * <p>
 * Keycloak's test framework (distribution mode) reads the server process's console and logs every line, as
 * it came, at INFO on the {@code managed.keycloak} logger of this JVM; a handler on that logger sees them all.
 * Registered for every test class through JUnit's extension auto-detection (META-INF/services, switched on in
 * the failsafe configuration). One JVM runs the whole suite, so the one handler is static. It judges the classes
 * that run on the framework's server ({@link KeycloakIntegrationTest}); a driver that starts servers of its own
 * (the cluster drills) reads their logs itself.
 */
public final class ServerLogVerdict implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** What the framework logs each server line under. */
    public static final String SERVER_LOGGER = "managed.keycloak";
    /** {@code 2026-12-02 01:02:03,456 ERROR [category] (thread) message}: Keycloak's default console format. */
    private static final Pattern LINE = Pattern.compile("^\\S+ \\S+ +(ERROR|FATAL) +\\[([^\\]]+)\\] *(.*)$");
    private static final Pattern ANY_LOG_LINE = Pattern.compile("^\\S+ \\S+ +(TRACE|DEBUG|INFO|WARN|ERROR|FATAL) .*");
    /** The head of a stack trace that follows a line: its exception line, frames, and causes. */
    private static final Pattern TRACE_LINE = Pattern.compile("^(\\s+at |Caused by: |\\s*\\.\\.\\. \\d+ more|[\\w.$]+(Exception|Error)\\b).*");
    private static final int CONTEXT_LINES = 6;

    private static final Collector COLLECTOR = new Collector();

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerLogVerdict.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!onFrameworkServer(context)) {
            return;
        }
        COLLECTOR.install();
        // Logged since the previous class ended (its server's shutdown, this class's server start): judged with
        // this class's set-up, at its end, so the class's own tests still run.
        context.getStore(NAMESPACE).put("before", COLLECTOR.drain());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!onFrameworkServer(context)) {
            return;
        }
        fail(context.getDisplayName(), COLLECTOR.drain());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!onFrameworkServer(context)) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> before = (List<String>) context.getStore(NAMESPACE).getOrDefault("before", List.class, List.of());
        List<String> offending = new ArrayList<>(before);
        offending.addAll(COLLECTOR.drain());
        fail(context.getDisplayName() + " (its server start, class set-up and tear-down)", offending);
        if (!COLLECTOR.sawAnyLine() && readsServerOutput()) {
            throw new AssertionError("no Keycloak server log line reached the '" + SERVER_LOGGER
                    + "' logger: the server log verdict cannot work (see integration-tests/README.md)");
        }
    }

    private static boolean onFrameworkServer(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestClass(), KeycloakIntegrationTest.class);
    }

    /**
     * Whether the framework reads the server's console in this run: not for a remote server, nor for a server
     * left running by an earlier run ({@code KC_TEST_SERVER_REUSE}), whose output went to that run.
     */
    private static boolean readsServerOutput() {
        boolean remote = "remote".equals(System.getProperty("kc.test.server"));
        boolean reuse = Boolean.parseBoolean(System.getProperty("kc.test.server.reuse", System.getenv("KC_TEST_SERVER_REUSE")));
        return !remote && !reuse;
    }

    private static void fail(String where, List<String> offending) {
        if (!offending.isEmpty()) {
            throw new AssertionError("the Keycloak server logged " + offending.size() + " error(s) of ours while "
                    + where + " ran:\n" + String.join("\n---\n", offending));
        }
    }

    /**
     * Collects, from now until closed, the server's log lines that contain {@code text}: for a test that must
     * show that the server did not log something below ERROR (e.g. a Hibernate WARN).
     */
    public static Watch watch(String text) {
        COLLECTOR.install();
        Watch watch = new Watch(text);
        COLLECTOR.watches.add(watch);
        return watch;
    }

    /** Server lines containing a text, seen while the watch is open. */
    public static final class Watch implements AutoCloseable {

        private final String text;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        private Watch(String text) {
            this.text = text;
        }

        public List<String> lines() {
            return List.copyOf(lines);
        }

        private void offer(String line) {
            if (line.contains(text)) {
                lines.add(line);
            }
        }

        @Override
        public void close() {
            COLLECTOR.watches.remove(this);
        }
    }

    /** Whether a server line fails the run: an ERROR of ours, or a scheduled task of ours that failed. */
    public static boolean offends(String category, String message) {
        if (category.startsWith("io.github.kcconsent")) {
            return true;
        }
        return category.startsWith("org.keycloak.services.scheduled") && message.contains("kcconsent-");
    }

    /** Collects offending server lines, each with the few lines (stack trace head) that follow it. */
    public static final class Collector extends Handler {

        private final List<StringBuilder> offending = new ArrayList<>();
        private final List<Watch> watches = new CopyOnWriteArrayList<>();
        private StringBuilder current;
        private int contextLeft;
        private boolean installed;
        private boolean sawAnyLine;

        synchronized void install() {
            if (!installed) {
                Logger.getLogger(SERVER_LOGGER).addHandler(this);
                installed = true;
            }
        }

        synchronized List<String> drain() {
            List<String> out = offending.stream().map(StringBuilder::toString).toList();
            offending.clear();
            current = null;
            return out;
        }

        synchronized boolean sawAnyLine() {
            return sawAnyLine;
        }

        @Override
        public synchronized void publish(LogRecord record) {
            String line = record.getMessage();
            // The framework logs each line twice: at its own level without the prefix, then at INFO as it came.
            if (line == null || record.getLevel().intValue() != Level.INFO.intValue()) {
                return;
            }
            sawAnyLine = true;
            watches.forEach(w -> w.offer(line));
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                current = offends(m.group(2), m.group(3)) ? new StringBuilder(line) : null;
                if (current != null) {
                    offending.add(current);
                    contextLeft = CONTEXT_LINES;
                }
            } else if (ANY_LOG_LINE.matcher(line).matches()) {
                current = null;
            } else if (current != null && contextLeft > 0 && TRACE_LINE.matcher(line).matches()) {
                current.append('\n').append(line);
                contextLeft--;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
