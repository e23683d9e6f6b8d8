// A stand-in for the browser WebSocket that a test drives by hand: the test opens it, delivers
// server messages and closes it, and reads what the client sent.

export class FakeWebSocket {
  static CONNECTING = 0
  static OPEN = 1
  static CLOSED = 3

  constructor(url) {
    this.url = url
    this.readyState = FakeWebSocket.CONNECTING
    this.sent = []
    this.closedByClient = false
    this.onopen = null
    this.onmessage = null
    this.onclose = null
    this.onerror = null
  }

  /** Messages the client sent, parsed from JSON. */
  get sentMessages() {
    return this.sent.map((text) => JSON.parse(text))
  }

  send(text) {
    if (this.readyState !== FakeWebSocket.OPEN) {
      throw new Error(`send on a socket in state ${this.readyState}`)
    }
    this.sent.push(text)
  }

  close(code = 1000) {
    this.closedByClient = true
    this.finish(code)
  }

  /** Completes the opening handshake. */
  acceptConnection() {
    this.readyState = FakeWebSocket.OPEN
    this.onopen?.({})
  }

  /** Delivers one server message, given as an object. */
  deliver(message) {
    this.onmessage?.({ data: JSON.stringify(message) })
  }

  /** Delivers a raw text frame. */
  deliverText(text) {
    this.onmessage?.({ data: text })
  }

  /** Ends the connection from the server side, or a failed connection attempt (code 1006). */
  drop(code = 1006) {
    this.onerror?.({})
    this.finish(code)
  }

  finish(code) {
    if (this.readyState === FakeWebSocket.CLOSED) {
      return
    }
    this.readyState = FakeWebSocket.CLOSED
    this.onclose?.({ code })
  }
}

/** Records every socket a client creates, newest last. */
export function recordSockets() {
  const sockets = []
  return {
    sockets,
    createSocket(url) {
      const socket = new FakeWebSocket(url)
      sockets.push(socket)
      return socket
    },
    get latest() {
      return sockets[sockets.length - 1]
    },
  }
}
