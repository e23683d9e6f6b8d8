import { describe, expect, it } from 'vitest'
import engineBoard from '../__fixtures__/engine-unit-board.json'
import { CYCLES, Q4 } from '../__fixtures__/outcomeModel.js'
import { cycleScope, statusFromGap, unitCycleScore } from './cycleScope.js'

const Q1 = { id: 'c-2026-q1', key: '2026-q1', name: 'Q1 2026', kind: 'quarter', parentId: 'c-2026', start: '2026-01-01', end: '2026-03-31', closed: true }
const Y2025 = { id: 'c-2025', key: '2025', name: '2025', kind: 'annual', parentId: 'c-strategy', start: '2025-01-01', end: '2025-12-31', closed: true }
const ALL = [...CYCLES, Q1, Y2025]

function objective(progress, expected, status, extra = {}) {
  return { kind: 'objective', progress, expected, status, noData: false, confidence: null, updatedAt: null, ...extra }
}

describe('cycleScope', () => {
  it.each([
    ['quarter', Q4, [Q4], ['c-2026', 'c-strategy']],
    ['year', 'c-2026', ['c-2026', 'c-2026-q1', 'c-2026-q3', Q4], ['c-strategy']],
    ['strategy', 'c-strategy', ['c-strategy', 'c-2025', 'c-2026', 'c-2026-q1', 'c-2026-q3', Q4], []],
  ])('covers a %s and the cycles inside it', (kind, cycleId, covered, enclosing) => {
    const scope = cycleScope(ALL, cycleId)
    expect(scope.cycle.id).toBe(cycleId)
    expect(scope.covered.map((cycle) => cycle.id)).toEqual(covered)
    expect([...scope.coveredIds].sort()).toEqual([...covered].sort())
    expect(scope.enclosing.map((cycle) => cycle.id)).toEqual(enclosing)
  })

  it('is null for an unknown cycle', () => {
    expect(cycleScope(ALL, 'c-gone')).toBeNull()
  })

  it('ends on a parent loop', () => {
    const looped = [
      { id: 'a', kind: 'annual', parentId: 'b', start: '2026-01-01' },
      { id: 'b', kind: 'strategy', parentId: 'a', start: '2025-01-01' },
    ]
    const scope = cycleScope(looped, 'a')
    expect(scope.covered.map((cycle) => cycle.id)).toEqual(['a', 'b'])
    expect(scope.enclosing).toEqual([])
  })
})

describe('statusFromGap', () => {
  it.each([
    [5_000, 500, 'on_track'], // before 10 % of the cycle, the gap does not count
    [0, 999, 'on_track'],
    [4_000, 5_000, 'on_track'], // gap -0.10
    [3_999, 5_000, 'at_risk'],
    [2_500, 5_000, 'at_risk'], // gap -0.25
    [2_499, 5_000, 'off_track'],
  ])('progress %i against expected %i is %s', (progress, expected, status) => {
    expect(statusFromGap(progress, expected)).toBe(status)
  })
})

describe('unitCycleScore', () => {
  it('has no score without objectives', () => {
    const score = unitCycleScore([])
    expect(score.objectives).toBe(0)
    expect(score.progress).toBeNull()
    expect(score.status).toBeNull()
  })

  it.each([
    // The engine's RollupTest.unitSummaryAveragesCurrentObjectives: objectives at 0.45 and 0.10 on
    // day 45 of a 90-day quarter give the unit 0.275, off track like its worst objective.
    ['engine case of two objectives', [objective(0.45, 0.4944, 'on_track'), objective(0.1, 0.4944, 'off_track')], 0.275, 'off_track'],
    ['worst objective over an on-track mean', [objective(1, 0.5, 'on_track'), objective(0.45, 0.5, 'on_track'), objective(0.1, 0.5, 'off_track')], 0.5167, 'off_track'],
    ['at risk objective among on-track ones', [objective(0.6, 0.5, 'on_track'), objective(0.3, 0.5, 'at_risk')], 0.45, 'at_risk'],
    ['mean rounded half up', [objective(0.3333, 0.2, 'on_track'), objective(0.3334, 0.2, 'on_track')], 0.3334, 'on_track'],
    ['three-way mean rounded down', [objective(0.1, 0.2, 'on_track'), objective(0.1, 0.2, 'on_track'), objective(0.1001, 0.2, 'on_track')], 0.1, 'on_track'],
    ['off track against mean expected', [objective(0.1, 0.6, 'off_track'), objective(0.2, 0.6, 'off_track')], 0.15, 'off_track'],
    ['closed cycle keeps final progress', [objective(0.8, 1, 'closed'), objective(0.6, 1, 'closed')], 0.7, 'closed'],
    ['pending when none has data', [objective(0, 0.5, 'pending', { noData: true })], 0, 'pending'],
    ['one without data still counts as 0', [objective(0, 0.5, 'pending', { noData: true }), objective(0.9, 0.5, 'on_track')], 0.45, 'on_track'],
  ])('%s', (name, objectives, progress, status) => {
    const score = unitCycleScore(objectives)
    expect(score.progress).toBe(progress)
    expect(score.status).toBe(status)
    expect(score.objectives).toBe(objectives.length)
  })

  it('counts statuses and keeps the lowest confidence', () => {
    const score = unitCycleScore([
      objective(0.5, 0.5, 'on_track', { confidence: 7, updatedAt: '2026-12-01T10:00:00Z' }),
      objective(0.1, 0.5, 'off_track', { confidence: 5, updatedAt: '2026-12-03T10:00:00Z' }),
      objective(0, 0.5, 'pending', { noData: true }),
    ])
    expect(score.counts).toEqual({ on_track: 1, at_risk: 0, off_track: 1, pending: 1 })
    expect(score.confidence).toBe(5)
    expect(score.updatedAt).toBe('2026-12-03T10:00:00Z')
  })

  it('equals the engine summary of a real unit board', () => {
    // Written by web/scripts/board-e2e.js from a running server: a team with a quarter objective
    // at 0.0714 and a year objective without data, both in cycles that overlap the day it ran.
    const summary = engineBoard.units[0]
    const score = unitCycleScore(engineBoard.nodes.filter((node) => node.kind === 'objective'))
    expect(score.progress).toBe(summary.progress)
    expect(score.status).toBe(summary.status)
    expect(score.objectives).toBe(summary.objectives)
    expect(score.counts).toEqual(summary.counts)
    expect(score.confidence).toBe(summary.confidence)
  })
})
