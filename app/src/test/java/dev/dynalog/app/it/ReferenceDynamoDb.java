package dev.dynalog.app.it;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

/**
 * DynamoDB Local 2.6.1, the reference implementation, in memory in this JVM; one per test run.
 * Its SQLite native library comes from {@code sqlite4java.library.path} (set by the build).
 */
final class ReferenceDynamoDb {
    private static URI endpoint;

    private ReferenceDynamoDb() {
    }

    static synchronized URI endpoint() {
        if (endpoint == null) {
            try {
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-sharedDb", "-port", String.valueOf(port)});
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // the JVM is going away
                    }
                }));
                endpoint = URI.create("http://127.0.0.1:" + port);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException("could not start DynamoDB Local", e);
            }
        }
        return endpoint;
    }
}
