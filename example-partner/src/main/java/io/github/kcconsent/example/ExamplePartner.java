package io.github.kcconsent.example;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CountDownLatch;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * Entry point: {@code java -jar consent-example-partner.jar [--port 8090] [--alg PS256] …}. Runs until SIGINT or
 * SIGTERM, then stops the HTTP server and exits.
 */
public final class ExamplePartner {

    static final String LOG_PREFIX = "[example-partner] ";

    private ExamplePartner() {
    }

    public static void main(String[] args) {
        PartnerConfig config;
        try {
            config = PartnerConfig.parse(args);
        } catch (PartnerConfig.HelpRequested e) {
            System.out.print(PartnerConfig.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(PartnerConfig.USAGE);
            System.exit(2);
            return;
        }

        RSAKey key;
        try {
            key = PartnerKey.load(config.keyFile());
        } catch (NoSuchFileException e) {
            exit(e.getMessage());
            return;
        } catch (IOException e) {
            exit("cannot read " + config.keyFile() + ": " + e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            exit(e.getMessage());
            return;
        }

        PartnerServer server;
        try {
            server = PartnerServer.start(config, key, line -> System.out.println(LOG_PREFIX + line));
        } catch (BindException e) {
            exit("port " + config.port() + " on 127.0.0.1 is already in use (another example partner?)");
            return;
        } catch (IOException e) {
            exit("cannot listen on port " + config.port() + ": " + e.getMessage());
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(LOG_PREFIX + "stopping");
            server.stop(1);
            System.out.println(LOG_PREFIX + "stopped");
            stopped.countDown();
        }, "example-partner-shutdown"));

        System.out.println(LOG_PREFIX + "FinApp Demo on http://localhost:" + server.port()
                + "  (bank " + config.realmIssuer() + ", client " + config.clientId()
                + ", callback " + server.redirectUri() + ", links signed " + config.algorithm().getName()
                + " with kid " + key.getKeyID() + ")");

        // The main thread waits for the shutdown hook, so the process lives exactly as long as the server.
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void exit(String message) {
        System.err.println("error: " + message);
        System.exit(1);
    }
}
