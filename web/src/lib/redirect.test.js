import { describe, expect, it } from 'vitest'
import { safeRedirect } from './redirect.js'

describe('safeRedirect', () => {
  it('keeps a local path with its query', () => {
    expect(safeRedirect('/units/42?view=wall')).toBe('/units/42?view=wall')
  })

  it.each([['//evil.example'], ['/\\evil.example'], ['https://evil.example/'], ['units/42']])(
    'rejects %s',
    (requested) => {
      expect(safeRedirect(requested)).toBe('/')
    },
  )

  it('does not return to the login page', () => {
    expect(safeRedirect('/login?redirect=/x')).toBe('/')
  })

  it('falls back to the portfolio without a value', () => {
    expect(safeRedirect(undefined)).toBe('/')
    expect(safeRedirect(['/a', '/b'])).toBe('/')
  })
})
