import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { fakeFetch, page } from '../../testing/fakeFetch.js'
import { createTestApp, mountWithApp } from '../../testing/mountWithApp.js'
import SourceList from './SourceList.vue'

function source(extra = {}) {
  return {
    id: 'v-1',
    source: 'urn:service:checkout',
    kind: 'service',
    label: 'service:checkout',
    customLabel: null,
    lastSeen: new Date(Date.now() - 7200_000).toISOString(),
    expectedIntervalSeconds: 3600,
    intervalOrigin: 'learned',
    state: 'stale',
    ...extra,
  }
}

let wrapper

async function showSources(routes, { locale = 'en', editable = true } = {}) {
  const fake = fakeFetch(routes)
  vi.stubGlobal('fetch', fake.fetchStub)
  const app = createTestApp({ locale })
  wrapper = mountWithApp(SourceList, app, { props: { editable } })
  await flushPromises()
  return fake
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('source list', () => {
  it('shows a stale source with its interval', async () => {
    await showSources({ 'GET /api/v1/sources': page([source()]) })
    const row = wrapper.get('[data-testid="source-row"]')
    expect(row.attributes('data-state')).toBe('stale')
    expect(row.text()).toContain('1 h')
    expect(row.text()).toContain('learned from its arrivals')
    expect(row.get('[data-testid="source-state"]').text()).toBe('stale')
  })

  it('words the state in German', async () => {
    await showSources({ 'GET /api/v1/sources': page([source()]) }, { locale: 'de' })
    expect(wrapper.get('[data-testid="source-state"]').text()).toBe('veraltet')
  })

  it('saves an interval in hours', async () => {
    const fake = await showSources({
      'GET /api/v1/sources': page([source()]),
      'PATCH /api/v1/sources/v-1': { body: source({ label: 'Checkout', expectedIntervalSeconds: 7200, intervalOrigin: 'set' }) },
    })
    await wrapper.get('[data-testid="source-edit"]').trigger('click')
    await wrapper.get('[data-testid="source-label"]').setValue('Checkout')
    await wrapper.get('[data-testid="source-hours"]').setValue('2')
    await wrapper.get('[data-testid="source-form"]').trigger('submit')
    await flushPromises()
    const patch = fake.requests.find((request) => request.method === 'PATCH')
    expect(patch.body).toEqual({ label: 'Checkout', expectedIntervalSeconds: 7200 })
  })

  it('learns the interval again when hours are empty', async () => {
    const fake = await showSources({
      'GET /api/v1/sources': page([source({ intervalOrigin: 'set' })]),
      'PATCH /api/v1/sources/v-1': { body: source() },
    })
    await wrapper.get('[data-testid="source-edit"]').trigger('click')
    await wrapper.get('[data-testid="source-hours"]').setValue('')
    await wrapper.get('[data-testid="source-form"]').trigger('submit')
    await flushPromises()
    const patch = fake.requests.find((request) => request.method === 'PATCH')
    expect(patch.body).toEqual({ label: null, expectedIntervalSeconds: null })
  })

  it.each([['0.001'], ['abc'], ['9000']])('rejects %s hours at the field without saving', async (hours) => {
    const fake = await showSources({ 'GET /api/v1/sources': page([source()]) })
    await wrapper.get('[data-testid="source-edit"]').trigger('click')
    await wrapper.get('[data-testid="source-hours"]').setValue(hours)
    await wrapper.get('[data-testid="source-form"]').trigger('submit')
    await flushPromises()
    expect(fake.requests.some((request) => request.method === 'PATCH')).toBe(false)
    expect(wrapper.get('[data-testid="source-hours-error"]').text()).toContain('at least 1 minute and at most 8784 hours')
  })

  it('asks no interval of a person', async () => {
    await showSources({ 'GET /api/v1/sources': page([source({ kind: 'person', expectedIntervalSeconds: null, intervalOrigin: null, state: 'no_expectation' })]) })
    await wrapper.get('[data-testid="source-edit"]').trigger('click')
    expect(wrapper.find('[data-testid="source-hours"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="source-row"]').text()).toContain('none (check-in cadence)')
  })

  it('hides editing without the write scope', async () => {
    await showSources({ 'GET /api/v1/sources': page([source()]) }, { editable: false })
    expect(wrapper.find('[data-testid="source-edit"]').exists()).toBe(false)
  })
})
