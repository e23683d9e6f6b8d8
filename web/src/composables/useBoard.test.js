import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, effectScope, nextTick, ref } from 'vue'
import unitSnapshot from '../__fixtures__/unit-board-snapshot.json'
import { LIVE_CLIENT_KEY } from '../live/injection.js'
import { createTestApp } from '../testing/mountWithApp.js'
import { HIGHLIGHT_MS, useBoard } from './useBoard.js'

const CONVERSION_ID = 'n0000000-0000-4000-8000-000000000011'

// Runs useBoard inside an app context (for inject) and an effect scope the test can stop.
function runUseBoard(boardName) {
  const testApp = createTestApp()
  const host = createApp({})
  host.provide(LIVE_CLIENT_KEY, testApp.liveClient)
  const scope = effectScope()
  const board = host.runWithContext(() => scope.run(() => useBoard(boardName)))
  return { board, scope, sockets: testApp.sockets }
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('useBoard', () => {
  it('holds the board state after the snapshot', () => {
    const { board, sockets } = runUseBoard(unitSnapshot.board)
    sockets.latest.acceptConnection()
    sockets.latest.deliver(unitSnapshot)
    expect(board.version.value).toBe(140)
    expect(board.state.value.nodes[CONVERSION_ID].key).toBe('checkout-conversion')
  })

  it('highlights a changed member for a while', () => {
    const { board, sockets } = runUseBoard(unitSnapshot.board)
    sockets.latest.acceptConnection()
    sockets.latest.deliver(unitSnapshot)
    expect(board.isHighlighted(CONVERSION_ID)).toBe(false)

    const node = { ...unitSnapshot.nodes.find((n) => n.id === CONVERSION_ID), version: 18 }
    sockets.latest.deliver({ type: 'delta', board: unitSnapshot.board, from: 140, version: 141, nodes: [node] })
    expect(board.isHighlighted(CONVERSION_ID)).toBe(true)
    vi.advanceTimersByTime(HIGHLIGHT_MS)
    expect(board.isHighlighted(CONVERSION_ID)).toBe(false)
  })

  it('moves to another board when the name changes', async () => {
    const name = ref('unit:a')
    const { sockets } = runUseBoard(name)
    sockets.latest.acceptConnection()
    name.value = 'unit:b'
    await nextTick()
    expect(sockets.latest.sentMessages).toEqual([
      { type: 'subscribe', board: 'unit:a' },
      { type: 'unsubscribe', board: 'unit:a' },
      { type: 'subscribe', board: 'unit:b' },
    ])
  })

  it('unsubscribes when its scope is disposed', () => {
    const { scope, sockets } = runUseBoard('unit:a')
    sockets.latest.acceptConnection()
    scope.stop()
    expect(sockets.latest.sentMessages.at(-1)).toEqual({ type: 'unsubscribe', board: 'unit:a' })
  })

  it('subscribes to nothing without a board name', () => {
    const { board, sockets } = runUseBoard(null)
    expect(sockets.sockets).toHaveLength(0)
    expect(board.state.value).toBeNull()
  })

  it('keeps the server error of its board', () => {
    const { board, sockets } = runUseBoard('unit:gone')
    sockets.latest.acceptConnection()
    sockets.latest.deliver({ type: 'error', board: 'unit:gone', code: 'board_not_found', message: 'No such board' })
    expect(board.error.value).toEqual({ code: 'board_not_found', message: 'No such board', board: 'unit:gone' })
  })
})
