import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useDraftPrefillStore } from './draftPrefill.js'

const PROPOSAL = { id: 'p1', title: 'Win customers', keyResults: [{ id: 'k1', title: 'A' }, { id: 'k2', title: 'B' }] }

describe('draftPrefill', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('offers the proposal to its unit and cycle only', () => {
    const store = useDraftPrefillStore()
    store.offer('u-1', 'c-1', PROPOSAL)
    expect(store.proposalFor('u-1', 'c-1')).toEqual(PROPOSAL)
    expect(store.proposalFor('u-1', 'c-2')).toBeNull()
    expect(store.proposalFor('u-2', 'c-1')).toBeNull()
  })

  it('walks the key results after the objective', () => {
    const store = useDraftPrefillStore()
    store.offer('u-1', 'c-1', PROPOSAL)
    store.objectiveSaved('o-9')
    expect(store.keyResult.title).toBe('A')
    store.advance()
    expect(store.keyResult.title).toBe('B')
    store.advance()
    expect(store.pending).toBeNull()
    expect(store.objectiveId).toBeNull()
  })
})
