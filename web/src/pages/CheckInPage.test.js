import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { PCI, Q4, UNIT_ID, outcomeRoutes } from '../__fixtures__/outcomeModel.js'
import { page } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import CheckInPage from './CheckInPage.vue'

let wrapper
let fake

const DUE = {
  body: {
    items: [
      { keyResultId: 'k-conversion', key: 'checkout-conversion', title: 'Raise checkout conversion from 2.1 % to 3.5 %', ownerName: 'Dana Weber', state: 'due' },
      { keyResultId: 'k-reorder', key: 'one-click-reorder', title: 'Ship one-click reorder', ownerName: 'Dana Weber', state: 'overdue' },
      { keyResultId: 'k-pci', key: 'pci-audit-passed', title: 'Pass the PCI DSS audit', ownerName: 'Jonas Keller', state: 'due' },
    ],
    nextCursor: null,
  },
}

const ACCEPTED = { status: 202, body: { accepted: ['e-1'] } }

async function openCheckIn(extraRoutes = {}, { locale = 'en', query = '' } = {}) {
  ;({ wrapper, fake } = await mountPage(CheckInPage, {
    path: `/units/${UNIT_ID}/check-in?cycle=${Q4}${query}`,
    props: { unitId: UNIT_ID },
    routes: outcomeRoutes({ 'GET /api/v1/check-ins/due': DUE, ...extraRoutes }),
    locale,
  }))
}

function row(key) {
  return wrapper.get(`[data-testid="checkin-${key}"]`)
}

function posts() {
  return fake.requests.filter((request) => request.method === 'POST')
}

async function submit() {
  await wrapper.get('[data-testid="check-in-form"]').trigger('submit')
  await flushPromises()
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('check-in page', () => {
  it('shows each key result with its current value, start and target', async () => {
    await openCheckIn()
    expect(row('checkout-conversion').get('[data-testid="facts"]').text()).toBe('from 2.1 % to 3.5 % · now 2.8 %')
    expect(row('payment-errors-band').get('[data-testid="facts"]').text()).toContain('Healthy band 0.1 % – 0.5 %')
  })

  it('starts the slider at the last confidence', async () => {
    await openCheckIn()
    expect(row('checkout-conversion').get('[data-testid="confidence"]').element.value).toBe('6')
    expect(row('checkout-conversion').get('[data-testid="confidence-output"]').text()).toBe('6/10')
    expect(row('pci-audit-passed').get('[data-testid="confidence-output"]').text()).toBe('not set')
  })

  it('offers no value field for key results whose value comes from elsewhere', async () => {
    await openCheckIn()
    expect(row('one-click-reorder').find('[data-testid="value"]').exists()).toBe(false)
    expect(row('one-click-reorder').text()).toContain('value from the milestones')
  })

  it('posts only the key results that changed', async () => {
    await openCheckIn({ 'POST /api/v1/key-results/k-conversion/check-ins': ACCEPTED, 'POST /api/v1/key-results/k-reorder/check-ins': ACCEPTED })
    await row('checkout-conversion').get('[data-testid="value"]').setValue('3,1')
    await row('checkout-conversion').get('[data-testid="note"]').setValue('New address form live')
    await row('one-click-reorder').get('[data-testid="confidence"]').setValue('2')
    await submit()
    expect(posts().map((request) => [request.path, request.body])).toEqual([
      ['/api/v1/key-results/k-conversion/check-ins', { value: 3.1, note: 'New address form live' }],
      ['/api/v1/key-results/k-reorder/check-ins', { confidence: 2 }],
    ])
  })

  it('ticks milestones in a check-in and sends only the changed ones', async () => {
    await openCheckIn({ 'POST /api/v1/key-results/k-reorder/check-ins': ACCEPTED })
    const milestones = row('one-click-reorder').get('[data-testid="milestones"]')
    expect(milestones.get('[data-testid="milestone-m1"]').element.checked).toBe(true)
    await milestones.get('[data-testid="milestone-m2"]').setValue(true)
    await submit()
    expect(posts().find((request) => request.path === '/api/v1/key-results/k-reorder/check-ins').body).toEqual({
      milestones: [{ id: 'm2', done: true }],
    })
    await submit()
    expect(posts().filter((request) => request.path === '/api/v1/key-results/k-reorder/check-ins')).toHaveLength(1)
  })

  it('names the state of a done-or-not key result in words', async () => {
    await openCheckIn({ 'GET /api/v1/key-results': page([{ ...PCI, current: 1 }]) })
    expect(row('pci-audit-passed').get('[data-testid="facts"]').text()).toContain('Done')
    expect(row('pci-audit-passed').get('[data-testid="facts"]').text()).not.toContain('1')
  })

  it('posts a binary key result as 1 when done', async () => {
    await openCheckIn({ 'POST /api/v1/key-results/k-pci/check-ins': ACCEPTED })
    await row('pci-audit-passed').get('[data-testid="value"]').setValue('1')
    await submit()
    expect(posts()[0].body).toEqual({ value: 1 })
  })

  it('posts the objective comment', async () => {
    await openCheckIn({ 'POST /api/v1/objectives/o-payments/comments': { status: 201, body: { id: 1 } } })
    await wrapper.get('[data-testid="checkin-objective-reliable-payments"] [data-testid="comment"]').setValue('Audit moved to January')
    await submit()
    expect(posts()).toEqual([{ method: 'POST', path: '/api/v1/objectives/o-payments/comments', body: { body: 'Audit moved to January' } }])
  })

  it('shows what was sent', async () => {
    await openCheckIn({ 'POST /api/v1/key-results/k-conversion/check-ins': ACCEPTED })
    await row('checkout-conversion').get('[data-testid="value"]').setValue('3.1')
    await row('checkout-conversion').get('[data-testid="confidence"]').setValue('8')
    await submit()
    expect(wrapper.get('[data-testid="sent"]').text()).toContain(
      'Raise checkout conversion from 2.1 % to 3.5 %: value 3.1 % · confidence 8/10',
    )
    expect(row('checkout-conversion').get('[data-testid="facts"]').text()).toContain('now 3.1 %')
    expect(row('checkout-conversion').get('[data-testid="value"]').element.value).toBe('')
  })

  it('sends nothing and says so when nothing changed', async () => {
    await openCheckIn()
    await submit()
    expect(posts()).toEqual([])
    expect(wrapper.get('[data-testid="nothing-changed"]').exists()).toBe(true)
  })

  it('shows a value that is not a number at its field', async () => {
    await openCheckIn()
    await row('checkout-conversion').get('[data-testid="value"]').setValue('a lot')
    await submit()
    expect(posts()).toEqual([])
    expect(row('checkout-conversion').get('[data-testid="field-error"]').text()).toBe('Enter a number, such as 3.5.')
  })

  it('shows a server validation error at the field it names', async () => {
    await openCheckIn({
      'POST /api/v1/key-results/k-conversion/check-ins': {
        status: 400,
        body: { error: { code: 'validation_failed', message: 'invalid', fields: [{ field: 'note', message: 'is longer than 2000 characters' }] } },
      },
    })
    await row('checkout-conversion').get('[data-testid="value"]').setValue('3')
    await submit()
    const note = row('checkout-conversion').get('[data-testid="note"]')
    expect(note.attributes('aria-describedby')).toBe('checkin-k-conversion-note-error')
    expect(wrapper.get('#checkin-k-conversion-note-error').text()).toBe('is longer than 2000 characters')
    expect(wrapper.get('[data-testid="failed"]').text()).toContain('Raise checkout conversion')
    expect(row('checkout-conversion').get('[data-testid="value"]').element.value).toBe('3')
  })

  it('sends with Ctrl+Enter from a text area', async () => {
    await openCheckIn({ 'POST /api/v1/key-results/k-conversion/check-ins': ACCEPTED })
    await row('checkout-conversion').get('[data-testid="value"]').setValue('3')
    await row('checkout-conversion').get('[data-testid="note"]').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(posts()).toHaveLength(1)
  })

  it('focuses the key result named in the address', async () => {
    await openCheckIn({}, { query: '&keyResult=k-errors' })
    expect(document.activeElement?.id).toBe('checkin-k-errors-value')
  })

  it('lists due and overdue check-ins per person', async () => {
    await openCheckIn()
    const due = wrapper.get('[data-testid="due"]')
    expect(due.findAll('h3').map((heading) => heading.text())).toEqual(['Dana Weber', 'Jonas Keller'])
    expect(due.get('[data-testid="due-one-click-reorder"]').attributes('data-state')).toBe('overdue')
    expect(due.get('[data-testid="due-one-click-reorder"]').text()).toContain('overdue')
    expect(fake.requests.find((request) => request.path.startsWith('/api/v1/check-ins/due')).path).toBe(
      `/api/v1/check-ins/due?unit=${UNIT_ID}`,
    )
  })

  it('speaks German', async () => {
    await openCheckIn({}, { locale: 'de' })
    expect(wrapper.get('[data-testid="check-in-submit"]').text()).toBe('Check-in senden')
    expect(row('checkout-conversion').get('[data-testid="facts"]').text()).toBe('von 2,1 % auf 3,5 % · jetzt 2,8 %')
    expect(wrapper.get('[data-testid="due-one-click-reorder"]').text()).toContain('überfällig')
  })
})
