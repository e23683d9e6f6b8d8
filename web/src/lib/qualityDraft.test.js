import { describe, expect, it } from 'vitest'
import { keyResultFormDraft, keyResultsWith, objectiveDraft, savedKeyResultDraft } from './qualityDraft.js'

describe('quality drafts', () => {
  it('reads typed numbers and leaves out empty fields', () => {
    const draft = keyResultFormDraft({ title: 'Raise NPS', start: '30', target: '4,5', unit: '', measurement: 'increase', ownerId: '' }, 'k1')
    expect(draft).toEqual({ id: 'k1', text: 'Raise NPS', start: 30, target: 4.5, measurement: 'increase' })
  })

  it('puts the edited key result in place of its saved version', () => {
    const saved = [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }]
    expect(keyResultsWith(saved, { id: 'a', text: 'A typed' }).map((k) => k.text)).toEqual(['A typed', 'B'])
  })

  it('appends a new key result', () => {
    const saved = [{ id: 'a', title: 'A' }]
    expect(keyResultsWith(saved, { id: 'new', text: 'N' }).map((k) => k.id)).toEqual(['a', 'new'])
  })

  it('describes a missing objective by an empty title', () => {
    expect(objectiveDraft(null)).toEqual({ title: '' })
    expect(savedKeyResultDraft({ id: 'x', title: 'T', start: null, target: 5 })).toEqual({ id: 'x', text: 'T', target: 5 })
  })
})
