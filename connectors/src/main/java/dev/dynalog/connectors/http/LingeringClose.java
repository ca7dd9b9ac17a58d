package dev.dynalog.connectors.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection after its last answer without losing that answer. Closing a socket while the
 * client is still sending (the rest of a body refused before its end: not gzip, too large) makes
 * the kernel reset the connection, and a reset can overtake the answer in flight. So, as HTTP
 * servers do: from now on every byte the client sends is read and dropped, the answer is written,
 * then only our side of the connection is shut, and the socket closes when the client closes
 * its side, or after {@link #LINGER_MILLIS} at the latest.
 */
final class LingeringClose {
    static final long LINGER_MILLIS = 2_000;
    private static final String DISCARD = "dynalog-discard-after-last-answer";

    private LingeringClose() {
    }

    /** True once the connection's last answer has been given: nothing more is to be answered on it. */
    static boolean closing(Channel channel) {
        return channel.pipeline().get(DISCARD) != null;
    }

    /** Closes the connection once {@code answer} is written; to be called on the channel's event loop. */
    static void after(ChannelHandlerContext ctx, ChannelFuture answer) {
        Channel channel = ctx.channel();
        if (!closing(channel)) {
            channel.pipeline().addFirst(DISCARD, new Discard());
        }
        answer.addListener(written -> {
            if (!written.isSuccess() || !(channel instanceof SocketChannel socket) || !channel.isActive()) {
                channel.close();
                return;
            }
            socket.shutdownOutput().addListener(shut -> channel.eventLoop()
                    .schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS));
        });
    }

    /** Drops what the client still sends; the channel closes when the client closes its side. */
    private static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
