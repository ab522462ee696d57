import NIOCore

/// The first handler of every connection, before the HTTP decoder: it watches the raw bytes of
/// each request head and answers, then closes, a request line longer than `maxRequestLine`
/// (414), a head longer than `maxHead` (431), or a head not finished within `headTimeout` (408).
/// A slow or oversized request then costs its own connection only, never the other clients.
/// (The preview serves GET and HEAD, whose requests have no body: every byte is part of a head.)
final class RequestHeadLimit: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let maxRequestLine = 8 * 1024
    static let maxHead = 32 * 1024

    let headTimeout: TimeAmount
    private var lineLength = 0
    private var headLength = 0
    private var onRequestLine = true
    private var lineIsEmpty = true
    private var refused = false
    private var deadline: Scheduled<Void>?

    init(headTimeout: TimeAmount = .seconds(10)) {
        self.headTimeout = headTimeout
    }

    func channelActive(context: ChannelHandlerContext) {
        startClock(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        let buffer = unwrapInboundIn(data)
        for byte in buffer.readableBytesView {
            if headLength == 0 && deadline == nil { startClock(context) }
            headLength += 1
            if byte == UInt8(ascii: "\n") {
                if lineIsEmpty && !onRequestLine {
                    // The blank line: this head is complete; the next byte starts another.
                    headLength = 0
                    onRequestLine = true
                    deadline?.cancel()
                    deadline = nil
                } else if lineIsEmpty && onRequestLine {
                    // Blank lines before a request line are allowed (RFC 9112, 2.2).
                    headLength = 0
                } else {
                    onRequestLine = false
                }
                lineLength = 0
                lineIsEmpty = true
                continue
            }
            if byte != UInt8(ascii: "\r") {
                lineLength += 1
                lineIsEmpty = false
            }
            if onRequestLine && lineLength > Self.maxRequestLine {
                return refuse(context, 414, "URI Too Long")
            }
            if headLength > Self.maxHead {
                return refuse(context, 431, "Request Header Fields Too Large")
            }
        }
        context.fireChannelRead(data)
    }

    private func startClock(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: headTimeout) {
            let (handler, context) = loopBound.value
            handler.refuse(context, 408, "Request Timeout")
        }
    }

    private func refuse(_ context: ChannelHandlerContext, _ status: Int, _ reason: String) {
        guard !refused else { return }
        refused = true
        deadline?.cancel()
        let body = "\(status) \(reason)\n"
        var response = context.channel.allocator.buffer(capacity: 128)
        response.writeString("HTTP/1.1 \(status) \(reason)\r\nContent-Type: text/plain; charset=utf-8\r\n"
                             + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
        context.writeAndFlush(wrapOutboundOut(response)).whenComplete { _ in context.close(promise: nil) }
    }
}
