import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER, page } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import BriefsPage from './BriefsPage.vue'

let wrapper
let fake

const Q4 = { id: 'c-q4', key: '2026-q4', name: 'Q4 2026', kind: 'quarter', parentId: null, start: '2026-10-01', end: '2026-12-31', closed: false, version: 1 }
const UNIT = { id: 'u-checkout', key: 'checkout', name: 'Checkout', kind: 'team', parentId: null }
const SUMMARY = {
  id: 'b-1', kind: 'weekly', unitId: 'u-checkout', unitName: 'Checkout', cycleId: 'c-q4', cycleName: 'Q4 2026',
  language: 'en', asOf: '2026-12-05T08:00:00Z', periodStart: '2026-11-28T08:00:00Z', title: 'Weekly team brief: Checkout, Q4 2026',
  trigger: 'request', scheduleId: null, createdBy: 'urn:momentum:user:p-1', createdAt: '2026-12-05T08:00:00Z',
}
const BRIEF = {
  ...SUMMARY,
  basis: 'live',
  sections: [{
    key: 'summary',
    title: 'Summary',
    sentences: [{
      text: 'Checkout stands at 79.4 %.',
      parts: [{ text: 'Checkout', link: 0 }, { text: ' stands at ' }, { text: '79.4 %', number: 0 }, { text: '.' }],
      links: [{ type: 'unit', id: 'u-checkout', kind: 'team', label: 'Checkout', path: '/units/u-checkout' }],
      numbers: [{ measure: 'score', value: '0.7940', text: '79.4 %' }],
    }],
  }],
  evidence: {},
}

function routes(extra = {}) {
  return {
    'GET /api/v1/auth/me': { body: { user: DEMO_USER } },
    'GET /api/v1/cycles': page([Q4]),
    'GET /api/v1/units/u-checkout': { body: UNIT },
    'GET /api/v1/assist/briefs': { body: { items: [SUMMARY], next: null } },
    'GET /api/v1/assist/briefs/b-1': { body: BRIEF },
    'GET /api/v1/assist/brief-schedules': { body: { items: [] } },
    ...extra,
  }
}

async function openBriefs(path = '/units/u-checkout/briefs', extra = {}) {
  ;({ wrapper, fake } = await mountPage(BriefsPage, { path, props: { unitId: 'u-checkout' }, routes: routes(extra) }))
  await flushPromises()
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('briefs page', () => {
  it.each([
    ['en', 'Q3 2026 (closed)'],
    ['de', 'Q3 2026 (abgeschlossen)'],
  ])('marks closed cycle in cycle list in %s', async (locale, expected) => {
    const q3 = { ...Q4, id: 'c-q3', key: '2026-q3', name: 'Q3 2026', start: '2026-07-01', end: '2026-09-30', closed: true }
    ;({ wrapper, fake } = await mountPage(BriefsPage, {
      path: '/units/u-checkout/briefs', locale, props: { unitId: 'u-checkout' }, routes: routes({ 'GET /api/v1/cycles': page([Q4, q3]) }),
    }))
    await flushPromises()

    const options = wrapper.findAll('[data-testid="brief-cycle"] option').map((option) => option.text())
    expect(options).toContain(expected)
    expect(options).toContain('Q4 2026')
  })

  it('generates brief of unit and cycle', async () => {
    await openBriefs('/units/u-checkout/briefs', { 'POST /api/v1/assist/briefs': { status: 201, body: BRIEF } })

    await wrapper.get('[data-testid="brief-kind"]').setValue('weekly')
    await wrapper.get('[data-testid="brief-generate"]').trigger('submit')
    await flushPromises()

    const posted = fake.requests.find((request) => request.method === 'POST')
    expect(posted.body).toEqual({ kind: 'weekly', unitId: 'u-checkout', cycleId: 'c-q4', language: 'en' })
    expect(wrapper.get('[data-testid="brief-title"]').text()).toBe(BRIEF.title)
    expect(wrapper.get('[data-testid="brief-period"]').text()).toMatch(/^As of .+, period: the last week, since .+ · /)
  })

  it('lists briefs by the moment they describe, latest first', async () => {
    const older = { ...SUMMARY, id: 'b-old', asOf: '2026-12-01T12:00:00Z' }
    const newer = { ...SUMMARY, id: 'b-new', asOf: '2026-12-05T17:00:00Z' }
    await openBriefs('/units/u-checkout/briefs', {
      'GET /api/v1/assist/briefs': { body: { items: [newer, older, SUMMARY], next: null } },
    })
    const order = wrapper.findAll('[data-testid^="brief-item-"]').map((item) => item.attributes('data-testid'))
    expect(order).toEqual(['brief-item-b-new', 'brief-item-b-1', 'brief-item-b-old'])
  })

  it('opens brief named in address', async () => {
    await openBriefs('/units/u-checkout/briefs?brief=b-1')

    expect(wrapper.get('[data-testid="brief-link"]').attributes('href')).toBe('/units/u-checkout')
    expect(wrapper.get('[data-testid="brief-pdf"]').attributes('href')).toBe('/api/v1/assist/briefs/b-1?format=pdf')
  })

  it('shows failed generation as error', async () => {
    await openBriefs('/units/u-checkout/briefs', {
      'POST /api/v1/assist/briefs': { status: 503, body: { error: { code: 'live_state_loading', message: 'The live state is being built; retry in a few seconds' } } },
    })

    await wrapper.get('[data-testid="brief-generate"]').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[data-testid="error"]').text()).not.toBe('')
    expect(wrapper.find('[data-testid="brief"]').exists()).toBe(false)
  })
})
