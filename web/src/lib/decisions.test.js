import { describe, expect, it } from 'vitest'
import { decisionRepeatsKind, evidenceSummary, signalNode, snoozedUntil, subjectRoute, trailFilters } from './decisions.js'

describe('subjectRoute', () => {
  it('opens page of each node kind', () => {
    expect(subjectRoute({ subjectType: 'key_result', subjectId: 'k-1' })).toEqual({ name: 'key-result', params: { id: 'k-1' } })
    expect(subjectRoute({ subjectType: 'objective', subjectId: 'o-1' })).toEqual({ name: 'impact', params: { nodeId: 'o-1' } })
    expect(subjectRoute({ subjectType: 'unit', subjectId: 'u-1' })).toEqual({ name: 'unit', params: { unitId: 'u-1' } })
  })

  it('opens trail of a signal', () => {
    expect(subjectRoute({ subjectType: 'signal', subjectId: 's-1' })).toEqual({ name: 'decisions', query: { ref: 's-1' } })
  })

  it('returns null without page', () => {
    expect(subjectRoute({ subjectType: 'draft', subjectId: 'd-1' })).toBeNull()
    expect(subjectRoute({ subjectType: null, subjectId: null })).toBeNull()
    expect(subjectRoute(null)).toBeNull()
  })
})

describe('evidenceSummary', () => {
  it('prefers signal explanation', () => {
    const entry = { evidence: { explanation: 'Activation stayed flat over 3 check-ins.', why: 'A verb without a number' } }
    expect(evidenceSummary(entry)).toBe('Activation stayed flat over 3 check-ins.')
  })

  it('joins lines of explanation', () => {
    expect(evidenceSummary({ evidence: { explanation: 'Activation stayed\n  flat.' } })).toBe('Activation stayed flat.')
  })

  it('uses finding reason', () => {
    expect(evidenceSummary({ evidence: { rule: 'vague_verb', why: 'A verb without a number cannot be scored' } }))
      .toBe('A verb without a number cannot be scored')
  })

  it('cuts long text', () => {
    const summary = evidenceSummary({ evidence: { strategy: 'x'.repeat(500) } })
    expect(summary).toHaveLength(240)
    expect(summary.endsWith('…')).toBe(true)
  })

  it('returns null without text', () => {
    expect(evidenceSummary({ evidence: { count: 3 } })).toBeNull()
    expect(evidenceSummary({})).toBeNull()
  })
})

describe('trailFilters', () => {
  it('reads filters from query', () => {
    expect(trailFilters({ kind: 'signal.action', nodeId: 'k-1', ref: 's-1' }))
      .toEqual({ kind: 'signal.action', subjectId: null, nodeId: 'k-1', ref: 's-1' })
  })

  it('drops unknown kind', () => {
    expect(trailFilters({ kind: 'signal.nope', subjectId: 'k-1' })).toEqual({ kind: null, subjectId: 'k-1', nodeId: null, ref: null })
  })
})

describe('signalNode', () => {
  const action = (evidence) => ({ kind: 'signal.action', subjectType: 'signal', subjectId: 's-1', evidence })

  it('links key result of signal', () => {
    expect(signalNode(action({ kind: 'missed_check_in', params: { title: 'Activation rate' }, nodeIds: ['k-1'] })))
      .toEqual({ id: 'k-1', kind: 'key_result', title: 'Activation rate', route: { name: 'key-result', params: { id: 'k-1' } } })
  })

  it('links KPI of signal', () => {
    expect(signalNode(action({ kind: 'kpi_breach', params: { key: 'CHURN' }, nodeIds: ['p-1'] })).route)
      .toEqual({ name: 'kpi', params: { kpiId: 'p-1' } })
  })

  it('links objective of dependency', () => {
    const node = signalNode(action({ kind: 'dependency_at_risk', params: { kind: 'objective', title: 'Win DACH' }, nodeIds: ['o-1'] }))
    expect(node.title).toBe('Win DACH')
    expect(node.route).toEqual({ name: 'impact', params: { nodeId: 'o-1' } })
  })

  it('returns null without node', () => {
    expect(signalNode(action({ kind: 'stale_source', params: {}, nodeIds: ['k-1'] }))).toBeNull()
    expect(signalNode(action({ kind: 'missed_check_in', nodeIds: [] }))).toBeNull()
    expect(signalNode(action(undefined))).toBeNull()
    expect(signalNode({ kind: 'quality.finding', evidence: { kind: 'missed_check_in', nodeIds: ['k-1'] } })).toBeNull()
  })
})

describe('snoozedUntil', () => {
  it('reads end from evidence', () => {
    expect(snoozedUntil({ decision: 'snoozed', evidence: { snoozedUntil: '2026-12-10T12:00:00Z' } })).toBe('2026-12-10T12:00:00Z')
  })

  it('prefers entry field', () => {
    const entry = { decision: 'snoozed', snoozedUntil: '2026-12-20T12:00:00Z', evidence: { snoozedUntil: '2026-12-10T12:00:00Z' } }
    expect(snoozedUntil(entry)).toBe('2026-12-20T12:00:00Z')
  })

  it('returns null for other decisions', () => {
    expect(snoozedUntil({ decision: 'woke', evidence: { snoozedUntil: '2026-12-10T12:00:00Z' } })).toBeNull()
    expect(snoozedUntil({ decision: 'snoozed', evidence: { snoozedUntil: null } })).toBeNull()
    expect(snoozedUntil(null)).toBeNull()
  })
})

describe('decisionRepeatsKind', () => {
  it('matches generated and requested', () => {
    expect(decisionRepeatsKind({ kind: 'draft.generated', decision: 'generated' })).toBe(true)
    expect(decisionRepeatsKind({ kind: 'brief.generated', decision: 'generated' })).toBe(true)
    expect(decisionRepeatsKind({ kind: 'llm.request', decision: 'requested' })).toBe(true)
  })

  it('keeps other decision words', () => {
    expect(decisionRepeatsKind({ kind: 'llm.response', decision: 'failed' })).toBe(false)
    expect(decisionRepeatsKind({ kind: 'signal.action', decision: 'snoozed' })).toBe(false)
    expect(decisionRepeatsKind({ kind: 'toString', decision: 'generated' })).toBe(false)
    expect(decisionRepeatsKind(null)).toBe(false)
  })
})
