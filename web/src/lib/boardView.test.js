import { describe, expect, it } from 'vitest'
import portfolioSnapshot from '../__fixtures__/portfolio-snapshot.json'
import unitSnapshot from '../__fixtures__/unit-board-snapshot.json'
import { boardFromSnapshot } from '../live/boardState.js'
import { buildUnitTree, findCycle, portfolioView, unitBoardView } from './boardView.js'

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

describe('findCycle', () => {
  it('finds a cycle by id', () => {
    const state = boardFromSnapshot(unitSnapshot)
    expect(findCycle(state, 'c0000000-0000-4000-8000-000000000004').name).toBe('Q4 2026')
    expect(findCycle(state, 'missing')).toBeNull()
  })
})
