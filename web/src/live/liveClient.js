// One WebSocket per browser tab to /api/v1/live, shared by every board the tab shows.
//
// The client keeps the state of each subscribed board, applies snapshot and delta messages with
// the version rules of boardState.js, replies to pings, and reconnects with exponential back-off.
// After a reconnect it subscribes every board again with `since` set to the last version it
// applied, so the server sends only what was missed.

import { applyDelta, applySignal, boardFromSnapshot, changedMemberIds } from './boardState.js'

const FIRST_RETRY_MS = 500
const MAX_RETRY_MS = 10_000

// The server pings every 20 s. Without any message for this long the connection is taken as
// dead (for example a half-open TCP connection after a network change) and replaced.
const SILENCE_LIMIT_MS = 50_000

/** Connection states reported to status listeners. */
export const ConnectionStatus = Object.freeze({
  IDLE: 'idle',
  CONNECTING: 'connecting',
  LIVE: 'live',
  RECONNECTING: 'reconnecting',
  OFFLINE: 'offline',
})

/**
 * Returns the wait in milliseconds before reconnect attempt `attempt` (0 for the first retry).
 * The nominal wait starts at 0.5 s and doubles up to 10 s. A random share of up to a quarter is
 * taken off, so that tabs that lost the server together do not return in step.
 * `random` is a number in [0, 1).
 */
export function reconnectDelay(attempt, random) {
  const nominal = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt)
  return Math.round(nominal * (1 - 0.25 * random))
}

/** Returns the live endpoint URL for a page location, with wss: on https: pages. */
export function liveUrl(location) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/api/v1/live`
}

/**
 * Creates a live client. Every dependency on the browser can be replaced, which the tests do:
 * - `url`: the WebSocket URL,
 * - `createSocket(url)`: returns an object with the WebSocket interface,
 * - `random()`, `setTimer(fn, ms)`, `clearTimer(handle)`: jitter and timers,
 * - `network`: an EventTarget that fires `online` and `offline` (window in a browser), or null,
 * - `isOnline()`: whether the browser has a network,
 * - `logger`: receives warnings with the board and the reason.
 */
export function createLiveClient({
  url,
  createSocket = (target) => new WebSocket(target),
  random = Math.random,
  setTimer = (callback, ms) => setTimeout(callback, ms),
  clearTimer = (handle) => clearTimeout(handle),
  network = typeof window === 'undefined' ? null : window,
  isOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false,
  logger = console,
}) {
  /** @type {Map<string, {state: object|null, awaitingSnapshot: boolean, listeners: Set<object>}>} */
  const boards = new Map()
  const statusListeners = new Set()
  const errorListeners = new Set()

  let socket = null
  let status = ConnectionStatus.IDLE
  let failedAttempts = 0
  let retryTimer = null
  let retryAt = null
  let silenceTimer = null

  function setStatus(next) {
    status = next
    const report = { status, failedAttempts, retryAt }
    for (const listener of statusListeners) {
      listener(report)
    }
  }

  function connect() {
    cancelRetry()
    setStatus(failedAttempts === 0 ? ConnectionStatus.CONNECTING : ConnectionStatus.RECONNECTING)

    const opened = createSocket(url)
    socket = opened
    opened.onopen = () => handleOpen(opened)
    opened.onmessage = (event) => handleMessage(opened, event)
    opened.onclose = (event) => handleClose(opened, event)
    // An error event is always followed by a close event, which schedules the retry.
    opened.onerror = () => {}
    // The same limit also replaces a connection attempt that neither opens nor fails.
    watchSilence()
  }

  function handleOpen(opened) {
    if (opened !== socket) {
      return
    }
    // The count of failed attempts is reset by the first message the server sends, not here: a
    // server that closes the socket at once (code 1008, no valid session) still counts as failing.
    retryAt = null
    setStatus(ConnectionStatus.LIVE)
    watchSilence()
    for (const [board, entry] of boards) {
      sendSubscribe(board, entry)
    }
  }

  function handleClose(closed, event) {
    if (closed !== socket) {
      return
    }
    socket = null
    stopWatchingSilence()
    if (boards.size === 0) {
      // No board is subscribed, so the next subscribe opens a new connection.
      failedAttempts = 0
      setStatus(ConnectionStatus.IDLE)
      return
    }
    if (failedAttempts === 0) {
      // Logged once per lost connection, not for every failed attempt that follows.
      logger.warn?.(`Live connection closed (code ${event?.code ?? 'unknown'}); reconnecting`)
    }
    scheduleRetry()
  }

  function scheduleRetry() {
    const delay = reconnectDelay(failedAttempts, random())
    failedAttempts += 1
    retryAt = Date.now() + delay
    retryTimer = setTimer(() => {
      retryTimer = null
      connect()
    }, delay)
    setStatus(isOnline() ? ConnectionStatus.RECONNECTING : ConnectionStatus.OFFLINE)
  }

  function cancelRetry() {
    if (retryTimer !== null) {
      clearTimer(retryTimer)
      retryTimer = null
    }
    retryAt = null
  }

  function watchSilence() {
    stopWatchingSilence()
    silenceTimer = setTimer(() => {
      silenceTimer = null
      logger.warn?.(`No message from the live endpoint for ${SILENCE_LIMIT_MS / 1000} s; reconnecting`)
      const silent = socket
      if (silent) {
        // Detach first: a dead connection may take minutes to report its close.
        socket = null
        silent.close()
        scheduleRetry()
      }
    }, SILENCE_LIMIT_MS)
  }

  function stopWatchingSilence() {
    if (silenceTimer !== null) {
      clearTimer(silenceTimer)
      silenceTimer = null
    }
  }

  function send(message) {
    if (socket && socket.readyState === 1) {
      socket.send(JSON.stringify(message))
    }
  }

  function sendSubscribe(board, entry) {
    const message = { type: 'subscribe', board }
    if (entry.state !== null && !entry.awaitingSnapshot) {
      message.since = entry.state.version
    }
    send(message)
  }

  function handleMessage(receiving, event) {
    if (receiving !== socket) {
      return
    }
    watchSilence()
    let message
    try {
      message = JSON.parse(event.data)
    } catch {
      logger.warn?.('Ignored a live message that is not JSON')
      return
    }
    if (failedAttempts > 0 && !(message.type === 'error' && message.code === 'unauthenticated')) {
      failedAttempts = 0
      setStatus(ConnectionStatus.LIVE)
    }
    switch (message.type) {
      case 'ping':
        send({ type: 'pong' })
        break
      case 'snapshot':
        applySnapshotMessage(message)
        break
      case 'delta':
        applyDeltaMessage(message)
        break
      case 'signal':
        applySignalMessage(message)
        break
      case 'error':
        reportServerError(message)
        break
      default:
        logger.warn?.(`Ignored a live message of unknown type ${message.type}`)
    }
  }

  function applySnapshotMessage(message) {
    const entry = boards.get(message.board)
    if (!entry) {
      return
    }
    const previous = entry.state
    entry.state = boardFromSnapshot(message)
    entry.awaitingSnapshot = false
    const changedIds = previous === null ? [] : changedMemberIds(previous, entry.state)
    notify(message.board, entry, { kind: 'snapshot', changedIds })
  }

  function applyDeltaMessage(message) {
    const entry = boards.get(message.board)
    if (!entry || entry.state === null || entry.awaitingSnapshot) {
      // Deltas before the first or the requested snapshot cannot be placed; the snapshot covers them.
      return
    }
    const result = applyDelta(entry.state, message)
    if (result.outcome === 'gap') {
      logger.warn?.(
        `Board ${message.board}: delta from ${message.from} to ${message.version} does not follow ` +
          `held version ${entry.state.version}; requesting a snapshot`,
      )
      requestSnapshot(message.board, entry)
      return
    }
    if (result.outcome === 'applied') {
      entry.state = result.state
      notify(message.board, entry, { kind: 'delta', changedIds: result.changedIds })
    }
  }

  function applySignalMessage(message) {
    const entry = boards.get(message.board)
    if (!entry || !message.signal) {
      return
    }
    if (entry.state !== null) {
      entry.state = applySignal(entry.state, message.signal)
      notify(message.board, entry, { kind: 'signal', changedIds: [] })
    }
    forEachListener(message.board, (listener) => listener.onSignal?.(message.signal))
  }

  function requestSnapshot(board, entry) {
    entry.awaitingSnapshot = true
    // Unsubscribing first makes the new subscription start afresh on any server.
    send({ type: 'unsubscribe', board })
    send({ type: 'subscribe', board })
  }

  function reportServerError(message) {
    const error = { code: message.code ?? null, message: message.message ?? null, board: message.board ?? null }
    const entry = message.board ? boards.get(message.board) : undefined
    if (entry) {
      for (const listener of entry.listeners) {
        listener.onError?.(error)
      }
      return
    }
    for (const listener of errorListeners) {
      listener(error)
    }
  }

  function notify(board, entry, change) {
    for (const listener of entry.listeners) {
      listener.onUpdate?.(entry.state, change)
    }
  }

  function forEachListener(board, action) {
    const entry = boards.get(board)
    if (entry) {
      for (const listener of entry.listeners) {
        action(listener)
      }
    }
  }

  function handleOnline() {
    if (retryTimer !== null) {
      // The network is back: try now instead of waiting out the back-off.
      failedAttempts = 0
      connect()
    }
  }

  function handleOffline() {
    if (status !== ConnectionStatus.LIVE && status !== ConnectionStatus.IDLE) {
      setStatus(ConnectionStatus.OFFLINE)
    }
  }

  network?.addEventListener?.('online', handleOnline)
  network?.addEventListener?.('offline', handleOffline)

  return {
    /** Returns the current connection status (one of ConnectionStatus). */
    get status() {
      return status
    },

    /**
     * Subscribes to a board such as `unit:<id>` or `portfolio:<orgId>`. The listener may have
     * `onUpdate(state, {kind, changedIds})`, `onError({code, message, board})` and
     * `onSignal(signal)`. A listener that joins a board already held gets its state at once.
     * Returns a function that ends this listener's subscription.
     */
    subscribe(board, listener) {
      let entry = boards.get(board)
      if (!entry) {
        entry = { state: null, awaitingSnapshot: false, listeners: new Set() }
        boards.set(board, entry)
        if (socket === null && retryTimer === null) {
          connect()
        } else {
          sendSubscribe(board, entry)
        }
      }
      entry.listeners.add(listener)
      if (entry.state !== null) {
        listener.onUpdate?.(entry.state, { kind: 'snapshot', changedIds: [] })
      }

      return () => {
        const current = boards.get(board)
        if (!current || !current.listeners.delete(listener) || current.listeners.size > 0) {
          return
        }
        boards.delete(board)
        send({ type: 'unsubscribe', board })
      }
    },

    /** Registers a listener for status changes; returns a function that removes it. */
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },

    /** Registers a listener for server errors that name no subscribed board. */
    onError(listener) {
      errorListeners.add(listener)
      return () => errorListeners.delete(listener)
    },

    /** Closes the connection and drops every subscription and board state, for example at logout. */
    close() {
      cancelRetry()
      stopWatchingSilence()
      boards.clear()
      failedAttempts = 0
      const open = socket
      // Detached first, so that its close event schedules no retry.
      socket = null
      open?.close(1000, 'closed by the user')
      setStatus(ConnectionStatus.IDLE)
    },

    /** Removes the network listeners; the client cannot be used afterwards. */
    dispose() {
      this.close()
      network?.removeEventListener?.('online', handleOnline)
      network?.removeEventListener?.('offline', handleOffline)
    },
  }
}
