import { describe, expect, it } from 'vitest'
import { barWidth, formatPercent, formatTenths, isOverAchieved, percentTenths } from './percent.js'

describe('percentTenths', () => {
  it.each([
    [0.6429, 643],
    [0.6425, 643],
    [0.6424, 642],
    [0.0005, 1],
    [0.0004, 0],
    [0, 0],
    [1, 1000],
    [0.5, 500],
    [0.1, 100],
    [0.3333, 333],
    [0.9995, 1000],
    [1.2345, 1235],
  ])('%s gives %s tenths', (progress, tenths) => {
    expect(percentTenths(progress)).toBe(tenths)
  })

  it('rounds negative raw progress away from zero', () => {
    expect(percentTenths(-0.0005)).toBe(-1)
    expect(percentTenths(-0.1234)).toBe(-123)
  })

  it('returns null for a missing value', () => {
    expect(percentTenths(null)).toBeNull()
    expect(percentTenths(undefined)).toBeNull()
    expect(percentTenths(Number.NaN)).toBeNull()
  })
})

describe('formatTenths', () => {
  it('puts one decimal after the separator', () => {
    expect(formatTenths(643)).toBe('64.3')
    expect(formatTenths(5)).toBe('0.5')
    expect(formatTenths(1000)).toBe('100.0')
  })

  it('uses the given decimal separator', () => {
    expect(formatTenths(643, ',')).toBe('64,3')
  })

  it('keeps the sign of negative values', () => {
    expect(formatTenths(-5)).toBe('-0.5')
  })
})

describe('formatPercent', () => {
  it.each([
    [0.6429, '64.3'],
    [0.0005, '0.1'],
    [0.5, '50.0'],
    [0, '0.0'],
    [1, '100.0'],
    [0.07, '7.0'],
  ])('%s is %s', (progress, text) => {
    expect(formatPercent(progress)).toBe(text)
  })

  it('returns null without progress', () => {
    expect(formatPercent(null)).toBeNull()
  })
})

describe('barWidth', () => {
  it('is the percentage with a dot', () => {
    expect(barWidth(0.6429)).toBe('64.3%')
  })

  it('clamps over-achievement to the full bar', () => {
    expect(barWidth(1.5)).toBe('100.0%')
  })

  it('clamps negative raw progress to an empty bar', () => {
    expect(barWidth(-0.2)).toBe('0.0%')
  })

  it('is empty without progress', () => {
    expect(barWidth(null)).toBe('0.0%')
  })
})

describe('isOverAchieved', () => {
  it('is true above 100.0 %', () => {
    expect(isOverAchieved(1.0006)).toBe(true)
  })

  it('is false at exactly 100 %', () => {
    expect(isOverAchieved(1)).toBe(false)
  })

  it('is false when 1.0004 rounds to 100.0 %', () => {
    expect(isOverAchieved(1.0004)).toBe(false)
  })

  it('is false without raw progress', () => {
    expect(isOverAchieved(null)).toBe(false)
  })
})
