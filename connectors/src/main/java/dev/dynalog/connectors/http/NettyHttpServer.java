package dev.dynalog.connectors.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An HTTP/1.1 keep-alive server on Netty that hands whole requests to one shareable handler,
 * with a pool of request threads for work that may block (the event loops must not). The
 * DynamoDB endpoint and the schema registry's endpoint are both one of these.
 */
public final class NettyHttpServer implements AutoCloseable {

    /**
     * @param threadName     prefix of the request threads' names
     * @param workerThreads  Netty event-loop threads
     * @param requestThreads threads of the request pool
     * @param maxRequestBytes the largest request body accepted
     * @param gzipRequests   whether gzip-encoded request bodies are accepted
     * @param tooLarge       the answer to a body over {@code maxRequestBytes} (a 413); the
     *                       connection stays open for the next request
     */
    public record Settings(String threadName, int workerThreads, int requestThreads, int maxRequestBytes,
                           boolean gzipRequests, Supplier<FullHttpResponse> tooLarge) {
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService requestExecutor;
    private final Channel channel;

    private NettyHttpServer(EventLoopGroup boss, EventLoopGroup workers, ExecutorService requestExecutor, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.requestExecutor = requestExecutor;
        this.channel = channel;
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and returns once bound; {@code handler}
     * makes the (sharable) request handler from the request pool.
     */
    public static NettyHttpServer start(String host, int port, Settings settings,
                                        Function<ExecutorService, ChannelHandler> handler) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(settings.workerThreads());
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = new ThreadPoolExecutor(settings.requestThreads(), settings.requestThreads(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, settings.threadName() + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        try {
            ChannelHandler requests = handler.apply(executor);
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ChannelPipeline pipeline = ch.pipeline().addLast(new HttpServerCodec());
                            if (settings.gzipRequests()) {
                                pipeline.addLast(new HttpContentDecompressor());
                            }
                            pipeline.addLast(new BoundedBodyAggregator(settings.maxRequestBytes(), settings.tooLarge())).addLast(requests);
                        }
                    })
                    .bind(host, port).sync().channel();
            return new NettyHttpServer(boss, workers, executor, channel);
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
