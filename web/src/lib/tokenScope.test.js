import { describe, expect, it } from 'vitest'
import { coveredUnitIds, restrictionTexts, tokenRequest, unitTreeRows } from './tokenScope.js'

const UNITS = [
  { id: 'sales', name: 'Sales', parentId: 'company' },
  { id: 'company', name: 'Company', parentId: null },
  { id: 'emea', name: 'EMEA', parentId: 'sales' },
  { id: 'apac', name: 'APAC', parentId: 'sales' },
  { id: 'tech', name: 'Tech', parentId: 'company' },
]

describe('unitTreeRows', () => {
  it('orders parents before sub-units, siblings by name', () => {
    const rows = unitTreeRows(UNITS).map((row) => `${row.depth}:${row.unit.id}`)
    expect(rows).toEqual(['0:company', '1:sales', '2:apac', '2:emea', '1:tech'])
  })

  it('starts a tree for a unit whose parent is missing', () => {
    const rows = unitTreeRows([{ id: 'orphan', name: 'Orphan', parentId: 'gone' }])
    expect(rows).toEqual([{ unit: { id: 'orphan', name: 'Orphan', parentId: 'gone' }, depth: 0 }])
  })
})

describe('coveredUnitIds', () => {
  it('covers every unit below a chosen unit', () => {
    expect([...coveredUnitIds(UNITS, ['sales'])].sort()).toEqual(['apac', 'emea'])
  })

  it('covers nothing when no unit is chosen', () => {
    expect(coveredUnitIds(UNITS, []).size).toBe(0)
  })

  it('stops at a loop in the parent links', () => {
    const looped = [{ id: 'a', name: 'A', parentId: 'b' }, { id: 'b', name: 'B', parentId: 'a' }]
    expect([...coveredUnitIds(looped, ['a'])]).toEqual(['b'])
  })
})

describe('tokenRequest', () => {
  it('sends no limit when nothing is chosen', () => {
    expect(tokenRequest({ name: 'CI', write: true, unitIds: [], kinds: [] }, UNITS))
      .toEqual({ name: 'CI', scopes: ['read', 'write'] })
  })

  it('leaves out units a chosen parent covers', () => {
    expect(tokenRequest({ name: 'BI', write: false, unitIds: ['emea', 'sales'], kinds: [] }, UNITS))
      .toEqual({ name: 'BI', scopes: ['read'], units: ['sales'] })
  })

  it('sends kinds in the form order', () => {
    expect(tokenRequest({ name: 'KPIs', write: true, unitIds: [], kinds: ['kpi', 'objective'] }, UNITS).kinds)
      .toEqual(['objective', 'kpi'])
  })
})

describe('restrictionTexts', () => {
  const t = (key) => ({
    'apiTokens.everyUnit': 'All units',
    'apiTokens.everyKind': 'All node kinds',
    'links.kind.kpi': 'KPI',
    'links.kind.key_result': 'Key result',
  })[key]

  it('names every unit and kind when unlimited', () => {
    expect(restrictionTexts({ units: [], kinds: [] }, t)).toEqual({ units: 'All units', kinds: 'All node kinds' })
  })

  it('names the units and kinds of a limited token', () => {
    const token = { units: [{ id: 'sales', name: 'Sales' }, { id: 'tech', name: 'Tech' }], kinds: ['kpi', 'key_result'] }
    expect(restrictionTexts(token, t)).toEqual({ units: 'Sales, Tech', kinds: 'KPI, Key result' })
  })
})
