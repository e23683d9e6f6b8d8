// valueText and estimateText write units as the unitsOfMeasure module places them, per locale.
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import { useFormat } from './useFormat.js'

let wrapper
let format

const Probe = defineComponent({
  setup() {
    format = useFormat()
    return () => h('span')
  },
})

function formatIn(locale) {
  wrapper = mountWithApp(Probe, createTestApp({ locale }), {})
  return format
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

describe('valueText', () => {
  it.each([
    ['en', 1, 'days', '1 day'],
    ['en', 3, 'days', '3 days'],
    ['de', 1, 'Tage', '1 Tag'],
    ['de', 3, 'Tage', '3 Tage'],
    ['en', 34.1, 'EUR', 'EUR 34.10'],
    ['en', 34.1, '€', '€34.10'],
    ['de', 34.1, 'EUR', '34,10 EUR'],
    ['de', 34.1, '€', '34,10 €'],
    ['en', 38, 'EUR', 'EUR 38'],
    ['en', 3000, 'EUR', 'EUR 3,000'],
    ['en', 1273.9, 'tickets', '1,273.9 tickets'],
    ['de', 1273.9, 'Tickets', '1.273,9 Tickets'],
    ['en', 1.6, 'EUR M', 'EUR 1.6M'],
    ['de', 2.4, 'EUR M', '2,4 Mio. EUR'],
    ['en', 180, 'EUR k', 'EUR 180k'],
    ['en', 2.5, '%', '2.5 %'],
    ['en', 2.5, null, '2.5'],
  ])('in %s writes %s %s as "%s"', (locale, value, unit, expected) => {
    expect(formatIn(locale).valueText(value, unit)).toBe(expected)
  })
})

describe('valueText with cents', () => {
  it.each([
    ['en', 92, 'EUR', 'EUR 92.00'],
    ['de', 92, '€', '92,00 €'],
    ['en', 180, 'EUR k', 'EUR 180k'],
    ['en', 3, '%', '3 %'],
  ])('in %s writes %s %s as "%s"', (locale, value, unit, expected) => {
    expect(formatIn(locale).valueText(value, unit, { cents: true })).toBe(expected)
  })

  it('gives a whole estimate cents', () => {
    expect(formatIn('en').estimateText(91.0004, 'EUR', 3, { cents: true })).toBe('EUR 91.00')
  })
})

describe('estimateText', () => {
  it('shows a rounded amount with cents', () => {
    expect(formatIn('en').estimateText(35.2012, 'EUR', 1)).toBe('EUR 35.20')
  })

  it('shows a whole rounded amount without cents', () => {
    expect(formatIn('de').estimateText(35.0012, '€', 2)).toBe('35 €')
  })

  it('agrees a word unit with the rounded number', () => {
    expect(formatIn('en').estimateText(1.0004, 'weeks', 2)).toBe('1 week')
  })

  it.each([
    ['en', 4.7976, '%', 2, '4.8 %'],
    ['de', 4.7976, '%', 2, '4,8 %'],
    ['de', 3.14, '%', 3, '3,14 %'],
    ['de', 3.1400, '%', 3, '3,14 %'],
    ['de', 3.1, '%', 3, '3,1 %'],
    ['de', 3.14159, '%', 3, '3,142 %'],
    ['en', 2.5, 'releases', 2, '2.5 releases'],
    ['en', 119.8142, 's', 1, '119.8 s'],
    ['en', 3.0004, 'weeks', 3, '3 weeks'],
  ])('in %s writes %s %s with at most %s decimals as "%s"', (locale, value, unit, decimals, expected) => {
    expect(formatIn(locale).estimateText(value, unit, decimals)).toBe(expected)
  })
})

describe('kpiValueText', () => {
  it.each([
    ['en', { current: 6.38321, unit: 'EUR M', green: 5.8, red: 4.5, formula: 'revenue * margin' }, 'EUR 6.38M'],
    ['de', { current: 6.38321, unit: 'EUR M', green: 5.8, red: 4.5, formula: 'revenue * margin' }, '6,38 Mio. EUR'],
    ['en', { current: 6.38321, unit: 'EUR M', green: 5.8, red: 4.5, source: 'formula' }, 'EUR 6.38M'],
    ['de', { current: 6.36741, unit: 'EUR M', green: 5.8, red: 4.5, formula: null, currentSource: 'formula' }, '6,37 Mio. EUR'],
    ['en', { current: 432123.456, unit: 'EUR', green: 450000, red: 380000, formula: 'orders * aov' }, 'EUR 432,123.46'],
    ['en', { current: 99.917, unit: '%', green: 99.9, red: 99.5, formula: null, source: 'demo-publisher' }, '99.917 %'],
    ['en', { current: null, unit: '%', green: 1, red: 2, formula: 'a' }, '–'],
  ])('%s %o reads %s', (locale, kpi, expected) => {
    expect(formatIn(locale).kpiValueText(kpi)).toBe(expected)
  })
})
