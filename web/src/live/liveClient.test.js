import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import unitSnapshot from '../__fixtures__/unit-board-snapshot.json'
import portfolioSnapshot from '../__fixtures__/portfolio-snapshot.json'
import { recordSockets } from '../testing/FakeWebSocket.js'
import { ConnectionStatus, createLiveClient, liveUrl, reconnectDelay } from './liveClient.js'

const UNIT_BOARD = unitSnapshot.board
const CONVERSION_ID = 'n0000000-0000-4000-8000-000000000011'

function conversionDelta(from, nodeVersion, progress) {
  const node = { ...unitSnapshot.nodes.find((n) => n.id === CONVERSION_ID), version: nodeVersion, progress }
  return { type: 'delta', board: UNIT_BOARD, from, version: from + 1, units: [], nodes: [node] }
}

function quietLogger() {
  return { warn: vi.fn() }
}

let recorder
let network

function startClient(options = {}) {
  recorder = recordSockets()
  network = new EventTarget()
  return createLiveClient({
    url: 'ws://127.0.0.1:8080/api/v1/live',
    createSocket: recorder.createSocket,
    random: () => 0,
    network,
    logger: quietLogger(),
    ...options,
  })
}

function subscribeUnitBoard(client) {
  const updates = []
  const errors = []
  const stop = client.subscribe(UNIT_BOARD, {
    onUpdate: (state, change) => updates.push({ state, change }),
    onError: (error) => errors.push(error),
  })
  return { updates, errors, stop }
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('reconnectDelay', () => {
  it('starts at 0.5 s and doubles', () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, 0))).toEqual([500, 1000, 2000, 4000])
  })

  it('stops growing at 10 s', () => {
    expect(reconnectDelay(5, 0)).toBe(10000)
    expect(reconnectDelay(30, 0)).toBe(10000)
  })

  it('takes off up to a quarter as jitter', () => {
    expect(reconnectDelay(0, 0.999999)).toBe(375)
    expect(reconnectDelay(10, 0.5)).toBe(8750)
  })
})

describe('liveUrl', () => {
  it('uses ws on http pages', () => {
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api/v1/live')
  })

  it('uses wss on https pages', () => {
    expect(liveUrl({ protocol: 'https:', host: 'okr.example.org' })).toBe('wss://okr.example.org/api/v1/live')
  })
})

describe('live client', () => {
  it('connects on the first subscription and subscribes without since', () => {
    const client = startClient()
    subscribeUnitBoard(client)
    expect(recorder.sockets).toHaveLength(1)
    expect(client.status).toBe(ConnectionStatus.CONNECTING)

    recorder.latest.acceptConnection()
    expect(client.status).toBe(ConnectionStatus.LIVE)
    expect(recorder.latest.sentMessages).toEqual([{ type: 'subscribe', board: UNIT_BOARD }])
  })

  it('multiplexes boards over one socket', () => {
    const client = startClient()
    subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    client.subscribe(portfolioSnapshot.board, {})
    expect(recorder.sockets).toHaveLength(1)
    expect(recorder.latest.sentMessages[1]).toEqual({ type: 'subscribe', board: 'portfolio:acme' })
  })

  it('delivers the snapshot state to the listener', () => {
    const client = startClient()
    const { updates } = subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.deliver(unitSnapshot)
    expect(updates).toHaveLength(1)
    expect(updates[0].state.version).toBe(140)
    expect(updates[0].change.kind).toBe('snapshot')
  })

  it('applies a delta and reports the changed node', () => {
    const client = startClient()
    const { updates } = subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.deliver(unitSnapshot)
    recorder.latest.deliver(conversionDelta(140, 18, 0.6429))
    const last = updates.at(-1)
    expect(last.state.version).toBe(141)
    expect(last.state.nodes[CONVERSION_ID].progress).toBe(0.6429)
    expect(last.change).toEqual({ kind: 'delta', changedIds: [CONVERSION_ID] })
  })

  it('answers a ping with a pong', () => {
    const client = startClient()
    subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.deliver({ type: 'ping', time: '2026-12-04T10:00:00Z' })
    expect(recorder.latest.sentMessages.at(-1)).toEqual({ type: 'pong' })
  })

  it('reconnects after 0.5 s and resumes with since', () => {
    const client = startClient()
    subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.deliver(unitSnapshot)
    recorder.latest.deliver(conversionDelta(140, 18, 0.6429))

    recorder.latest.drop()
    expect(client.status).toBe(ConnectionStatus.RECONNECTING)
    vi.advanceTimersByTime(499)
    expect(recorder.sockets).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(recorder.sockets).toHaveLength(2)

    recorder.latest.acceptConnection()
    expect(recorder.latest.sentMessages).toEqual([{ type: 'subscribe', board: UNIT_BOARD, since: 141 }])
    expect(client.status).toBe(ConnectionStatus.LIVE)
  })

  it('applies the resume delta without repeating held changes', () => {
    const client = startClient()
    const { updates } = subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.deliver(unitSnapshot)
    recorder.latest.deliver(conversionDelta(140, 18, 0.6))
    recorder.latest.drop()
    vi.advanceTimersByTime(500)
    recorder.latest.acceptConnection()

    const missed = conversionDelta(141, 19, 0.7)
    recorder.latest.deliver(missed)
    recorder.latest.deliver(missed)
    expect(updates).toHaveLength(3)
    expect(updates.at(-1).state.version).toBe(142)
    expect(updates.at(-1).state.nodes[CONVERSION_ID].progress).toBe(0.7)
  })

  it('doubles the wait after each failed attempt up to 10 s', () => {
    const client = startClient()
    subscribeUnitBoard(client)
    const waits = []
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const before = Date.now()
      const count = recorder.sockets.length
      recorder.latest.drop()
      while (recorder.sockets.length === count) {
        vi.advanceTimersByTime(100)
      }
      waits.push(Date.now() - before)
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000])
    expect(client.status).toBe(ConnectionStatus.RECONNECTING)
  })

  it('starts the back-off over once the server sends a message', () => {
    const client = startClient()
    subscribeUnitBoard(client)
    recorder.latest.drop()
    vi.advanceTimersByTime(500)
    recorder.latest.drop()
    vi.advanceTimersByTime(1000)
    recorder.latest.acceptConnection()
    recorder.latest.deliver({ type: 'ping', time: '2026-12-04T10:00:00Z' })
    recorder.latest.drop()
    vi.advanceTimersByTime(500)
    expect(recorder.sockets).toHaveLength(4)
  })

  it('counts a socket closed as unauthenticated as a failed attempt', () => {
    const client = startClient()
    const reports = []
    client.onStatus((report) => reports.push(report))
    subscribeUnitBoard(client)
    for (let attempt = 0; attempt < 2; attempt += 1) {
      recorder.latest.acceptConnection()
      recorder.latest.deliver({ type: 'error', code: 'unauthenticated', message: 'Log in' })
      recorder.latest.drop(1008)
      vi.advanceTimersByTime(500 * 2 ** attempt)
    }
    expect(reports.at(-1).failedAttempts).toBe(2)
    expect(recorder.sockets).toHaveLength(3)
  })

  it('requests a snapshot when a delta skips versions', () => {
    const client = startClient()
    const { updates } = subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.deliver(unitSnapshot)
    recorder.latest.deliver(conversionDelta(145, 20, 0.9))

    expect(updates).toHaveLength(1)
    expect(recorder.latest.sentMessages.slice(1)).toEqual([
      { type: 'unsubscribe', board: UNIT_BOARD },
      { type: 'subscribe', board: UNIT_BOARD },
    ])
  })

  it('ignores deltas while it waits for the requested snapshot', () => {
    const client = startClient()
    const { updates } = subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.deliver(unitSnapshot)
    recorder.latest.deliver(conversionDelta(145, 20, 0.9))
    recorder.latest.deliver(conversionDelta(140, 18, 0.6))
    expect(updates).toHaveLength(1)

    const fresh = structuredClone(unitSnapshot)
    fresh.nodes.find((n) => n.id === CONVERSION_ID).version = 23
    fresh.version = 146
    recorder.latest.deliver(fresh)
    expect(updates).toHaveLength(2)
    expect(updates[1].state.version).toBe(146)
    expect(updates[1].change.changedIds).toEqual([CONVERSION_ID])
  })

  it('resubscribes without since while a snapshot is outstanding', () => {
    const client = startClient()
    subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.deliver(unitSnapshot)
    recorder.latest.deliver(conversionDelta(145, 20, 0.9))
    recorder.latest.drop()
    vi.advanceTimersByTime(500)
    recorder.latest.acceptConnection()
    expect(recorder.latest.sentMessages).toEqual([{ type: 'subscribe', board: UNIT_BOARD }])
  })

  it('passes a board error to its listener', () => {
    const client = startClient()
    const { errors } = subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.deliver({ type: 'error', board: UNIT_BOARD, code: 'board_not_found', message: 'No such board' })
    expect(errors).toEqual([{ code: 'board_not_found', message: 'No such board', board: UNIT_BOARD }])
  })

  it('passes an error without a board to the client listeners', () => {
    const client = startClient()
    const general = []
    client.onError((error) => general.push(error))
    subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.deliver({ type: 'error', code: 'invalid_message', message: 'Not JSON' })
    expect(general).toEqual([{ code: 'invalid_message', message: 'Not JSON', board: null }])
  })

  it('ignores a frame that is not JSON', () => {
    const logger = quietLogger()
    const client = startClient({ logger })
    const { updates } = subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.deliverText('not json')
    expect(updates).toHaveLength(0)
    expect(logger.warn).toHaveBeenCalledOnce()
  })

  it('unsubscribes when the last listener leaves', () => {
    const client = startClient()
    const first = subscribeUnitBoard(client)
    const second = subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    first.stop()
    expect(recorder.latest.sentMessages).toHaveLength(1)
    second.stop()
    expect(recorder.latest.sentMessages.at(-1)).toEqual({ type: 'unsubscribe', board: UNIT_BOARD })
  })

  it('gives a late listener the held state at once', () => {
    const client = startClient()
    subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.deliver(unitSnapshot)
    const late = subscribeUnitBoard(client)
    expect(late.updates).toHaveLength(1)
    expect(late.updates[0].state.version).toBe(140)
  })

  it('replaces a connection that stays silent for 50 s', () => {
    const client = startClient()
    subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    vi.advanceTimersByTime(49_999)
    expect(recorder.latest.closedByClient).toBe(false)
    vi.advanceTimersByTime(1)
    expect(recorder.sockets[0].closedByClient).toBe(true)
    vi.advanceTimersByTime(500)
    expect(recorder.sockets).toHaveLength(2)
    expect(client.status).toBe(ConnectionStatus.RECONNECTING)
  })

  it('keeps a connection that gets pings', () => {
    const client = startClient()
    subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    for (let i = 0; i < 5; i += 1) {
      vi.advanceTimersByTime(20_000)
      recorder.latest.deliver({ type: 'ping', time: '2026-12-04T10:00:00Z' })
    }
    expect(recorder.sockets).toHaveLength(1)
    expect(client.status).toBe(ConnectionStatus.LIVE)
  })

  it('reports offline while the browser has no network', () => {
    const client = startClient({ isOnline: () => false })
    subscribeUnitBoard(client)
    recorder.latest.drop()
    expect(client.status).toBe(ConnectionStatus.OFFLINE)
  })

  it('retries at once when the network returns', () => {
    const client = startClient()
    subscribeUnitBoard(client)
    for (let i = 0; i < 4; i += 1) {
      recorder.latest.drop()
      vi.runOnlyPendingTimers()
    }
    recorder.latest.drop()
    const count = recorder.sockets.length
    network.dispatchEvent(new Event('online'))
    expect(recorder.sockets).toHaveLength(count + 1)
  })

  it('stays closed after close', () => {
    const client = startClient()
    subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    client.close()
    vi.advanceTimersByTime(60_000)
    expect(recorder.sockets).toHaveLength(1)
    expect(recorder.latest.closedByClient).toBe(true)
    expect(client.status).toBe(ConnectionStatus.IDLE)
  })

  it('reports status changes to listeners', () => {
    const client = startClient()
    const seen = []
    client.onStatus((report) => seen.push(report.status))
    subscribeUnitBoard(client)
    recorder.latest.acceptConnection()
    recorder.latest.drop()
    expect(seen).toEqual(['connecting', 'live', 'reconnecting'])
  })
})
