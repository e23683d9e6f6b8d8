import { describe, expect, it } from 'vitest'
import { changedFields, keyResultChanges } from './patch.js'

describe('changedFields', () => {
  it('keeps only the changed fields', () => {
    const original = { title: 'Old', description: null, weight: 1, ownerId: 'p-1' }
    expect(changedFields(original, { title: 'New', description: null, weight: 1, ownerId: 'p-1' })).toEqual({ title: 'New' })
  })

  it('reads a missing original value as null', () => {
    expect(changedFields({ title: 'T' }, { title: 'T', parentKeyResultId: null })).toEqual({})
  })

  it('ignores milestone ids', () => {
    const original = { milestones: [{ id: 'm1', title: 'Design', weight: 1, done: true }] }
    expect(changedFields(original, { milestones: [{ title: 'Design', weight: 1, done: true }] })).toEqual({})
  })

  it('sees a milestone marked done', () => {
    const original = { milestones: [{ id: 'm1', title: 'Design', weight: 1, done: false }] }
    const milestones = [{ title: 'Design', weight: 1, done: true }]
    expect(changedFields(original, { milestones })).toEqual({ milestones })
  })
})

describe('keyResultChanges', () => {
  it('sends the whole body when the measurement kind changes', () => {
    const body = { measurement: 'decrease', start: 10, target: 4, title: 'T' }
    expect(keyResultChanges({ measurement: 'increase', start: 10, target: 14, title: 'T' }, body)).toEqual(body)
  })

  it('sends the changed fields within one kind', () => {
    expect(keyResultChanges({ measurement: 'increase', start: 10, target: 14 }, { measurement: 'increase', start: 10, target: 16 })).toEqual({ target: 16 })
  })
})
