import { describe, expect, it } from 'vitest'
import { bestSourceScores, matchStrength, scoreShare } from './draftSources.js'

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

describe('scoreShare', () => {
  it('takes the share of the search from the API', () => {
    expect(scoreShare({ score: 3, relativeScore: 0.9 }, 10)).toEqual({ share: 0.9, basis: 'search' })
  })

  it('compares with the draft without a share from the API', () => {
    expect(scoreShare({ score: 4 }, 10)).toEqual({ share: 0.4, basis: 'draft' })
  })

  it('is null without a score or a positive best score', () => {
    expect(scoreShare({}, 10)).toBeNull()
    expect(scoreShare({ score: 3 }, undefined)).toBeNull()
    expect(scoreShare({ score: 0 }, 0)).toBeNull()
  })
})

describe('matchStrength', () => {
  it.each([
    [1, 'strong'],
    [0.8, 'strong'],
    [0.79, 'good'],
    [0.5, 'good'],
    [0.49, 'weak'],
    [0, 'weak'],
  ])('rates the share %s as %s', (share, expected) => {
    expect(matchStrength(share)).toBe(expected)
  })
})
