import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import unitSnapshot from '../__fixtures__/unit-board-snapshot.json'
import { fakeFetch } from '../testing/fakeFetch.js'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import { useSessionStore } from '../stores/session.js'
import UnitBoardPage from './UnitBoardPage.vue'

const TEAM_ID = 'u0000000-0000-4000-8000-00000000c0de'
const CONVERSION_ID = 'n0000000-0000-4000-8000-000000000011'

function staleSignal(extra = {}) {
  return {
    id: 's0000000-0000-4000-8000-000000000001',
    kind: 'stale_source',
    state: 'open',
    version: 1,
    source: 'urn:service:checkout',
    nodeIds: [CONVERSION_ID],
    unitIds: [TEAM_ID],
    code: 'stale_source',
    params: { label: 'Checkout service', lastSeen: '2026-12-04T08:00:00Z', quietSeconds: 7200, expectedSeconds: 3600, intervalOrigin: 'set', nodeCount: 1 },
    explanation: 'Checkout service has sent no value since 2026-12-04T08:00:00Z.',
    evidence: { source: 'urn:service:checkout', lastSeen: '2026-12-04T08:00:00Z', expectedSeconds: 3600, intervalOrigin: 'set', nodesFed: [{ id: CONVERSION_ID, key: 'checkout-conversion', title: 'Checkout conversion' }] },
    raisedAt: '2026-12-04T10:00:00Z',
    ...extra,
  }
}

let wrapper

async function showBoard({ signals = [], scopes = ['read', 'write'], hash = '' } = {}) {
  const app = createTestApp()
  useSessionStore().user = { id: 'u-1', name: 'Olivia Owner', email: 'olivia@example.test', orgId: 'acme', scopes }
  await app.router.push(`/units/${TEAM_ID}${hash}`)
  wrapper = mountWithApp(UnitBoardPage, app, { props: { unitId: TEAM_ID } })
  app.sockets.latest.acceptConnection()
  app.sockets.latest.deliver({
    ...unitSnapshot,
    signals,
    sources: { 'urn:service:checkout': { label: 'Checkout service', kind: 'service' } },
  })
  await flushPromises()
  return app
}

function conversionRow() {
  return wrapper.get('[data-testid="kr-checkout-conversion"]')
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('unit board signals', () => {
  it('names the source of a value by its label', async () => {
    await showBoard()
    expect(conversionRow().get('[data-testid="updated-source"]').text()).toBe('Checkout service')
  })

  it('reads the age and the source as one sentence', async () => {
    await showBoard()
    expect(conversionRow().get('[data-testid="updated"]').text()).toMatch(/ago from Checkout service$/)
  })

  it('shows no badge without signals', async () => {
    await showBoard()
    expect(conversionRow().find('[data-testid="signal-badge"]').exists()).toBe(false)
  })

  it('highlights the signal a link names', async () => {
    const signal = staleSignal()
    await showBoard({ signals: [signal], hash: `#signal-${signal.id}` })
    const item = wrapper.get(`#signal-${signal.id}`)
    expect(item.classes()).toContain('linked')
    expect(item.get('[data-testid="signal-evidence"]').attributes('open')).toBeDefined()
  })

  it('leaves other signals plain', async () => {
    await showBoard({ signals: [staleSignal()] })
    expect(wrapper.get('[data-testid="signal"]').classes()).not.toContain('linked')
  })

  it('badges a card a signal concerns', async () => {
    await showBoard({ signals: [staleSignal()] })
    expect(conversionRow().get('[data-testid="signal-badge"]').text()).toBe('1 signal')
  })

  it('explains a signal of the snapshot in the panel', async () => {
    await showBoard({ signals: [staleSignal()] })
    const explanation = wrapper.get('[data-testid="signal-explanation"]').text()
    expect(explanation).toContain('Checkout service has sent no value since')
    expect(explanation).toContain('quiet for 2 h, longer than its expected interval of 1 h (set by a person)')
  })

  it('marks a critical signal', async () => {
    await showBoard({ signals: [staleSignal({ severity: 'critical' })] })
    expect(wrapper.get('[data-testid="signal-critical"]').text()).toBe('critical')
  })

  it('shows a signal that arrives live', async () => {
    const app = await showBoard()
    app.sockets.latest.deliver({ type: 'signal', board: `unit:${TEAM_ID}`, signal: staleSignal() })
    await flushPromises()
    expect(wrapper.findAll('[data-testid="signal"]')).toHaveLength(1)
    expect(conversionRow().find('[data-testid="signal-badge"]').exists()).toBe(true)
  })

  it('drops a signal resolved live', async () => {
    const app = await showBoard({ signals: [staleSignal()] })
    app.sockets.latest.deliver({ type: 'signal', board: `unit:${TEAM_ID}`, signal: staleSignal({ state: 'resolved', version: 2 }) })
    await flushPromises()
    expect(wrapper.find('[data-testid="signal"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="no-signals"]').exists()).toBe(true)
  })

  it('needs a reason to resolve', async () => {
    await showBoard({ signals: [staleSignal()] })
    await wrapper.get('[data-testid="signal-resolve"]').trigger('click')
    expect(wrapper.get('[data-testid="signal-submit"]').attributes('disabled')).toBeDefined()
  })

  it('resolves with the reason given', async () => {
    const fake = fakeFetch({ [`POST /api/v1/signals/${staleSignal().id}/resolve`]: { body: staleSignal({ state: 'resolved' }) } })
    vi.stubGlobal('fetch', fake.fetchStub)
    await showBoard({ signals: [staleSignal()] })
    await wrapper.get('[data-testid="signal-resolve"]').trigger('click')
    await wrapper.get('[data-testid="signal-reason"]').setValue('Feed retired')
    await wrapper.get('[data-testid="signal-form"]').trigger('submit')
    await flushPromises()
    expect(fake.requests.at(-1)).toEqual({ method: 'POST', path: `/api/v1/signals/${staleSignal().id}/resolve`, body: { reason: 'Feed retired' } })
    expect(wrapper.find('[data-testid="signal-form"]').exists()).toBe(false)
  })

  it('snoozes until the chosen time', async () => {
    const fake = fakeFetch({ [`POST /api/v1/signals/${staleSignal().id}/snooze`]: { body: staleSignal({ state: 'snoozed' }) } })
    vi.stubGlobal('fetch', fake.fetchStub)
    await showBoard({ signals: [staleSignal()] })
    const before = Date.now()
    await wrapper.get('[data-testid="signal-snooze"]').trigger('click')
    await wrapper.get('[data-testid="signal-snooze-hours"]').setValue(4)
    await wrapper.get('[data-testid="signal-reason"]').setValue('After the deploy')
    await wrapper.get('[data-testid="signal-form"]').trigger('submit')
    await flushPromises()
    const body = fake.requests.at(-1).body
    expect(body.reason).toBe('After the deploy')
    expect(Date.parse(body.until) - before).toBeGreaterThanOrEqual(4 * 3600_000)
    expect(Date.parse(body.until) - before).toBeLessThan(4 * 3600_000 + 60_000)
  })

  it('offers no actions without the write scope', async () => {
    await showBoard({ signals: [staleSignal()], scopes: ['read'] })
    expect(wrapper.find('[data-testid="signal-resolve"]').exists()).toBe(false)
  })

  it('shows the server message when an action fails', async () => {
    const fake = fakeFetch({
      [`POST /api/v1/signals/${staleSignal().id}/acknowledge`]: {
        status: 409,
        body: { error: { code: 'signal_state', message: 'The signal is resolved', state: 'resolved' } },
      },
    })
    vi.stubGlobal('fetch', fake.fetchStub)
    await showBoard({ signals: [staleSignal()] })
    await wrapper.get('[data-testid="signal-acknowledge"]').trigger('click')
    await wrapper.get('[data-testid="signal-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="signal-form"]').text()).toContain('Someone changed this signal in the meantime')
  })
})
