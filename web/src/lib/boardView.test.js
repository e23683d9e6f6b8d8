import { describe, expect, it } from 'vitest'
import portfolioSnapshot from '../__fixtures__/portfolio-snapshot.json'
import unitSnapshot from '../__fixtures__/unit-board-snapshot.json'
import { boardFromSnapshot } from '../live/boardState.js'
import { buildUnitTree, findCycle, portfolioView, scoredCycleIds, unitBoardView, unitScoreInScope } from './boardView.js'
import { cycleScope } from './cycleScope.js'

const TEAM_ID = 'u0000000-0000-4000-8000-00000000c0de'

function unit(id, parentId) {
  return { id, parentId, name: id }
}

describe('buildUnitTree', () => {
  it('nests teams under business units under the company', () => {
    const roots = buildUnitTree(portfolioSnapshot.units)
    expect(roots.map((root) => root.unit.key)).toEqual(['acme'])
    expect(roots[0].children.map((child) => child.unit.key)).toEqual(['digital-commerce', 'stores'])
    expect(roots[0].children[0].children.map((child) => child.unit.key)).toEqual(['checkout-squad', 'search-squad'])
  })

  it('makes a unit with a missing parent a root', () => {
    const roots = buildUnitTree([unit('a', null), unit('b', 'gone')])
    expect(roots.map((root) => root.unit.id)).toEqual(['a', 'b'])
  })

  it('makes a unit that names itself as parent a root', () => {
    expect(buildUnitTree([unit('a', 'a')]).map((root) => root.unit.id)).toEqual(['a'])
  })

  it('is empty without units', () => {
    expect(buildUnitTree([])).toEqual([])
  })
})

describe('portfolioView', () => {
  const view = portfolioView(boardFromSnapshot(portfolioSnapshot))

  it('lists the strategic outcomes', () => {
    expect(view.outcomes.map((node) => node.key)).toEqual(['loyal-customers', 'efficient-stores'])
  })

  it('lists the objectives of the company', () => {
    expect(view.companyObjectives.map((node) => node.key)).toEqual(['grow-online-share', 'store-cost-down'])
  })
})

describe('unitBoardView', () => {
  const view = unitBoardView(boardFromSnapshot(unitSnapshot), TEAM_ID)

  it('finds the unit summary', () => {
    expect(view.unit.name).toBe('Checkout Squad')
  })

  it('groups key results under their objectives in board order', () => {
    expect(view.objectives.map((group) => group.objective.key)).toEqual(['checkout-delight', 'reliable-payments'])
    expect(view.objectives[0].keyResults.map((node) => node.key)).toEqual([
      'checkout-conversion',
      'checkout-latency',
      'one-click-reorder',
    ])
  })

  it('lists the KPIs', () => {
    expect(view.kpis.map((node) => node.key)).toEqual(['checkout-error-rate', 'orders-per-day'])
  })

  it('sets objectives of closed cycles apart', () => {
    const state = boardFromSnapshot(unitSnapshot)
    const closedCycle = { ...state.cycles[0], id: 'closed-cycle', closed: true }
    state.cycles = [...state.cycles, closedCycle]
    const objective = Object.values(state.nodes).find((node) => node.key === 'reliable-payments')
    state.nodes[objective.id] = { ...objective, cycleId: 'closed-cycle' }

    const grouped = unitBoardView(state, TEAM_ID)

    expect(grouped.objectives.map((group) => group.objective.key)).toEqual(['checkout-delight'])
    expect(grouped.closedObjectives.map((group) => group.objective.key)).toEqual(['reliable-payments'])
  })

  it('keeps key results whose objective is missing', () => {
    const state = boardFromSnapshot(unitSnapshot)
    const orphan = { ...state.nodes['n0000000-0000-4000-8000-000000000011'], id: 'x', key: 'orphan', parentId: 'gone' }
    state.nodes.x = orphan
    expect(unitBoardView(state, TEAM_ID).otherKeyResults.map((node) => node.key)).toEqual(['orphan'])
  })

  it('has no unit when the summary is missing', () => {
    expect(unitBoardView(boardFromSnapshot(unitSnapshot), 'other').unit).toBeNull()
  })
})

describe('unitBoardView without a chosen cycle', () => {
  it('keeps objectives of cycles that have not started apart', () => {
    const state = {
      units: {},
      cycles: [
        { id: 'now', start: '2026-10-01', closed: false },
        { id: 'next', start: '2027-01-01', closed: false },
        { id: 'old', start: '2026-07-01', closed: true },
      ],
      nodes: {
        a: { id: 'a', kind: 'objective', cycleId: 'now' },
        b: { id: 'b', kind: 'objective', cycleId: 'next' },
        c: { id: 'c', kind: 'objective', cycleId: 'old' },
      },
    }
    const view = unitBoardView(state, 'u', null, '2026-12-05')
    expect(view.objectives.map((group) => group.objective.id)).toEqual(['a'])
    expect(view.upcomingObjectives.map((group) => group.objective.id)).toEqual(['b'])
    expect(view.closedObjectives.map((group) => group.objective.id)).toEqual(['c'])
  })
})

describe('scoredCycleIds', () => {
  const year = { id: 'y', start: '2026-01-01' }
  const q1 = { id: 'q1', start: '2026-01-01' }
  const q4 = { id: 'q4', start: '2026-10-01' }
  const nextYear = { id: 'y2', start: '2027-01-01' }
  const scopeOf = (cycle, covered) => ({ cycle, covered, coveredIds: new Set(covered.map((entry) => entry.id)) })

  it.each([
    ['a running year leaves out a quarter ahead', scopeOf(year, [year, q1, q4]), '2026-06-01', ['y', 'q1']],
    ['a running year counts a quarter that has started', scopeOf(year, [year, q1, q4]), '2026-10-01', ['y', 'q1', 'q4']],
    ['a strategy leaves out the year ahead', scopeOf({ id: 's', start: '2025-01-01' }, [{ id: 's', start: '2025-01-01' }, year, nextYear]), '2026-06-01', ['s', 'y']],
    ['a year ahead counts its own plans', scopeOf(nextYear, [nextYear]), '2026-06-01', ['y2']],
  ])('%s', (name, scope, today, expected) => {
    expect([...scoredCycleIds(scope, today)]).toEqual(expected)
  })
})

describe('findCycle', () => {
  it('finds a cycle by id', () => {
    const state = boardFromSnapshot(unitSnapshot)
    expect(findCycle(state, 'c0000000-0000-4000-8000-000000000004').name).toBe('Q4 2026')
    expect(findCycle(state, 'missing')).toBeNull()
  })
})

describe('boards of a chosen cycle', () => {
  const cycles = [
    { id: 's', key: 'strategy', name: 'Strategy', kind: 'strategy', parentId: null, start: '2025-01-01', end: '2027-12-31', closed: false },
    { id: 'y', key: '2026', name: '2026', kind: 'annual', parentId: 's', start: '2026-01-01', end: '2026-12-31', closed: false },
    { id: 'q3', key: '2026-q3', name: 'Q3 2026', kind: 'quarter', parentId: 'y', start: '2026-07-01', end: '2026-09-30', closed: true },
    { id: 'q4', key: '2026-q4', name: 'Q4 2026', kind: 'quarter', parentId: 'y', start: '2026-10-01', end: '2026-12-31', closed: false },
    { id: 'old', key: '2024', name: '2024', kind: 'annual', parentId: null, start: '2024-01-01', end: '2024-12-31', closed: true },
  ]
  function node(id, kind, unitId, cycleId, progress, fields = {}) {
    return { id, key: id, kind, unitId, cycleId, parentId: null, progress, expected: 0.5, status: 'on_track', noData: false, confidence: null, version: 1, ...fields }
  }
  const unitState = {
    units: { team: { id: 'team', parentId: 'company', version: 1 } },
    cycles,
    nodes: Object.fromEntries([
      node('q4-a', 'objective', 'team', 'q4', 0.4),
      node('q4-b', 'objective', 'team', 'q4', 0.6001),
      node('q3-a', 'objective', 'team', 'q3', 0.9, { status: 'closed' }),
      node('year-a', 'objective', 'team', 'y', 0.2),
      node('old-a', 'objective', 'team', 'old', 1),
      node('kr', 'key_result', 'team', 'q4', 0.4, { parentId: 'q4-a' }),
      node('kpi', 'kpi', 'team', null, 0),
    ].map((entry) => [entry.id, entry])),
  }

  it.each([
    ['quarter', 'q4', [['2026-q4', ['q4-a', 'q4-b']]], [['2026', ['year-a']]], 2, 0.5001, 2],
    ['year', 'y', [['2026', ['year-a']], ['2026-q3', ['q3-a']], ['2026-q4', ['q4-a', 'q4-b']]], [], 1, 0.525, 4],
    ['strategy', 's', [['strategy', []], ['2026', ['year-a']], ['2026-q3', ['q3-a']], ['2026-q4', ['q4-a', 'q4-b']]], [], 1, 0.525, 4],
    ['closed quarter', 'q3', [['2026-q3', ['q3-a']]], [['2026', ['year-a']]], 3, 0.9, 1],
  ])('groups a unit board for a %s', (kind, cycleId, sections, enclosing, hidden, progress, objectives) => {
    const view = unitBoardView(unitState, 'team', cycleScope(cycles, cycleId))
    const keys = (list) => list.map((section) => [section.cycle.key, section.groups.map((group) => group.objective.key)])
    expect(keys(view.sections)).toEqual(sections)
    expect(keys(view.enclosingSections)).toEqual(enclosing)
    expect(view.hiddenCount).toBe(hidden)
    expect(view.score.progress).toBe(progress)
    expect(view.score.objectives).toBe(objectives)
  })

  it('keeps key results and KPIs on a unit board of a cycle', () => {
    const view = unitBoardView(unitState, 'team', cycleScope(cycles, 'q4'))
    expect(view.sections[0].groups[0].keyResults.map((keyResult) => keyResult.key)).toEqual(['kr'])
    expect(view.kpis.map((kpi) => kpi.key)).toEqual(['kpi'])
  })

  it('says a cycle without objectives has none', () => {
    const view = unitBoardView(unitState, 'team', cycleScope([...cycles, { id: 'q1', key: '2026-q1', name: 'Q1 2026', kind: 'quarter', parentId: 'y', start: '2026-01-01', end: '2026-03-31', closed: true }], 'q1'))
    expect(view.sections.map((section) => section.groups.length)).toEqual([0])
    expect(view.score.objectives).toBe(0)
    expect(view.score.progress).toBeNull()
  })

  const portfolioState = {
    units: { company: { id: 'company', parentId: null, version: 1 }, team: { id: 'team', parentId: 'company', version: 1 } },
    cycles,
    nodes: Object.fromEntries([
      node('outcome', 'strategic_outcome', 'company', 's', 0.5),
      node('old-outcome', 'strategic_outcome', 'company', 'old', 0.5),
      node('company-q4', 'objective', 'company', 'q4', 0.5),
      node('company-year', 'objective', 'company', 'y', 0.5),
      node('company-q3', 'objective', 'company', 'q3', 0.5),
    ].map((entry) => [entry.id, entry])),
  }

  it.each([
    ['quarter', 'q4', ['outcome'], ['company-q4'], [['2026', ['company-year']]]],
    ['year', 'y', ['outcome'], ['company-year', 'company-q3', 'company-q4'], []],
    ['strategy', 's', ['outcome'], ['company-year', 'company-q3', 'company-q4'], []],
  ])('groups the portfolio for a %s', (kind, cycleId, outcomes, objectives, enclosing) => {
    const view = portfolioView(portfolioState, cycleScope(cycles, cycleId))
    expect(view.outcomes.map((entry) => entry.key)).toEqual(outcomes)
    expect(view.companyObjectives.map((entry) => entry.key)).toEqual(objectives)
    expect(view.enclosingObjectives.map((entry) => [entry.cycle.key, entry.nodes.map((item) => item.key)])).toEqual(enclosing)
  })

  it('shows every goal on the portfolio without a cycle', () => {
    const view = portfolioView(portfolioState)
    expect(view.outcomes).toHaveLength(2)
    expect(view.companyObjectives).toHaveLength(3)
    expect(view.enclosingObjectives).toEqual([])
  })

  it('scores a unit from its board', () => {
    expect(unitScoreInScope(unitState, 'team', cycleScope(cycles, 'q4')).progress).toBe(0.5001)
    expect(unitScoreInScope(unitState, 'other', cycleScope(cycles, 'q4')).objectives).toBe(0)
  })
})
