import { describe, expect, it } from 'vitest'
import {
  effectiveLevels,
  emptyKeyResultForm,
  exampleNumbersField,
  keyResultFormFrom,
  keyResultPayload,
  levelTexts,
  lowerBound,
  roundsDefaultsToWhole,
  nodeLevels,
  unreachableDefaults,
  showsStoredExampleNumbers,
  titleWithNumber,
  zoneBands,
} from './keyResultForm.js'

function form(fields) {
  return { ...emptyKeyResultForm('o-1'), key: 'kr', title: 'Raise conversion', ...fields }
}

describe('keyResultPayload', () => {
  it('sends start, target and levels of an increase', () => {
    const { body, errors } = keyResultPayload(form({ start: '2,1', target: '3.5', commit: '', unit: '%' }), { creating: true })
    expect(errors).toEqual({})
    expect(body).toMatchObject({ key: 'kr', objectiveId: 'o-1', measurement: 'increase', start: 2.1, target: 3.5, commit: null, unit: '%' })
    expect(body).not.toHaveProperty('low')
  })

  it('sends low, high and tolerance of a range only', () => {
    const { body } = keyResultPayload(form({ measurement: 'range', low: '95', high: '99', tolerance: '4', start: '1' }), { creating: true })
    expect(body).toMatchObject({ low: 95, high: 99, tolerance: 4 })
    expect(body).not.toHaveProperty('start')
  })

  it('clears the fields of other kinds on update', () => {
    const { body } = keyResultPayload(form({ measurement: 'binary' }), { creating: false })
    expect(body).toMatchObject({ start: null, target: null, low: null, kpiId: null, milestones: [], objectiveId: 'o-1' })
    expect(body).not.toHaveProperty('key')
  })

  it('sends the milestone list with weights and done flags', () => {
    const milestones = [{ title: 'Design', weight: '1', done: true }, { title: 'GA', weight: '2', done: false }]
    const { body } = keyResultPayload(form({ measurement: 'milestone', milestones }), { creating: true })
    expect(body.milestones).toEqual([{ title: 'Design', weight: 1, done: true }, { title: 'GA', weight: 2, done: false }])
  })

  it('names a milestone without title', () => {
    const { body, errors } = keyResultPayload(form({ measurement: 'milestone', milestones: [{ title: ' ', weight: '1', done: false }] }), { creating: true })
    expect(body).toBeNull()
    expect(errors['milestones[0].title']).toBe('editor.errors.required')
  })

  it('sends the initiatives a work_items key result follows', () => {
    const { body, errors } = keyResultPayload(form({ measurement: 'work_items', workFrom: ['i-1', 'i-2'] }), { creating: true })
    expect(errors).toEqual({})
    expect(body.workFrom).toEqual(['i-1', 'i-2'])
  })

  it('leaves out followed initiatives that are no longer offered', () => {
    const initiatives = [{ id: 'i-2', key: 'live', title: 'Live' }]
    const { body } = keyResultPayload(form({ measurement: 'work_items', workFrom: ['i-1', 'i-2'] }), { creating: false, initiatives })
    expect(body.workFrom).toEqual(['i-2'])
  })

  it('leaves out followed initiatives on create of another kind', () => {
    const { body } = keyResultPayload(form({ measurement: 'binary', workFrom: ['i-1'] }), { creating: true })
    expect(body).not.toHaveProperty('workFrom')
  })

  it('clears followed initiatives when the kind changes on update', () => {
    const { body } = keyResultPayload(form({ measurement: 'binary', workFrom: ['i-1'] }), { creating: false })
    expect(body.workFrom).toEqual([])
  })

  it('needs the KPI of a KPI-following key result', () => {
    const { errors } = keyResultPayload(form({ measurement: 'kpi', start: '31', target: '45' }), { creating: true })
    expect(errors).toEqual({ kpiId: 'editor.errors.required' })
  })

  it('reports a value that is not a number at its field', () => {
    const { errors } = keyResultPayload(form({ start: 'abc', target: '3' }), { creating: true })
    expect(errors).toEqual({ start: 'editor.errors.notANumber' })
  })

  it('takes the owner name from the people list', () => {
    const people = [{ id: 'p-2', name: 'Jonas Keller' }]
    const { body } = keyResultPayload(form({ measurement: 'binary', ownerId: 'p-2' }), { creating: true, people })
    expect(body).toMatchObject({ ownerId: 'p-2', ownerName: 'Jonas Keller' })
  })
})

describe('keyResultFormFrom', () => {
  it('copies the followed initiatives', () => {
    const stored = { key: 'kr', objectiveId: 'o-1', title: 'Ship', measurement: 'work_items', workFrom: ['i-1'] }
    const edited = keyResultFormFrom(stored)
    edited.workFrom.push('i-2')
    expect(edited.workFrom).toEqual(['i-1', 'i-2'])
    expect(stored.workFrom).toEqual(['i-1'])
  })

  it('starts without followed initiatives when none are stored', () => {
    expect(keyResultFormFrom({ key: 'kr', objectiveId: 'o-1', title: 'Ship', measurement: 'binary' }).workFrom).toEqual([])
  })

  it('turns numbers into editable text', () => {
    const edited = keyResultFormFrom({ key: 'k', objectiveId: 'o', title: 'T', measurement: 'increase', start: 2.1, target: 3.5, weight: 2 })
    expect(edited).toMatchObject({ start: '2.1', target: '3.5', commit: '', weight: '2' })
  })
})

describe('effectiveLevels', () => {
  it('derives commit and stretch from start 0 and target 70', () => {
    expect(effectiveLevels({ start: 0, target: 70 })).toMatchObject({ commit: 30, stretch: 100, commitDefault: true })
  })

  it('derives levels downwards for a decrease', () => {
    expect(effectiveLevels({ start: 900, target: 400 })).toMatchObject({ commit: 685.7143, stretch: 185.7143 })
  })

  it('keeps set levels', () => {
    expect(effectiveLevels({ start: 2.1, target: 3.5, commit: 2.7, stretch: 4.1 })).toMatchObject({
      commit: 2.7,
      stretch: 4.1,
      commitDefault: false,
      stretchDefault: false,
    })
  })

  it('is null without a target', () => {
    expect(effectiveLevels({ start: 1, target: null })).toBeNull()
  })
})

describe('levelTexts', () => {
  const format = { valueText: (value) => `${value}`, estimateText: (value, unit, decimals) => value.toFixed(decimals) }
  const texts = (values) => levelTexts(effectiveLevels(values), null, format)

  it.each([
    [{ start: 1, target: 4 }, { start: '1', commit: '3', target: '4', stretch: '6' }],
    [{ start: 0, target: 2 }, { start: '0', commit: '1', target: '2', stretch: '3' }],
    [{ start: 10, target: 2 }, { start: '10', commit: '6', target: '2', stretch: '-2' }],
    [{ start: 0, target: 100 }, { start: '0', commit: '43', target: '100', stretch: '143' }],
  ])('shows whole defaults for the count %o', (values, expected) => {
    expect(texts(values)).toEqual(expected)
  })

  it('keeps one decimal when whole levels would not be distinct', () => {
    expect(texts({ start: 0, target: 1 })).toEqual({ start: '0', commit: '0.4', target: '1', stretch: '1.4' })
  })

  it('rounds only the default beside a typed level', () => {
    expect(texts({ start: 0, target: 2, stretch: 3 })).toEqual({ start: '0', commit: '1', target: '2', stretch: '3' })
  })

  it('keeps one decimal when a typed commit equals the target', () => {
    expect(texts({ start: 1, target: 2, commit: 2 })).toEqual({ start: '1', commit: '2', target: '2', stretch: '2.4' })
  })

  it('keeps the precision of decimal values', () => {
    expect(texts({ start: 0.5, target: 1.5 })).toEqual({ start: '0.5', commit: '0.9', target: '1.5', stretch: '1.9' })
    expect(texts({ start: 1.25, target: 2 })).toEqual({ start: '1.25', commit: '1.57', target: '2', stretch: '2.32' })
  })

  it('drops decimals a default level does not need', () => {
    const defaults = effectiveLevels({ start: 4.6, target: 3.9 })
    expect(levelTexts(defaults, null, format)).toEqual({ start: '4.6', commit: '4.3', target: '3.9', stretch: '3.6' })
  })

  it('rounds defaults to the typed precision', () => {
    expect(texts({ start: 4.6, target: 4 })).toEqual({ start: '4.6', commit: '4.3', target: '4', stretch: '3.7' })
  })
})

describe('levelTexts at zero', () => {
  const format = { valueText: (value, unit) => `${value} ${unit}`, estimateText: (value, unit, decimals) => `${value.toFixed(decimals)} ${unit}` }

  it('hides a default stretch below zero of days', () => {
    const levels = effectiveLevels({ start: 14, target: 4 })
    expect(levels.stretch).toBe(-0.2857)
    expect(levelTexts(levels, 'days', format)).toEqual({ start: '14 days', commit: '9 days', target: '4 days', stretch: null })
  })

  it('keeps a typed stretch level below zero', () => {
    const levels = effectiveLevels({ start: 14, target: 4, stretch: -1 })
    expect(levelTexts(levels, 'days', format).stretch).toBe('-1 days')
  })

  it('rounds a stretch of a signed unit past zero', () => {
    expect(levelTexts(effectiveLevels({ start: 14, target: 4 }), '°C', format).stretch).toBe('-1 °C')
  })

  it('writes no negative zero', () => {
    const levels = effectiveLevels({ start: -1, target: 1 })
    expect(levels.commit).toBe(-0.1429)
    // Intl.NumberFormat writes -0 as "-0", so the whole level must be 0 itself.
    const raw = levelTexts(levels, 'EUR', { valueText: String, estimateText: (value) => value })
    expect(Object.is(raw.commit, 0)).toBe(true)
  })
})

describe('lowerBound', () => {
  it.each([
    ['days', 14, 4, 0],
    ['%', 5, 1, 0],
    ['EUR', 900, 400, 0],
    ['%', -2, 3, null],
    ['°C', 14, 4, null],
    ['', 14, 4, null],
  ])('is %s from %s to %s: %s', (unit, start, target, expected) => {
    expect(lowerBound(effectiveLevels({ start, target }), unit)).toBe(expected)
  })
})

describe('unreachableDefaults', () => {
  it('lists the default stretch of a lead time from 14 to 4 days', () => {
    expect(unreachableDefaults(effectiveLevels({ start: 14, target: 4 }), 'days')).toEqual([{ level: 'stretch', value: -0.2857, bound: 0 }])
  })

  it('lists the default stretch of a count that reaches zero', () => {
    expect(unreachableDefaults(effectiveLevels({ start: 5, target: 0 }), 'incidents').map((item) => item.level)).toEqual(['stretch'])
  })

  it('lists no reachable or typed levels', () => {
    expect(unreachableDefaults(effectiveLevels({ start: 14, target: 4, stretch: 0 }), 'days')).toEqual([])
    expect(unreachableDefaults(effectiveLevels({ start: 14, target: 7 }), 'days')).toEqual([])
    expect(unreachableDefaults(effectiveLevels({ start: 14, target: 4 }), 'pp')).toEqual([])
    expect(unreachableDefaults(null, 'days')).toEqual([])
  })
})

describe('roundsDefaultsToWhole', () => {
  it('is true for default levels of a count', () => {
    expect(roundsDefaultsToWhole(effectiveLevels({ start: 1, target: 4 }))).toBe(true)
    expect(roundsDefaultsToWhole(effectiveLevels({ start: 10, target: 2 }))).toBe(true)
  })

  it('is false for decimals, typed levels, tight ranges', () => {
    expect(roundsDefaultsToWhole(effectiveLevels({ start: 1.5, target: 3.5 }))).toBe(false)
    expect(roundsDefaultsToWhole(effectiveLevels({ start: 1, target: 4, commit: 2, stretch: 6 }))).toBe(false)
    expect(roundsDefaultsToWhole(effectiveLevels({ start: 0, target: 1 }))).toBe(false)
  })
})

describe('nodeLevels', () => {
  const format = { valueText: (value) => `${value}`, estimateText: (value, unit, decimals) => value.toFixed(decimals) }

  it('treats the engine defaults of a node as defaults', () => {
    const levels = nodeLevels({ start: 1, target: 4, commit: 2.2857, stretch: 5.2857 })
    expect(levels.commitDefault).toBe(true)
    expect(levels.stretchDefault).toBe(true)
    expect(levelTexts(levels, null, format)).toEqual({ start: '1', commit: '3', target: '4', stretch: '6' })
  })

  it('keeps a set level as typed', () => {
    const levels = nodeLevels({ start: 1, target: 4, commit: 2.5, stretch: 5.2857 })
    expect(levels.commitDefault).toBe(false)
    expect(levels.stretchDefault).toBe(true)
    expect(levelTexts(levels, null, format)).toEqual({ start: '1', commit: '2.5', target: '4', stretch: '5.3' })
  })

  it('returns the editor levels for the same key result', () => {
    const editor = effectiveLevels({ start: 10, target: 2 })
    const node = { start: 10, target: 2, commit: editor.commit, stretch: editor.stretch }
    expect(nodeLevels(node)).toEqual(editor)
  })

  it('returns null without zone levels', () => {
    expect(nodeLevels({ start: 1, target: 4, commit: null, stretch: null })).toBeNull()
    expect(nodeLevels({ start: null, target: 4, commit: 2, stretch: 5 })).toBeNull()
  })
})

describe('zoneBands', () => {
  it('runs from start through commit, target and stretch', () => {
    const bands = zoneBands(effectiveLevels({ start: 0, target: 70 }))
    expect(bands.map((band) => [band.zone, band.from, band.to])).toEqual([
      ['fail', 0, 30],
      ['commit', 30, 70],
      ['target', 70, 100],
      ['stretch', 100, null],
    ])
  })
})

describe('titleWithNumber', () => {
  it('replaces the start of a drafted title', () => {
    expect(titleWithNumber('Raise revenue from 80 to 120 kEUR', '80', '100')).toBe('Raise revenue from 100 to 120 kEUR')
  })

  it('matches whole numbers only', () => {
    expect(titleWithNumber('Fix top 10 churn reasons from 1 to 5', '1', '2')).toBe('Fix top 10 churn reasons from 2 to 5')
    expect(titleWithNumber('Grow from 1 to 120 users', '12', '15')).toBe('Grow from 1 to 120 users')
  })

  it('keeps the title decimal separator', () => {
    expect(titleWithNumber('Abwanderung von 2,4 % auf 1,5 % senken', '2.4', '3.1')).toBe('Abwanderung von 3,1 % auf 1,5 % senken')
    expect(titleWithNumber('Cut churn from 2.4 % to 1.5 %', '2,4', '3,1')).toBe('Cut churn from 3.1 % to 1.5 %')
  })

  it('leaves the title alone when the number is ambiguous or missing', () => {
    expect(titleWithNumber('Go from 5 to 5 stars', '5', '4')).toBe('Go from 5 to 5 stars')
    expect(titleWithNumber('Raise revenue', '80', '100')).toBe('Raise revenue')
    expect(titleWithNumber('Raise revenue from 80 to 120', '80', '')).toBe('Raise revenue from 80 to 120')
    expect(titleWithNumber('Raise revenue from 80 to 120', '80', '1e3')).toBe('Raise revenue from 80 to 120')
  })
})

describe('showsStoredExampleNumbers', () => {
  const marked = { key: 'churn', objectiveId: 'o1', title: 'Cut churn from 2.4 to 1.5', measurement: 'decrease', start: 2.4, target: 1.5, exampleNumbers: true }

  it('shows the mark while start and target are unchanged', () => {
    expect(showsStoredExampleNumbers(marked, keyResultFormFrom(marked))).toBe(true)
  })

  it('compares numbers, not texts', () => {
    const form = { ...keyResultFormFrom(marked), start: '2,40', target: '1.5' }

    expect(showsStoredExampleNumbers(marked, form)).toBe(true)
  })

  it('hides the mark once start or target change', () => {
    expect(showsStoredExampleNumbers(marked, { ...keyResultFormFrom(marked), start: '3' })).toBe(false)
    expect(showsStoredExampleNumbers(marked, { ...keyResultFormFrom(marked), target: '1' })).toBe(false)
    expect(showsStoredExampleNumbers(marked, { ...keyResultFormFrom(marked), target: '' })).toBe(false)
  })

  it('hides the mark for unmarked key results and other measurements', () => {
    expect(showsStoredExampleNumbers({ ...marked, exampleNumbers: false }, keyResultFormFrom(marked))).toBe(false)
    expect(showsStoredExampleNumbers(null, keyResultFormFrom(marked))).toBe(false)
    expect(showsStoredExampleNumbers(marked, { ...keyResultFormFrom(marked), measurement: 'binary' })).toBe(false)
  })
})

describe('exampleNumbersField', () => {
  it('marks a new key result that keeps drafted example numbers', () => {
    expect(exampleNumbersField({ creating: true, keptExampleFields: 2, showsStored: false, ownNumbersConfirmed: false })).toBe(true)
    expect(exampleNumbersField({ creating: true, keptExampleFields: 1, showsStored: false, ownNumbersConfirmed: false })).toBe(true)
  })

  it('leaves the field out for a new key result with its own numbers', () => {
    expect(exampleNumbersField({ creating: true, keptExampleFields: 0, showsStored: false, ownNumbersConfirmed: false })).toBeUndefined()
  })

  it('clears the mark when stored example numbers are confirmed', () => {
    expect(exampleNumbersField({ creating: false, keptExampleFields: 0, showsStored: true, ownNumbersConfirmed: true })).toBe(false)
  })

  it('leaves the field out of other edits', () => {
    expect(exampleNumbersField({ creating: false, keptExampleFields: 0, showsStored: true, ownNumbersConfirmed: false })).toBeUndefined()
    // Changed numbers: the server clears the mark itself, and a stale confirmation sends nothing.
    expect(exampleNumbersField({ creating: false, keptExampleFields: 0, showsStored: false, ownNumbersConfirmed: true })).toBeUndefined()
  })
})
