import { describe, expect, it } from 'vitest'
import { bestSourceScores, matchStrength } from './draftSources.js'

describe('bestSourceScores', () => {
  it('takes the best score per type', () => {
    const proposals = [
      {
        sources: [{ type: 'library', score: 6.2 }],
        keyResults: [{ sources: [{ type: 'library', score: 10.1 }, { type: 'kpi' }] }],
      },
      { sources: [{ type: 'okr', score: 3.5 }, { type: 'okr', score: 2 }], keyResults: [] },
    ]
    expect(bestSourceScores(proposals)).toEqual({ library: 10.1, okr: 3.5 })
  })

  it('is empty without scores', () => {
    expect(bestSourceScores([{ sources: [{ type: 'kpi' }] }])).toEqual({})
  })
})

describe('matchStrength', () => {
  it.each([
    [10, 10, 'strong'],
    [8, 10, 'strong'],
    [7.9, 10, 'good'],
    [5, 10, 'good'],
    [4.9, 10, 'weak'],
  ])('rates %s of best %s as %s', (score, best, expected) => {
    expect(matchStrength(score, best)).toBe(expected)
  })

  it('is null without a score or a positive best score', () => {
    expect(matchStrength(undefined, 10)).toBeNull()
    expect(matchStrength(3, undefined)).toBeNull()
    expect(matchStrength(0, 0)).toBeNull()
  })
})
