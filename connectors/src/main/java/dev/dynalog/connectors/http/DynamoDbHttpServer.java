package dev.dynalog.connectors.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP endpoint (Netty, HTTP/1.1 keep-alive, gzip request bodies accepted). Requests up to
 * 32 MB are accepted, above DynamoDB's largest batch request.
 */
public final class DynamoDbHttpServer implements AutoCloseable {
    private static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService requestExecutor;
    private final Channel channel;

    private DynamoDbHttpServer(EventLoopGroup boss, EventLoopGroup workers, ExecutorService requestExecutor, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.requestExecutor = requestExecutor;
        this.channel = channel;
    }

    public static DynamoDbHttpServer start(String host, int port, List<JsonApi> apis, int requestThreads)
            throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(2);
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = new ThreadPoolExecutor(requestThreads, requestThreads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "dynalog-request-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        DynamoDbRequestHandler handler = new DynamoDbRequestHandler(apis, executor);
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpContentDecompressor())
                                    .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                    .addLast(handler);
                        }
                    })
                    .bind(host, port).sync().channel();
            return new DynamoDbHttpServer(boss, workers, executor, channel);
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
