import { describe, expect, it } from 'vitest'
import { toKeyResult } from './keyResults.js'

describe('toKeyResult', () => {
  it('keeps the example numbers mark', () => {
    expect(toKeyResult({ id: 'k1', key: 'churn', exampleNumbers: true, version: 1 }).exampleNumbers).toBe(true)
  })

  it('reads a missing mark as false', () => {
    expect(toKeyResult({ id: 'k1', key: 'churn', version: 1 }).exampleNumbers).toBe(false)
  })
})
