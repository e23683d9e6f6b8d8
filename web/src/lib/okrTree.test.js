import { describe, expect, it } from 'vitest'
import { createMomentumI18n } from '../i18n/index.js'
import { buildOkrTree, descendantObjectiveIds, keyResultValuesText } from './okrTree.js'
import { writeWithUnit } from './unitsOfMeasure.js'

function objective(id, fields = {}) {
  return { id, title: id, parentId: null, parentKeyResultId: null, ...fields }
}

function keyResult(id, objectiveId) {
  return { id, title: id, objectiveId }
}

describe('buildOkrTree', () => {
  it('puts key results under their objective', () => {
    const tree = buildOkrTree([objective('A')], [keyResult('k2', 'A'), keyResult('k1', 'A')])
    expect(tree[0].keyResults.map((entry) => entry.keyResult.id)).toEqual(['k1', 'k2'])
  })

  it('nests a child objective under its parent objective', () => {
    const tree = buildOkrTree([objective('A'), objective('B', { parentId: 'A' })], [])
    expect(tree.map((entry) => entry.objective.id)).toEqual(['A'])
    expect(tree[0].children[0].objective.id).toBe('B')
  })

  it('nests an objective under the key result it aligns to', () => {
    const tree = buildOkrTree([objective('A'), objective('B', { parentKeyResultId: 'k1' })], [keyResult('k1', 'A')])
    expect(tree).toHaveLength(1)
    expect(tree[0].keyResults[0].children[0].objective.id).toBe('B')
  })

  it('treats an objective with a parent elsewhere as a root', () => {
    const tree = buildOkrTree([objective('B', { parentId: 'company-objective' })], [])
    expect(tree[0].objective.id).toBe('B')
  })

  it('shows objectives of a parent loop once each', () => {
    const tree = buildOkrTree([objective('A', { parentId: 'B' }), objective('B', { parentId: 'A' })], [])
    const ids = tree.flatMap((entry) => [...descendantObjectiveIds(entry)])
    expect(ids.sort()).toEqual(['A', 'B'])
  })
})

describe('descendantObjectiveIds', () => {
  it('includes objectives below key results', () => {
    const tree = buildOkrTree(
      [objective('A'), objective('B', { parentKeyResultId: 'k1' }), objective('C', { parentId: 'B' })],
      [keyResult('k1', 'A')],
    )
    expect([...descendantObjectiveIds(tree[0])].sort()).toEqual(['A', 'B', 'C'])
  })
})

describe('keyResultValuesText', () => {
  const points = { measurement: 'increase', start: 28, target: 40, unit: 'points' }
  // Formats as useFormat's valueText does: the number, then the unit after a space.
  const valueText = (number, unit) => (unit ? `${number} ${unit}` : String(number))

  it('writes the unit once in English', () => {
    const { t } = createMomentumI18n('en').global
    expect(keyResultValuesText(points, t, valueText)).toBe('from 28 to 40 points')
  })

  it.each([
    ['en', 'from EUR 38 to EUR 31'],
    ['de', 'von 38 EUR auf 31 EUR'],
  ])('writes a currency with both numbers in %s', (locale, expected) => {
    const { t } = createMomentumI18n(locale).global
    const money = { measurement: 'decrease', start: 38, target: 31, unit: 'EUR' }
    const format = (number, unit) => writeWithUnit(String(number), unit, locale)
    expect(keyResultValuesText(money, t, format)).toBe(expected)
  })

  it('writes the unit once in German', () => {
    const { t } = createMomentumI18n('de').global
    expect(keyResultValuesText({ ...points, unit: 'Punkte' }, t, valueText)).toBe('von 28 auf 40 Punkte')
  })

  it('writes a band with both units', () => {
    const { t } = createMomentumI18n('en').global
    const band = { measurement: 'range', low: 95, high: 99, unit: '%' }
    expect(keyResultValuesText(band, t, valueText)).toBe('Healthy band 95 % – 99 %')
  })

  it('gives nothing without a target', () => {
    const { t } = createMomentumI18n('en').global
    expect(keyResultValuesText({ ...points, target: null }, t, valueText)).toBeNull()
  })
})
