package dev.dynalog.junit;

import dev.dynalog.app.DynalogServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Gives a test class a running dynalog node (ephemeral: a real Kafka log and RocksDB in a
 * temporary directory, on free ports) and AWS SDK v2 clients for it, started before the class's
 * first test and stopped after its last.
 *
 * <pre>
 * &#64;ExtendWith(DynalogExtension.class)
 * class OrdersTest {
 *     &#64;Test
 *     void createsAnOrder(DynamoDbClient db) { ... }
 * }
 *
 * class OrdersTest {
 *     &#64;RegisterExtension
 *     static final DynalogExtension dynalog = new DynalogExtension();
 *     ... dynalog.client() ...
 * }
 * </pre>
 *
 * Test methods and constructors may take a {@link DynamoDbClient}, a {@link DynamoDbStreamsClient},
 * the endpoint as a {@link URI} or the {@link DynalogServer} itself.
 */
public final class DynalogExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final DynalogServer.Builder builder;
    private DynalogServer server;
    private DynamoDbClient client;
    private DynamoDbStreamsClient streams;

    /** An ephemeral node on free ports. */
    public DynalogExtension() {
        this(DynalogServer.builder().ephemeral());
    }

    /** A node as the builder says. */
    public DynalogExtension(DynalogServer.Builder builder) {
        this.builder = builder;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (server == null) {
            server = builder.start();
            client = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(credentials()).httpClient(http()).build();
            streams = DynamoDbStreamsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(credentials()).httpClient(http()).build();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            client.close();
            streams.close();
            server.close();
            server = null;
        }
    }

    /** Dummy credentials: the node accepts any (letters and digits, as DynamoDB Local wants too). */
    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("dynalog", "dynalog"));
    }

    private static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DynamoDbClient.class || type == DynamoDbStreamsClient.class || type == URI.class
                || type == DynalogServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (server == null) {
            throw new ParameterResolutionException("the dynalog node is not running: register DynalogExtension on the "
                    + "class (@ExtendWith or a static @RegisterExtension field)");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == DynamoDbClient.class) {
            return client;
        }
        if (type == DynamoDbStreamsClient.class) {
            return streams;
        }
        return type == URI.class ? server.endpoint() : server;
    }

    /** The node's DynamoDB client (after the class's start). */
    public DynamoDbClient client() {
        return client;
    }

    public DynamoDbStreamsClient streamsClient() {
        return streams;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public DynalogServer server() {
        return server;
    }
}
