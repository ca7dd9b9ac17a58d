package dev.dynalog.connectors.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.function.Supplier;

/**
 * Aggregates a request's body up to a limit and answers a larger one with the endpoint's own 413,
 * keeping a keep-alive connection open: the rest of the oversized body is read and dropped, and
 * the next request on the connection is served. Netty's aggregator closes the connection when
 * the limit is found mid-body (a chunked request, or one that lied about its length), which a
 * client sees as a broken connection instead of DynamoDB's answer.
 */
final class BoundedBodyAggregator extends HttpObjectAggregator {
    private final Supplier<FullHttpResponse> tooLarge;

    BoundedBodyAggregator(int maxBytes, Supplier<FullHttpResponse> tooLarge) {
        super(maxBytes);
        this.tooLarge = tooLarge;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest request)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        FullHttpResponse response = tooLarge.get();
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (HttpUtil.isKeepAlive(request)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            LingeringClose.after(ctx, ctx.writeAndFlush(response));
        }
    }
}
