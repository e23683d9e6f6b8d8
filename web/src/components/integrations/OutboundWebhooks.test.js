import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER, page } from '../../testing/fakeFetch.js'
import { mountPage } from '../../testing/mountPage.js'
import IntegrationsPage from '../../pages/IntegrationsPage.vue'

let wrapper
let fake

const ADMIN = { ...DEMO_USER, scopes: ['read', 'write', 'admin'] }
const WRITER = { ...DEMO_USER, scopes: ['read', 'write'] }
const BASE = '/api/v1/webhooks'
const OPS = {
  id: 'w-ops',
  name: 'Ops bot',
  url: 'https://hooks.example.com/momentum',
  eventTypes: ['momentum.keyresult.status_changed', 'momentum.cycle.closed'],
  active: true,
  createdAt: '2026-12-01T08:00:00Z',
  updatedAt: '2026-12-01T08:00:00Z',
  version: 2,
}
const FAILED = {
  id: 'd-failed', subscriptionId: 'w-ops', eventId: 'e-1', eventType: 'momentum.cycle.closed', test: false, state: 'failed',
  attemptCount: 7, maxAttempts: 7, nextAttemptAt: null, lastStatus: 502, lastError: null,
  createdAt: '2026-12-01T09:00:00Z', updatedAt: '2026-12-01T17:40:00Z', deliveredAt: null,
}
const TEST_DELIVERY = {
  id: 'd-test', subscriptionId: 'w-ops', eventId: 'e-2', eventType: 'momentum.webhook.test', test: true, state: 'delivered',
  attemptCount: 1, maxAttempts: 1, nextAttemptAt: null, lastStatus: 204, lastError: null,
  createdAt: '2026-12-02T09:00:00Z', updatedAt: '2026-12-02T09:00:00Z', deliveredAt: '2026-12-02T09:00:00Z',
}

function routes(user, extra = {}) {
  return {
    'GET /api/v1/auth/me': { body: { user } },
    'GET /api/v1/cycles': page([]),
    'GET /api/v1/integrations/connections': page([]),
    'GET /api/v1/initiatives': page([]),
    [`GET ${BASE}`]: page([OPS]),
    [`GET ${BASE}/w-ops/deliveries`]: page([FAILED]),
    ...extra,
  }
}

async function openPage({ user = ADMIN, extra = {}, locale = 'en' } = {}) {
  ;({ wrapper, fake } = await mountPage(IntegrationsPage, { path: '/integrations', routes: routes(user, extra), locale }))
}

function requestsTo(method, path) {
  return fake.requests.filter((request) => request.method === method && request.path.split('?')[0] === path)
}

async function click(selector) {
  await wrapper.get(selector).trigger('click')
  await flushPromises()
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('outbound webhooks section', () => {
  it('lists a webhook with its events', async () => {
    await openPage()

    const card = wrapper.get('[data-testid="webhook-w-ops"]')
    expect(card.get('[data-testid="webhook-url-text"]').text()).toBe('https://hooks.example.com/momentum')
    expect(card.text()).toContain('Key-result status changed, Cycle closed')
    expect(card.get('[data-testid="webhook-active-text"]').text()).toBe('active')
  })

  it('is hidden from people who are not administrators', async () => {
    await openPage({ user: WRITER })

    expect(wrapper.find('[data-testid="outbound-webhooks"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="webhooks-admin-only"]').exists()).toBe(true)
    expect(requestsTo('GET', BASE)).toHaveLength(0)
  })

  it('creates a webhook and shows its secret once', async () => {
    const created = { ...OPS, id: 'w-new', name: 'CRM', url: 'https://crm.example.com/in', eventTypes: ['momentum.checkin.recorded'], version: 1, secret: 'whsec_0123' }
    await openPage({ extra: { [`POST ${BASE}`]: { status: 201, body: created } } })

    await click('[data-testid="new-webhook"]')
    await wrapper.get('[data-testid="webhook-name"]').setValue('CRM')
    await wrapper.get('[data-testid="webhook-url"]').setValue('https://crm.example.com/in')
    for (const key of ['keyresult_status_changed', 'signal_raised', 'signal_updated', 'cycle_created', 'cycle_updated', 'cycle_closed']) {
      await wrapper.get(`[data-testid="webhook-type-${key}"]`).setValue(false)
    }
    await wrapper.get('[data-testid="webhook-form"]').trigger('submit')
    await flushPromises()

    expect(requestsTo('POST', BASE)[0].body).toEqual({
      name: 'CRM', url: 'https://crm.example.com/in', eventTypes: ['momentum.checkin.recorded'], active: true,
    })
    expect(wrapper.get('[data-testid="webhook-secret-value"]').element.value).toBe('whsec_0123')
    await click('[data-testid="webhook-secret-close"]')
    expect(wrapper.find('[data-testid="webhook-secret"]').exists()).toBe(false)
  })

  it('needs at least one event', async () => {
    await openPage()

    await click('[data-testid="new-webhook"]')
    for (const input of wrapper.findAll('[data-testid^="webhook-type-"]')) {
      await input.setValue(false)
    }

    expect(wrapper.get('[data-testid="webhook-types-error"]').text()).toBe('Choose at least one event.')
    expect(wrapper.get('[data-testid="webhook-save"]').attributes('disabled')).toBeDefined()
  })

  it('words a private address rejection', async () => {
    const rejection = {
      status: 400,
      body: { error: { code: 'validation_failed', message: 'url: points at 10.0.0.5', fields: [{ field: 'url', code: 'url_private', message: 'points at 10.0.0.5', params: { address: '10.0.0.5' } }] } },
    }
    await openPage({ extra: { [`POST ${BASE}`]: rejection }, locale: 'de' })

    await click('[data-testid="new-webhook"]')
    await wrapper.get('[data-testid="webhook-name"]').setValue('Intern')
    await wrapper.get('[data-testid="webhook-url"]').setValue('http://10.0.0.5/hook')
    await wrapper.get('[data-testid="webhook-form"]').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[data-field="url"] [data-testid="field-error"]').text()).toContain('zeigt auf 10.0.0.5')
  })

  it('sends a test and shows the result and the log', async () => {
    const result = { delivered: true, statusCode: 204, durationMs: 38, error: null, delivery: TEST_DELIVERY }
    await openPage({ extra: { [`POST ${BASE}/w-ops/test`]: { body: result }, [`GET ${BASE}/w-ops/deliveries`]: page([TEST_DELIVERY, FAILED]) } })

    await click('[data-testid="webhook-test"]')

    expect(wrapper.get('[data-testid="webhook-test-result"]').text()).toBe('Test delivered: HTTP 204 in 38 ms.')
    const row = wrapper.get('[data-testid="delivery-d-test"]')
    expect(row.get('[data-testid="delivery-state"]').text()).toBe('delivered')
    expect(row.get('[data-testid="delivery-last"]').text()).toBe('HTTP 204')
  })

  it('shows a failed test with the error', async () => {
    const result = { delivered: false, statusCode: null, durationMs: 10001, error: 'The request timed out after 10000 ms', delivery: TEST_DELIVERY }
    await openPage({ extra: { [`POST ${BASE}/w-ops/test`]: { body: result } } })

    await click('[data-testid="webhook-test"]')

    expect(wrapper.get('[data-testid="webhook-test-result"]').text()).toBe('Test not delivered after 10001 ms: The request timed out after 10000 ms')
  })

  it('redelivers a failed delivery', async () => {
    await openPage({ extra: { [`POST ${BASE}/w-ops/deliveries/d-failed/redeliver`]: { status: 202, body: { ...FAILED, state: 'pending' } } } })

    await click('[data-testid="webhook-log"]')
    const row = wrapper.get('[data-testid="delivery-d-failed"]')
    expect(row.get('[data-testid="delivery-attempts"]').text()).toBe('7 of 7')
    await row.get('[data-testid="delivery-redeliver"]').trigger('click')
    await flushPromises()

    expect(requestsTo('POST', `${BASE}/w-ops/deliveries/d-failed/redeliver`)).toHaveLength(1)
  })

  it('filters the log by state', async () => {
    await openPage()

    await click('[data-testid="webhook-log"]')
    await wrapper.get('[data-testid="delivery-state-filter"]').setValue('failed')
    await flushPromises()

    const last = requestsTo('GET', `${BASE}/w-ops/deliveries`).at(-1)
    expect(new URL(last.path, 'http://127.0.0.1').searchParams.get('state')).toBe('failed')
  })

  it('shows the attempts of a delivery', async () => {
    const detail = {
      ...FAILED,
      attempts: [
        { attempt: 1, startedAt: '2026-12-01T09:00:00Z', durationMs: 120, statusCode: 502, error: null, responseBody: 'bad gateway' },
        { attempt: 2, startedAt: '2026-12-01T09:00:10Z', durationMs: 10000, statusCode: null, error: 'The request timed out after 10000 ms', responseBody: null },
      ],
    }
    await openPage({ extra: { [`GET ${BASE}/w-ops/deliveries/d-failed`]: { body: detail } } })

    await click('[data-testid="webhook-log"]')
    await click('[data-testid="delivery-details"]')

    const items = wrapper.get('[data-testid="delivery-attempt-list"]').findAll('li')
    expect(items).toHaveLength(2)
    expect(items[0].text()).toContain('HTTP 502')
    expect(items[0].text()).toContain('bad gateway')
    expect(items[1].text()).toContain('timed out')
    // Attempts ten seconds apart read differently, so the times carry seconds.
    const times = items.map((item) => item.text().match(/\d{1,2}:\d{2}:\d{2}/)?.[0])
    expect(times[0]).toBeTruthy()
    expect(times[1]).toBeTruthy()
    expect(times[0]).not.toBe(times[1])
  })

  it('deletes a webhook after confirmation', async () => {
    await openPage({ extra: { [`DELETE ${BASE}/w-ops`]: { status: 204 } } })

    await click('[data-testid="webhook-delete"]')
    expect(wrapper.get('[data-testid="webhook-delete-confirm"]').text()).toContain('Ops')
    await click('[data-testid="webhook-delete-confirm-button"]')

    expect(requestsTo('DELETE', `${BASE}/w-ops`)).toHaveLength(1)
    expect(wrapper.find('[data-testid="webhook-delete-confirm"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Webhook Ops bot deleted.')
  })

  it('labels the section in German', async () => {
    await openPage({ locale: 'de' })

    expect(wrapper.get('#outbound-title').text()).toBe('Ausgehende Webhooks')
    expect(wrapper.get('[data-testid="webhook-test"]').text()).toBe('Test senden')
  })
})
