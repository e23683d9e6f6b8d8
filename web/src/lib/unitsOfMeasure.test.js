import { describe, expect, it } from 'vitest'
import { inflectUnit, isCurrency, isNonNegativeUnit, placeUnit, showsCents, writeWithUnit } from './unitsOfMeasure.js'

describe('writeWithUnit', () => {
  it.each([
    ['1', 'days', 'en', '1 day'],
    ['3', 'days', 'en', '3 days'],
    ['3', 'day', 'en', '3 days'],
    ['0', 'days', 'en', '0 days'],
    ['1.0', 'days', 'en', '1.0 days'],
    ['1.5', 'days', 'en', '1.5 days'],
    ['-1', 'days', 'en', '-1 day'],
    ['1', 'stories', 'en', '1 story'],
    ['2', 'story', 'en', '2 stories'],
    ['1', 'people', 'en', '1 person'],
    ['1', 'Orders', 'en', '1 Order'],
    ['1', 'active users', 'en', '1 active user'],
    ['4', 'new customer', 'en', '4 new customers'],
    ['1', 'orders per day', 'en', '1 orders per day'],
    ['1', 'km/h', 'en', '1 km/h'],
    ['1', 'days', 'de', '1 day'],
    ['1', 'Tage', 'de', '1 Tag'],
    ['3', 'Tag', 'de', '3 Tage'],
    ['1,5', 'Tage', 'de', '1,5 Tage'],
    ['1', 'Aufträge', 'en', '1 Auftrag'],
    ['2', 'Vorfall', 'de', '2 Vorfälle'],
    ['3', 'Person', 'de', '3 Personen'],
    ['3', 'Person', 'en', '3 People'],
    ['1', 'neue Kunden', 'de', '1 neue Kunden'],
    ['1', 'widgets', 'en', '1 widgets'],
    ['1', '%', 'en', '1 %'],
    ['1', 's', 'en', '1 s'],
    ['1', 'ms', 'en', '1 ms'],
    ['1', 'h', 'de', '1 h'],
    ['1', 'pp', 'en', '1 pp'],
    ['1', 'kEUR', 'en', '1 kEUR'],
    ['34.10', 'EUR', 'en', 'EUR 34.10'],
    ['34,10', 'EUR', 'de', '34,10 EUR'],
    ['34.10', '€', 'en', '€34.10'],
    ['34,10', '€', 'de', '34,10 €'],
    ['3,000', 'EUR', 'en-GB', 'EUR 3,000'],
    ['12', 'USD', 'en', 'USD 12'],
    ['12', '$', 'en', '$12'],
    ['12', '£', 'en', '£12'],
    ['12', 'CHF', 'de', '12 CHF'],
    ['-5', '€', 'en', '-€5'],
    ['34', 'EUR k', 'en', 'EUR 34k'],
    ['34', 'EUR k', 'de', '34 Tsd. EUR'],
    ['2.5', 'EUR M', 'en', 'EUR 2.5M'],
    ['2,5', '€ Mio.', 'de', '2,5 Mio. €'],
    ['7', ' ', 'en', '7'],
    ['7', null, 'en', '7'],
    ['7', undefined, 'de', '7'],
  ])('writes %s %s in %s as "%s"', (number, unit, language, expected) => {
    expect(writeWithUnit(number, unit, language)).toBe(expected)
  })
})

describe('placeUnit', () => {
  it('puts an English currency code before the number', () => {
    expect(placeUnit('34', 'EUR', 'en')).toEqual({ before: 'EUR ', after: '' })
  })

  it('puts a German currency after the number', () => {
    expect(placeUnit('34', '€', 'de')).toEqual({ before: '', after: ' €' })
  })

  it('puts a word unit after the number', () => {
    expect(placeUnit('1', 'weeks', 'en')).toEqual({ before: '', after: ' week' })
  })
})

describe('inflectUnit', () => {
  it('keeps an unknown unit as written', () => {
    expect(inflectUnit('Widgets', true, 'en')).toBe('Widgets')
  })

  it('keeps a German unit of several words', () => {
    expect(inflectUnit('offene Tickets', true, 'de')).toBe('offene Tickets')
  })
})

describe('showsCents', () => {
  it.each([
    [34.1, 'EUR', true],
    [34.105, '€', true],
    [34, 'EUR', false],
    ['34.1', 'USD', true],
    [34.1, 'EUR k', false],
    [34.1, 'days', false],
    [34.1, null, false],
    [null, 'EUR', false],
  ])('%s %s shows cents: %s', (value, unit, expected) => {
    expect(showsCents(value, unit)).toBe(expected)
  })
})

describe('isCurrency', () => {
  it.each([
    ['EUR', true],
    [' £ ', true],
    ['EUR M', true],
    ['kEUR', false],
    ['euros', false],
    [null, false],
  ])('%s is a currency: %s', (unit, expected) => {
    expect(isCurrency(unit)).toBe(expected)
  })
})

describe('isNonNegativeUnit', () => {
  it.each(['days', 'Tage', 'tickets', 'active users', 'offene Tickets', 'story points', 'orders per day', 'h', 'ms', '%', 'EUR', 'EUR k', 'kEUR', '€'])(
    'is true for %s',
    (unit) => {
      expect(isNonNegativeUnit(unit)).toBe(true)
    },
  )

  it.each(['points', 'NPS points', 'pp', '°C', 'NPS', 'km/h', '', null])('is false for %s', (unit) => {
    expect(isNonNegativeUnit(unit)).toBe(false)
  })
})
