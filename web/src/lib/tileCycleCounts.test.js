import { describe, expect, it } from 'vitest'
import { cycleScope } from './cycleScope.js'
import { currentCycleCounts, enclosingCycleCounts, runningCycles } from './tileCycleCounts.js'

const STRATEGY = { id: 'strategy', name: 'Strategy 2025–2027', kind: 'strategy', parentId: null, start: '2025-01-01', end: '2027-12-31' }
const YEAR = { id: 'year', name: '2026', kind: 'annual', parentId: 'strategy', start: '2026-01-01', end: '2026-12-31' }
const Q3 = { id: 'q3', name: 'Q3 2026', kind: 'quarter', parentId: 'year', start: '2026-07-01', end: '2026-09-30' }
const Q4 = { id: 'q4', name: 'Q4 2026', kind: 'quarter', parentId: 'year', start: '2026-10-01', end: '2026-12-31' }
const CYCLES = [Q4, Q3, YEAR, STRATEGY]
const TODAY = '2026-12-05'

const COMPANY = { id: 'acme', parentId: null }
const TEAM = { id: 'checkout', parentId: 'acme' }

function objective(id, unitId, cycleId) {
  return { id, kind: 'objective', unitId, cycleId }
}

function board(...nodes) {
  return { nodes: Object.fromEntries(nodes.map((node) => [node.id, node])), cycles: CYCLES }
}

const yearOnly = board(
  objective('a', 'acme', 'year'),
  objective('b', 'acme', 'year'),
  objective('c', 'acme', 'q3'),
  objective('d', 'checkout', 'q4'),
  { id: 'o', kind: 'strategic_outcome', unitId: 'acme', cycleId: 'strategy' },
)

describe('runningCycles', () => {
  it('lists the cycles of today outermost first', () => {
    expect(runningCycles(CYCLES, TODAY).map((cycle) => cycle.id)).toEqual(['strategy', 'year', 'q4'])
  })
})

describe('currentCycleCounts', () => {
  it('counts the objectives of a company per running cycle', () => {
    const counts = currentCycleCounts(yearOnly, COMPANY, TODAY)
    expect(counts.map((entry) => [entry.cycle.id, entry.count])).toEqual([['year', 2], ['q4', 0]])
  })

  it('is empty for a unit with a parent', () => {
    expect(currentCycleCounts(yearOnly, TEAM, TODAY)).toEqual([])
  })

  it('is empty without objectives in running cycles', () => {
    expect(currentCycleCounts(board(objective('c', 'acme', 'q3')), COMPANY, TODAY)).toEqual([])
  })
})

describe('enclosingCycleCounts', () => {
  it('counts the objectives of the enclosing cycles', () => {
    const counts = enclosingCycleCounts(yearOnly, 'acme', cycleScope(CYCLES, 'q4'))
    expect(counts.map((entry) => [entry.cycle.id, entry.count])).toEqual([['year', 2]])
  })

  it('is empty for a cycle without enclosing objectives', () => {
    expect(enclosingCycleCounts(yearOnly, 'acme', cycleScope(CYCLES, 'year'))).toEqual([])
  })
})
