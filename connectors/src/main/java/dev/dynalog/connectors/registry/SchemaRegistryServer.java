package dev.dynalog.connectors.registry;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The schema registry's HTTP endpoint (Netty, HTTP/1.1 keep-alive), on its own port apart from
 * the DynamoDB endpoint, as clients expect a registry URL of its own (Confluent's default port
 * is 8081). Schema requests are small and rare: one boss and one worker thread, and a few request
 * threads that may wait on the registry's log.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    /** Confluent Schema Registry's usual port. */
    public static final int DEFAULT_PORT = 8081;
    private static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;
    private static final int REQUEST_THREADS = 4;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService requestExecutor;
    private final Channel channel;

    private SchemaRegistryServer(EventLoopGroup boss, EventLoopGroup workers, ExecutorService requestExecutor, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.requestExecutor = requestExecutor;
        this.channel = channel;
    }

    /** Serves {@code registry} on {@code host:port} (port 0 picks a free one) and returns once bound. */
    public static SchemaRegistryServer start(String host, int port, SchemaRegistry registry) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(1);
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = new ThreadPoolExecutor(REQUEST_THREADS, REQUEST_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "dynalog-schema-registry-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        SchemaRegistryHttpHandler handler = new SchemaRegistryHttpHandler(registry, executor);
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                    .addLast(handler);
                        }
                    })
                    .bind(host, port).sync().channel();
            return new SchemaRegistryServer(boss, workers, executor, channel);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            executor.shutdownNow();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        requestExecutor.shutdownNow();
    }
}
