import { describe, expect, it } from 'vitest'
import { SIGNAL_FIELDS, checkSignalField, checkSignalSettings, signalValue } from './signalSettings.js'

const field = (name) => SIGNAL_FIELDS.find((entry) => entry.name === name)

describe('signal thresholds', () => {
  it.each([
    ['signalStallCheckIns', 2, true],
    ['signalStallCheckIns', 20, true],
    ['signalStallCheckIns', 1, false],
    ['signalStallCheckIns', 21, false],
    ['signalStallCheckIns', 2.5, false],
    ['signalStallCheckIns', '', false],
    ['signalConfidenceDrop', 1, true],
    ['signalConfidenceDrop', 10, true],
    ['signalConfidenceDrop', 0, false],
    ['signalConfidenceDrop', 11, false],
    ['signalCheckInGraceDays', 0, true],
    ['signalCheckInGraceDays', 30, true],
    ['signalCheckInGraceDays', -1, false],
    ['signalCheckInGraceDays', 31, false],
    ['signalAnomalyZ', '2', true],
    ['signalAnomalyZ', '10', true],
    ['signalAnomalyZ', '3.25', true],
    ['signalAnomalyZ', '4,75', true],
    ['signalAnomalyZ', 3.3, true],
    ['signalAnomalyZ', '1.99', false],
    ['signalAnomalyZ', '10.01', false],
    ['signalAnomalyZ', '3.125', false],
  ])('%s = %j valid: %s', (name, value, valid) => {
    expect(checkSignalField(field(name), value) === null).toBe(valid)
  })

  it('words whole-number errors with the range', () => {
    expect(checkSignalField(field('signalConfidenceDrop'), 0)).toEqual({ field: 'signalConfidenceDrop', code: 'whole_number_range', params: { min: 1, max: 10 } })
  })

  it('words cut-off errors with range and decimals', () => {
    expect(checkSignalField(field('signalAnomalyZ'), '12')).toEqual({ field: 'signalAnomalyZ', code: 'decimal_range', params: { min: 2, max: 10, decimals: 2 } })
  })

  it('rejects a cut-off that is no number', () => {
    expect(checkSignalField(field('signalAnomalyZ'), 'high').code).toBe('not_number')
    expect(checkSignalField(field('signalAnomalyZ'), '').code).toBe('not_number')
  })

  it('reads a decimal comma', () => {
    expect(signalValue('3,5')).toBe(3.5)
    expect(signalValue(4)).toBe(4)
    expect(signalValue('')).toBeUndefined()
  })

  it('lists every invalid threshold', () => {
    const form = { signalStallCheckIns: 1, signalConfidenceDrop: 3, signalAnomalyZ: '11', signalCheckInGraceDays: 2 }
    expect(checkSignalSettings(form).map((error) => error.field)).toEqual(['signalStallCheckIns', 'signalAnomalyZ'])
  })
})
