import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER, page } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import ApiTokensPage from './ApiTokensPage.vue'

let wrapper
let fake

const ADMIN = { ...DEMO_USER, scopes: ['read', 'write', 'admin'] }
const MEMBER = { ...DEMO_USER, scopes: ['read', 'write'] }
const BASE = '/api/v1/tokens'
const PIPELINE = {
  id: 't-pipeline', name: 'Deployment pipeline', prefix: 'mtm_Ab12', scopes: ['read', 'write'],
  createdBy: { id: 'p-1', name: 'Dana Weber' }, createdAt: '2026-11-02T08:00:00Z', lastUsedAt: '2026-11-20T09:30:00Z', revokedAt: null,
}
const DEMO = {
  id: 't-demo', name: 'demo', prefix: 'mtm_dEm0', scopes: ['read', 'write'],
  createdBy: null, createdAt: '2026-11-01T08:00:00Z', lastUsedAt: null, revokedAt: null,
}
const OLD = {
  id: 't-old', name: 'Old report', prefix: 'mtm_0ld1', scopes: ['read'],
  createdBy: { id: 'p-1', name: 'Dana Weber' }, createdAt: '2026-10-01T08:00:00Z', lastUsedAt: null, revokedAt: '2026-10-15T12:00:00Z',
}
const SECRET = 'mtm_S3cr3tT0kenTextThatIsShownOnce0123456789ab'
const UNITS = [
  { id: 'u-company', key: 'company', name: 'Company', kind: 'company', parentId: null },
  { id: 'u-sales', key: 'sales', name: 'Sales', kind: 'business_unit', parentId: 'u-company' },
  { id: 'u-emea', key: 'emea', name: 'EMEA', kind: 'team', parentId: 'u-sales' },
  { id: 'u-tech', key: 'tech', name: 'Tech', kind: 'business_unit', parentId: 'u-company' },
]
const SALES_KPIS = {
  id: 't-sales', name: 'Sales KPI feed', prefix: 'mtm_S4le', scopes: ['read', 'write'],
  units: [{ id: 'u-sales', key: 'sales', name: 'Sales' }], kinds: ['kpi', 'key_result'],
  createdBy: { id: 'p-1', name: 'Dana Weber' }, createdAt: '2026-11-03T08:00:00Z', lastUsedAt: null, revokedAt: null,
}

function routes(extra = {}) {
  return {
    'GET /api/v1/auth/me': { body: { user: ADMIN } },
    'GET /api/v1/cycles': { body: { items: [] } },
    [`GET ${BASE}`]: { body: { items: [PIPELINE, DEMO, OLD, SALES_KPIS] } },
    'GET /api/v1/units': page(UNITS),
    ...extra,
  }
}

async function openPage(extra = {}, { locale = 'en' } = {}) {
  ;({ wrapper, fake } = await mountPage(ApiTokensPage, { path: '/settings/api-tokens', routes: routes(extra), locale }))
}

async function click(selector) {
  await wrapper.get(selector).trigger('click')
  await flushPromises()
}

/** Fills in the create form with `name` (and write access when asked) and submits it. */
async function submitToken(name, { write = false } = {}) {
  await click('[data-testid="new-token"]')
  await wrapper.get('[data-testid="token-name"]').setValue(name)
  if (write) {
    await wrapper.get('[data-testid="token-write"]').setValue(true)
  }
  await wrapper.get('[data-testid="token-form"]').trigger('submit')
  await flushPromises()
}

function requests(method) {
  return fake.requests.filter((request) => request.method === method)
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('API tokens page', () => {
  it('lists tokens with prefix, scopes, creator and last use', async () => {
    await openPage()
    const row = wrapper.get('[data-testid="token-t-pipeline"]')
    expect(row.text()).toContain('Deployment pipeline')
    expect(row.text()).toContain('mtm_Ab12…')
    expect(row.get('[data-testid="token-scopes"]').text()).toBe('Read, Write')
    expect(row.get('[data-testid="token-creator"]').text()).toBe('Dana Weber')
    expect(row.get('[data-testid="token-last-used"]').text()).toMatch(/2026/)
  })

  it('shows unused and node-created tokens', async () => {
    await openPage()
    const row = wrapper.get('[data-testid="token-t-demo"]')
    expect(row.get('[data-testid="token-last-used"]').text()).toBe('Never')
    expect(row.get('[data-testid="token-creator"]').text()).toBe('Momentum')
  })

  it('marks revoked tokens without a revoke button', async () => {
    await openPage()
    const row = wrapper.get('[data-testid="token-t-old"]')
    expect(row.get('[data-testid="token-revoked"]').text()).toMatch(/^Revoked /)
    expect(row.find('[data-testid="token-revoke"]').exists()).toBe(false)
  })

  it('creates a read-only token and shows it once', async () => {
    const created = { ...PIPELINE, id: 't-new', name: 'BI export', scopes: ['read'], lastUsedAt: null, token: SECRET }
    await openPage({ [`POST ${BASE}`]: { status: 201, body: created } })
    await submitToken('BI export')
    expect(requests('POST')[0].body).toEqual({ name: 'BI export', scopes: ['read'] })
    expect(wrapper.get('[data-testid="token-text"]').element.value).toBe(SECRET)
    expect(wrapper.get('[data-testid="token-created"]').text()).toContain('cannot show it again')
    expect(requests('GET').filter((request) => request.path === BASE)).toHaveLength(2)
  })

  it('creates a write token when changes are allowed', async () => {
    await openPage({ [`POST ${BASE}`]: { status: 201, body: { ...PIPELINE, id: 't-new', token: SECRET } } })
    await submitToken('Deployment pipeline 2', { write: true })
    expect(requests('POST')[0].body).toEqual({ name: 'Deployment pipeline 2', scopes: ['read', 'write'] })
  })

  it('hides the token text after dismissal', async () => {
    await openPage({ [`POST ${BASE}`]: { status: 201, body: { ...PIPELINE, id: 't-new', token: SECRET } } })
    await submitToken('Once')
    await click('[data-testid="token-created-done"]')
    expect(wrapper.find('[data-testid="token-created"]').exists()).toBe(false)
    expect(wrapper.html()).not.toContain(SECRET)
  })

  it('copies the new token', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    await openPage({ [`POST ${BASE}`]: { status: 201, body: { ...PIPELINE, id: 't-new', token: SECRET } } })
    await submitToken('Copied')
    await click('[data-testid="token-copy"]')
    expect(writeText).toHaveBeenCalledWith(SECRET)
    expect(wrapper.get('[data-testid="token-copied"]').text()).toBe('Copied')
  })

  it('selects the token when copying is refused', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn().mockRejectedValue(new Error('not allowed')) } })
    await openPage({ [`POST ${BASE}`]: { status: 201, body: { ...PIPELINE, id: 't-new', token: SECRET } } })
    await submitToken('By hand')
    await click('[data-testid="token-copy"]')
    expect(wrapper.get('[data-testid="tokens-notice"]').text()).toMatch(/token is selected/)
    expect(wrapper.find('[data-testid="token-copied"]').exists()).toBe(false)
  })

  it('shows a taken name at its field', async () => {
    const taken = {
      status: 409,
      body: { error: { code: 'conflict', message: 'taken', fields: [{ field: 'name', code: 'token_name_taken', message: 'is the name of an active token' }] } },
    }
    await openPage({ [`POST ${BASE}`]: taken })
    await submitToken('Deployment pipeline')
    expect(wrapper.get('[data-field="name"] [data-testid="field-error"]').text()).toBe(
      'An active token already has this name. Choose another name or revoke that token first.',
    )
    expect(wrapper.find('[data-testid="token-created"]').exists()).toBe(false)
  })

  it('revokes a token after confirmation', async () => {
    await openPage({ [`DELETE ${BASE}/t-pipeline`]: { status: 204 } })
    await click('[data-testid="token-t-pipeline"] [data-testid="token-revoke"]')
    expect(requests('DELETE')).toHaveLength(0)
    expect(wrapper.get('[data-testid="token-revoke-confirm"]').text()).toContain('Revoke the token Deployment pipeline?')
    await click('[data-testid="token-revoke-confirm-button"]')
    expect(requests('DELETE').map((request) => request.path)).toEqual([`${BASE}/t-pipeline`])
    expect(wrapper.get('[data-testid="tokens-notice"]').text()).toBe('The token Deployment pipeline was revoked.')
  })

  it('keeps the token when revoking is cancelled', async () => {
    await openPage()
    await click('[data-testid="token-t-pipeline"] [data-testid="token-revoke"]')
    await click('[data-testid="token-revoke-confirm"] .button.secondary')
    expect(wrapper.find('[data-testid="token-revoke-confirm"]').exists()).toBe(false)
    expect(requests('DELETE')).toHaveLength(0)
  })

  it('tells non-admins that only admins manage tokens', async () => {
    await openPage({ 'GET /api/v1/auth/me': { body: { user: MEMBER } } })
    expect(wrapper.find('[data-testid="tokens-admin-only"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="new-token"]').exists()).toBe(false)
    expect(requests('GET').some((request) => request.path === BASE)).toBe(false)
  })

  it('lists the unit and kind limit of each token', async () => {
    await openPage()
    const limited = wrapper.get('[data-testid="token-t-sales"]')
    const unlimited = wrapper.get('[data-testid="token-t-pipeline"]')
    expect(limited.get('[data-testid="token-units-text"]').text()).toBe('Sales')
    expect(limited.get('[data-testid="token-kinds-text"]').text()).toBe('KPI, Key result')
    expect(unlimited.get('[data-testid="token-units-text"]').text()).toBe('All units')
    expect(unlimited.get('[data-testid="token-kinds-text"]').text()).toBe('All node kinds')
  })

  it('creates a token limited to units and kinds', async () => {
    await openPage({ [`POST ${BASE}`]: { status: 201, body: { ...SALES_KPIS, id: 't-new', token: SECRET } } })
    await click('[data-testid="new-token"]')
    await wrapper.get('[data-testid="token-name"]').setValue('Sales feed')
    await wrapper.get('[data-testid="token-unit-u-sales"]').setValue(true)
    await wrapper.get('[data-testid="token-kind-kpi"]').setValue(true)
    await wrapper.get('[data-testid="token-form"]').trigger('submit')
    await flushPromises()
    expect(requests('POST')[0].body).toEqual({ name: 'Sales feed', scopes: ['read'], units: ['u-sales'], kinds: ['kpi'] })
  })

  it('shows sub-units of a chosen unit as included', async () => {
    await openPage()
    await click('[data-testid="new-token"]')
    await wrapper.get('[data-testid="token-unit-u-sales"]').setValue(true)
    const emea = wrapper.get('[data-testid="token-unit-u-emea"]')
    expect(emea.element.disabled).toBe(true)
    expect(emea.element.closest('label').textContent).toContain('included through Sales')
    expect(wrapper.get('[data-testid="token-unit-u-tech"]').element.disabled).toBe(false)
  })

  it('shows an unknown unit at the units field', async () => {
    const unknown = {
      status: 400,
      body: { error: { code: 'validation_failed', message: 'units[0]: names no unit', fields: [
        { field: 'units[0]', code: 'unknown_unit', message: 'names no unit of your organisation', params: { value: 'u-gone' } },
      ] } },
    }
    await openPage({ [`POST ${BASE}`]: unknown })
    await click('[data-testid="new-token"]')
    await wrapper.get('[data-testid="token-name"]').setValue('Gone')
    await wrapper.get('[data-testid="token-unit-u-tech"]').setValue(true)
    await wrapper.get('[data-testid="token-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-field="units"] [data-testid="field-error"]').text()).toBe(
      'No unit of your organisation has this id. Choose a unit from the list.',
    )
  })

  it('creates tokens without a unit limit when units fail to load', async () => {
    await openPage({ 'GET /api/v1/units': { status: 500, body: { error: { code: 'internal_error', message: 'failed' } } } })
    await click('[data-testid="new-token"]')
    expect(wrapper.get('[data-testid="token-units-failed"]').text()).toMatch(/without a unit limit/)
    expect(wrapper.find('[data-testid="token-units"]').exists()).toBe(false)
  })

  it('speaks German', async () => {
    await openPage({}, { locale: 'de' })
    expect(wrapper.get('h1').text()).toBe('API-Tokens')
    expect(wrapper.get('[data-testid="token-t-demo"] [data-testid="token-last-used"]').text()).toBe('Nie')
    expect(wrapper.get('[data-testid="token-t-pipeline"] [data-testid="token-scopes"]').text()).toBe('Lesen, Schreiben')
    expect(wrapper.get('[data-testid="token-t-pipeline"] [data-testid="token-units-text"]').text()).toBe('Alle Einheiten')
    expect(wrapper.get('[data-testid="token-t-sales"] [data-testid="token-kinds-text"]').text()).toBe('KPI, Schlüsselergebnis')
  })
})
