import { describe, expect, it } from 'vitest'
import { derivedDecimals, parseDecimal, round4 } from './numbers.js'

describe('parseDecimal', () => {
  it.each([
    ['3.5', 3.5],
    ['3,5', 3.5],
    ['-12', -12],
    ['1,234.5', 1234.5],
    ['1.234,5', 1234.5],
    ['1 234,5', 1234.5],
    ['.5', 0.5],
    ['1e3', 1000],
    [7, 7],
  ])('reads %s as %s', (text, value) => {
    expect(parseDecimal(text)).toBe(value)
  })

  it.each([[''], ['   '], [null], [undefined]])('reads %j as no value', (text) => {
    expect(parseDecimal(text)).toBeNull()
  })

  it.each([['abc'], ['1,2,3'], ['3.5%'], ['--1']])('rejects %s', (text) => {
    expect(parseDecimal(text)).toBeNaN()
  })
})

describe('round4', () => {
  it('rounds to four decimals', () => {
    expect(round4(2.1 + (3 / 7) * 1.4)).toBe(2.7)
    expect(round4(0.64285714)).toBe(0.6429)
  })
})

describe('derivedDecimals', () => {
  it('gives whole values no decimals', () => {
    expect(derivedDecimals(180, 90, 125)).toBe(0)
  })

  it('follows the most precise value', () => {
    expect(derivedDecimals('2.5', '3.5', '2.65')).toBe(2)
    expect(derivedDecimals('1.66', '1.6')).toBe(2)
  })

  it('ignores trailing zeros of wire values', () => {
    expect(derivedDecimals('3.50', '4.00')).toBe(1)
  })

  it('stops at four decimals', () => {
    expect(derivedDecimals(0.12345)).toBe(4)
  })

  it('skips missing values', () => {
    expect(derivedDecimals(null, undefined, '')).toBe(0)
  })
})
