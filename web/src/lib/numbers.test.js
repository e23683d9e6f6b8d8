import { describe, expect, it } from 'vitest'
import { parseDecimal, round4 } from './numbers.js'

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
