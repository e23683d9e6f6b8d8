import { describe, expect, it } from 'vitest'
import { formToKpiFields, formulaErrorPosition, kpiToForm, parseNumber, splitAtPosition, variableFromKey } from './kpiForm.js'

describe('parseNumber', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['42', 42],
    ['-3.5', -3.5],
    ['3,5', 3.5],
    ['12abc', undefined],
    ['1e5', undefined],
    ['2.250.000,5', 2250000.5],
    ['2,250,000.5', 2250000.5],
  ])('reads %j as %j', (text, expected) => {
    expect(parseNumber(text)).toBe(expected)
  })
})

describe('formToKpiFields', () => {
  it('sends the key only for a new KPI', () => {
    const form = { ...kpiToForm(), key: 'nps', title: 'NPS' }
    expect(formToKpiFields(form, { isNew: true }).fields.key).toBe('nps')
    expect(formToKpiFields(form, { isNew: false }).fields.key).toBeUndefined()
  })

  it('turns empty text into null', () => {
    const { fields } = formToKpiFields({ ...kpiToForm(), title: 'NPS' }, { isNew: false })
    expect(fields.unit).toBeNull()
    expect(fields.green).toBeNull()
    expect(fields.ownerId).toBeNull()
  })

  it('names a field that is not a number', () => {
    const { errors } = formToKpiFields({ ...kpiToForm(), title: 'NPS', red: 'low' }, { isNew: false })
    expect(errors).toEqual({ red: 'number' })
  })
})

describe('formulaErrorPosition', () => {
  it.each([
    ["unknown function 'sqrt' at 5; use min, max, abs or round", 5],
    ["unknown variable 'x' at 12", 12],
    ['formula is too long', null],
  ])('reads %j', (message, expected) => {
    expect(formulaErrorPosition(message)).toBe(expected)
  })
})

describe('splitAtPosition', () => {
  it('splits around a 1-based position', () => {
    expect(splitAtPosition('a + sqrt(b)', 5)).toEqual({ before: 'a + ', at: 's', after: 'qrt(b)' })
  })

  it('marks a space past the end', () => {
    expect(splitAtPosition('a +', 4)).toEqual({ before: 'a +', at: ' ', after: '' })
  })
})

describe('variableFromKey', () => {
  it.each([
    ['orders-per-week', 'orders_per_week'],
    ['2026-revenue', 'k_2026_revenue'],
    ['max', 'max_value'],
  ])('turns %s into %s', (key, expected) => {
    expect(variableFromKey(key)).toBe(expected)
  })
})
