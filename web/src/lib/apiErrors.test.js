import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/http.js'
import { fieldMessages, isAlignmentLoop, isStaleVersion, loopPath, staleConflict } from './apiErrors.js'

describe('fieldMessages', () => {
  it('maps each field to its first message', () => {
    const error = new ApiError(400, 'validation_failed', 'invalid', {
      fields: [
        { field: 'target', message: 'is below start (20)' },
        { field: 'target', message: 'second' },
        { field: 'milestones[0].title', message: 'is missing' },
      ],
    })
    expect(fieldMessages(error)).toEqual({ target: 'is below start (20)', 'milestones[0].title': 'is missing' })
  })

  it('is empty for an error without fields', () => {
    expect(fieldMessages(new ApiError(500, 'internal_error', 'x'))).toEqual({})
  })
})

describe('conflicts', () => {
  it('recognises a stale version', () => {
    expect(isStaleVersion(new ApiError(409, 'stale_version', 'x'))).toBe(true)
    expect(isStaleVersion(new ApiError(409, 'conflict', 'x'))).toBe(false)
  })

  it('recognises an alignment loop', () => {
    expect(isAlignmentLoop(new ApiError(409, 'alignment_loop', 'x'))).toBe(true)
  })

  it('closes an open loop with its first key', () => {
    const error = new ApiError(409, 'alignment_loop', 'x', { details: { loop: ['a', 'b', 'c'] } })
    expect(loopPath(error)).toEqual(['a', 'b', 'c', 'a'])
  })

  it('keeps a loop that is already closed', () => {
    const error = new ApiError(409, 'alignment_loop', 'x', { details: { loop: ['a', 'b', 'a'] } })
    expect(loopPath(error)).toEqual(['a', 'b', 'a'])
  })
})

describe('staleConflict', () => {
  it('returns the stored entity and version', () => {
    const error = { status: 409, code: 'stale_version', details: { currentVersion: 6, current: { name: 'Q4' } } }
    expect(staleConflict(error)).toEqual({ current: { name: 'Q4' }, currentVersion: 6 })
  })

  it('returns null for other errors', () => {
    expect(staleConflict({ status: 409, code: 'alignment_loop', details: {} })).toBeNull()
  })
})
