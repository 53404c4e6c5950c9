package io.wampkit.router.internal.netty

import io.netty.buffer.Unpooled
import io.netty.channel.ChannelFutureListener
import io.netty.channel.ChannelHandlerContext
import io.netty.channel.SimpleChannelInboundHandler
import io.netty.handler.codec.http.DefaultFullHttpResponse
import io.netty.handler.codec.http.FullHttpRequest
import io.netty.handler.codec.http.HttpHeaderNames
import io.netty.handler.codec.http.HttpHeaderValues
import io.netty.handler.codec.http.HttpResponseStatus
import io.netty.handler.codec.http.HttpUtil
import io.netty.handler.codec.http.QueryStringDecoder
import java.nio.charset.StandardCharsets

/**
 * Answers what is not a WAMP WebSocket upgrade before Netty's WebSocket handler sees it: another path gets
 * 404, a plain HTTP request 400, and an upgrade offering none of the [supported] subprotocols 400 naming
 * them (Netty would otherwise upgrade it without a subprotocol). Everything else passes on.
 */
internal class UpgradeGuard(private val path: String, private val supported: List<String>) :
    SimpleChannelInboundHandler<FullHttpRequest>(false) {
    override fun channelRead0(ctx: ChannelHandlerContext, request: FullHttpRequest) {
        val problem = when {
            QueryStringDecoder(request.uri()).path() != path -> HttpResponseStatus.NOT_FOUND to "no WAMP endpoint at ${request.uri()}; this one is at $path"
            offered(request).none { it in supported } ->
                HttpResponseStatus.BAD_REQUEST to "no supported WAMP subprotocol offered; this endpoint speaks ${supported.joinToString(", ")}"
            !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true) ->
                HttpResponseStatus.BAD_REQUEST to "this endpoint speaks WAMP over WebSocket only"
            else -> null
        }
        if (problem == null) {
            ctx.fireChannelRead(request)
            return
        }
        request.release()
        val body = Unpooled.copiedBuffer(problem.second, StandardCharsets.UTF_8)
        val response = DefaultFullHttpResponse(request.protocolVersion(), problem.first, body)
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
        HttpUtil.setContentLength(response, body.readableBytes().toLong())
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE)
    }

    private fun offered(request: FullHttpRequest): List<String> =
        request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL).flatMap { it.split(',') }.map { it.trim() }.filter { it.isNotEmpty() }
}
