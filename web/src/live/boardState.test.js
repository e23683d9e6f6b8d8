import { describe, expect, it } from 'vitest'
import unitSnapshot from '../__fixtures__/unit-board-snapshot.json'
import { applyDelta, applySignal, boardFromSnapshot, changedMemberIds, memberVersionSum } from './boardState.js'

const CONVERSION_ID = 'n0000000-0000-4000-8000-000000000011'
const LATENCY_ID = 'n0000000-0000-4000-8000-000000000012'
const TEAM_ID = 'u0000000-0000-4000-8000-00000000c0de'

function heldBoard() {
  return boardFromSnapshot(structuredClone(unitSnapshot))
}

function changed(state, id, fields) {
  const member = state.nodes[id] ?? state.units[id]
  return { ...member, ...fields, version: member.version + (fields.versionStep ?? 1) }
}

function delta(state, { from = state.version, nodes = [], units = [] }) {
  const steps = [...nodes, ...units].reduce((sum, member) => {
    const held = state.nodes[member.id] ?? state.units[member.id]
    return sum + member.version - (held?.version ?? 0)
  }, 0)
  return { type: 'delta', board: state.board, from, version: state.version + steps, nodes, units }
}

describe('boardFromSnapshot', () => {
  it('indexes units and nodes by id', () => {
    const state = heldBoard()
    expect(state.nodes[CONVERSION_ID].key).toBe('checkout-conversion')
    expect(state.units[TEAM_ID].name).toBe('Checkout Squad')
  })

  it('keeps the snapshot version and cycles', () => {
    const state = heldBoard()
    expect(state.version).toBe(140)
    expect(state.cycles.map((cycle) => cycle.key)).toEqual(['2026', '2026-q4'])
  })

  it('has a version equal to the member version sum', () => {
    const state = heldBoard()
    expect(memberVersionSum(state)).toBe(state.version)
  })
})

describe('applyDelta', () => {
  it('applies a node with a higher version', () => {
    const state = heldBoard()
    const update = changed(state, CONVERSION_ID, { current: 3.0, progress: 0.6429 })
    const result = applyDelta(state, delta(state, { nodes: [update] }))
    expect(result.outcome).toBe('applied')
    expect(result.state.nodes[CONVERSION_ID].progress).toBe(0.6429)
    expect(result.changedIds).toEqual([CONVERSION_ID])
  })

  it('sets the board version to the member version sum', () => {
    const state = heldBoard()
    const nodes = [changed(state, CONVERSION_ID, {}), changed(state, LATENCY_ID, { versionStep: 2 })]
    const units = [changed(state, TEAM_ID, {})]
    const result = applyDelta(state, delta(state, { nodes, units }))
    expect(result.state.version).toBe(144)
    expect(memberVersionSum(result.state)).toBe(144)
  })

  it('leaves the input state unchanged', () => {
    const state = heldBoard()
    applyDelta(state, delta(state, { nodes: [changed(state, CONVERSION_ID, { progress: 0.9 })] }))
    expect(state.nodes[CONVERSION_ID].progress).toBe(0.5)
    expect(state.version).toBe(140)
  })

  it('skips a node whose version is not higher than the held one', () => {
    const state = heldBoard()
    const first = applyDelta(state, delta(state, { nodes: [changed(state, CONVERSION_ID, { progress: 0.6 })] })).state
    const older = { ...state.nodes[LATENCY_ID], progress: 0.1 }
    const newer = changed(first, CONVERSION_ID, { progress: 0.7 })
    const message = { type: 'delta', board: first.board, from: 140, version: 142, nodes: [older, newer], units: [] }
    const result = applyDelta(first, message)
    expect(result.outcome).toBe('applied')
    expect(result.state.nodes[LATENCY_ID].progress).toBe(1)
    expect(result.state.nodes[CONVERSION_ID].progress).toBe(0.7)
    expect(result.state.version).toBe(142)
    expect(result.changedIds).toEqual([CONVERSION_ID])
  })

  it('ignores a delta that ends at the held version', () => {
    const state = heldBoard()
    const repeated = { type: 'delta', board: state.board, from: 139, version: 140, nodes: [state.nodes[CONVERSION_ID]] }
    const result = applyDelta(state, repeated)
    expect(result.outcome).toBe('stale')
    expect(result.state).toBe(state)
  })

  it('reports a gap when from is above the held version', () => {
    const state = heldBoard()
    const ahead = delta(state, { from: 141, nodes: [changed(state, CONVERSION_ID, { versionStep: 2 })] })
    const result = applyDelta(state, ahead)
    expect(result.outcome).toBe('gap')
    expect(result.state).toBe(state)
  })

  it('reports a gap when the applied versions fall short', () => {
    const state = heldBoard()
    const message = {
      type: 'delta',
      board: state.board,
      from: 140,
      version: 143,
      nodes: [changed(state, CONVERSION_ID, {})],
    }
    expect(applyDelta(state, message).outcome).toBe('gap')
  })

  it('adds a member that joins the board', () => {
    const state = heldBoard()
    const joined = { ...state.nodes[CONVERSION_ID], id: 'n-new', key: 'new-kr', version: 1 }
    const result = applyDelta(state, delta(state, { nodes: [joined] }))
    expect(result.outcome).toBe('applied')
    expect(result.state.nodes['n-new'].key).toBe('new-kr')
    expect(result.state.version).toBe(141)
  })

  it('accepts an empty delta from the held version', () => {
    const state = heldBoard()
    const empty = { type: 'delta', board: state.board, from: 140, version: 140, nodes: [], units: [] }
    expect(applyDelta(state, empty).outcome).toBe('stale')
  })
})

describe('changedMemberIds', () => {
  it('lists members with another version or new ones', () => {
    const before = heldBoard()
    const after = heldBoard()
    after.nodes[CONVERSION_ID] = { ...after.nodes[CONVERSION_ID], version: 18 }
    after.units[TEAM_ID] = { ...after.units[TEAM_ID], version: 13 }
    after.nodes['n-new'] = { id: 'n-new', version: 1 }
    expect(changedMemberIds(before, after).sort()).toEqual([CONVERSION_ID, TEAM_ID, 'n-new'].sort())
  })

  it('is empty for equal versions', () => {
    expect(changedMemberIds(heldBoard(), heldBoard())).toEqual([])
  })
})

describe('applyDelta with removed nodes', () => {
  function removing(state, ids, { from = state.version, nodes = [] } = {}) {
    const dropped = ids.reduce((sum, id) => sum + (state.nodes[id]?.version ?? 0), 0)
    const steps = nodes.reduce((sum, member) => sum + member.version - (state.nodes[member.id]?.version ?? 0), 0)
    return {
      type: 'delta',
      board: state.board,
      from,
      version: state.version - dropped + steps,
      units: [],
      nodes,
      removed: ids,
    }
  }

  it('drops a removed node', () => {
    const state = heldBoard()
    const result = applyDelta(state, removing(state, [LATENCY_ID]))
    expect(result.outcome).toBe('applied')
    expect(result.state.nodes[LATENCY_ID]).toBeUndefined()
    expect(result.removedIds).toEqual([LATENCY_ID])
  })

  it('lowers the version to the member sum', () => {
    const state = heldBoard()
    const result = applyDelta(state, removing(state, [LATENCY_ID]))
    expect(result.state.version).toBe(state.version - state.nodes[LATENCY_ID].version)
    expect(result.state.version).toBe(memberVersionSum(result.state))
  })

  it('applies changed nodes in the same delta', () => {
    const state = heldBoard()
    const update = changed(state, CONVERSION_ID, { progress: 0.7 })
    const result = applyDelta(state, removing(state, [LATENCY_ID], { nodes: [update] }))
    expect(result.outcome).toBe('applied')
    expect(result.state.nodes[CONVERSION_ID].progress).toBe(0.7)
    expect(result.changedIds).toEqual([CONVERSION_ID])
  })

  it('keeps the input state unchanged', () => {
    const state = heldBoard()
    applyDelta(state, removing(state, [LATENCY_ID]))
    expect(state.nodes[LATENCY_ID]).toBeDefined()
  })

  it('reports a gap when from differs from the held version', () => {
    const state = heldBoard()
    const result = applyDelta(state, removing(state, [LATENCY_ID], { from: state.version - 1 }))
    expect(result.outcome).toBe('gap')
    expect(result.state).toBe(state)
  })

  it('reports a gap when the member sum misses the version', () => {
    const state = heldBoard()
    const message = { ...removing(state, [LATENCY_ID]), version: state.version + 5 }
    expect(applyDelta(state, message).outcome).toBe('gap')
  })

  it('accepts a removed id the client never held', () => {
    const state = heldBoard()
    const result = applyDelta(state, removing(state, ['n-unknown']))
    expect(result.outcome).toBe('applied')
    expect(result.removedIds).toEqual([])
    expect(result.state.version).toBe(state.version)
  })

  it('adds a node removed and added again in one delta', () => {
    const state = heldBoard()
    const readded = { ...state.nodes[LATENCY_ID], version: 1, progress: 0 }
    const message = {
      type: 'delta',
      board: state.board,
      from: state.version,
      version: state.version - state.nodes[LATENCY_ID].version + 1,
      units: [],
      nodes: [readded],
      removed: [LATENCY_ID],
    }
    const result = applyDelta(state, message)
    expect(result.outcome).toBe('applied')
    expect(result.state.nodes[LATENCY_ID].version).toBe(1)
  })
})

describe('applySignal', () => {
  const signal = { id: 's-1', state: 'open', version: 1, nodeIds: [CONVERSION_ID] }

  it('carries the signals and sources of a snapshot', () => {
    const state = boardFromSnapshot({ ...structuredClone(unitSnapshot), signals: [signal], sources: { 'urn:a': { label: 'A' } } })
    expect(state.signals).toEqual({ 's-1': signal })
    expect(state.sources).toEqual({ 'urn:a': { label: 'A' } })
  })

  it('adds a raised signal', () => {
    expect(applySignal(heldBoard(), signal).signals['s-1']).toEqual(signal)
  })

  it('replaces a signal by a newer version', () => {
    const held = applySignal(heldBoard(), signal)
    expect(applySignal(held, { ...signal, state: 'acknowledged', version: 2 }).signals['s-1'].state).toBe('acknowledged')
  })

  it('keeps a newer signal over an older copy', () => {
    const held = applySignal(heldBoard(), { ...signal, state: 'snoozed', version: 3 })
    expect(applySignal(held, signal).signals['s-1'].state).toBe('snoozed')
  })

  it('drops a resolved signal', () => {
    const held = applySignal(heldBoard(), signal)
    expect(applySignal(held, { ...signal, state: 'resolved', version: 2 }).signals).toEqual({})
  })

  it('keeps the members and version', () => {
    const held = heldBoard()
    const next = applySignal(held, signal)
    expect(next.version).toBe(held.version)
    expect(next.nodes).toBe(held.nodes)
  })
})
