import { describe, expect, it } from 'vitest'
import { formToInitiativeFields, initiativeToForm } from './initiativeForm.js'

describe('initiativeToForm', () => {
  it('fills a new form from the defaults', () => {
    const form = initiativeToForm(null, { unitId: 'u-1', cycleId: 'c-1' })
    expect(form.unitId).toBe('u-1')
    expect(form.cycleId).toBe('c-1')
    expect(form.ownerId).toBe('')
  })
})

describe('formToInitiativeFields', () => {
  it('turns blanks into null', () => {
    const fields = formToInitiativeFields({ ...initiativeToForm(), title: ' Faster refunds ', externalKey: '  ' }, { isNew: false })
    expect(fields).toEqual({
      title: 'Faster refunds', description: null, externalSystem: null, externalKey: null,
      unitId: null, cycleId: null, ownerId: null, start: null, due: null,
    })
  })

  it('sends the key only for a new initiative', () => {
    const form = { ...initiativeToForm(), key: 'refunds', title: 'Refunds' }
    expect(formToInitiativeFields(form, { isNew: true }).key).toBe('refunds')
    expect(formToInitiativeFields(form, { isNew: false }).key).toBeUndefined()
  })
})
