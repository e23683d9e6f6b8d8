import { describe, expect, it } from 'vitest'
import { evidenceSummary, subjectRoute, trailFilters } from './decisions.js'

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
