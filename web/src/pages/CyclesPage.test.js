import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USER, page } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import CyclesPage from './CyclesPage.vue'

let wrapper
let fake

const STRATEGY = { id: 'c-strategy', key: 'strategy-2025-2027', name: 'Strategy 2025–2027', kind: 'strategy', parentId: null, start: '2025-01-01', end: '2027-12-31', closed: false, version: 1 }
const YEAR = { id: 'c-2026', key: '2026', name: '2026', kind: 'annual', parentId: 'c-strategy', start: '2026-01-01', end: '2026-12-31', closed: false, version: 2 }
const Q3 = { id: 'c-q3', key: '2026-q3', name: 'Q3 2026', kind: 'quarter', parentId: 'c-2026', start: '2026-07-01', end: '2026-09-30', closed: true, closedAt: '2026-10-02T09:00:00Z', version: 5 }
const Q4 = { id: 'c-q4', key: '2026-q4', name: 'Q4 2026', kind: 'quarter', parentId: 'c-2026', start: '2026-10-01', end: '2026-12-31', closed: false, version: 3 }
const Q1 = { id: 'c-q1', key: '2027-q1', name: 'Q1 2027', kind: 'quarter', parentId: 'c-2027', start: '2027-01-01', end: '2027-03-31', closed: false, version: 1 }
const ADMIN = { ...DEMO_USER, scopes: ['read', 'write', 'admin'] }
const MEMBER = { ...DEMO_USER, scopes: ['read', 'write'] }

const CLOSE_PREVIEW = {
  cycle: Q4,
  objectives: 2,
  candidates: [
    { id: 'o-delight', key: 'checkout-delight', title: 'Make checkout effortless', progress: 0.64, status: 'at_risk', keyResults: 3 },
    { id: 'o-payments', key: 'reliable-payments', title: 'Payments that never fail', progress: 0.2, status: 'off_track', keyResults: 1 },
  ],
  suggestedTargets: [Q1],
}

const CLOSE_RESULT = {
  cycle: { ...Q4, closed: true, closedAt: '2027-01-02T08:00:00Z', version: 4 },
  results: [
    { nodeId: 'o-delight', key: 'checkout-delight', kind: 'objective', progress: 0.64, raw: 0.64, status: 'at_risk', current: null },
    { nodeId: 'k-conversion', key: 'checkout-conversion', kind: 'key_result', progress: 0.5, raw: 0.5, status: 'on_track', current: 2.8 },
  ],
  copies: [{ id: 'o-copy', key: 'checkout-delight-2027-q1', carriedFrom: 'o-delight', cycleId: 'c-q1', keyResults: [{ id: 'k-copy', key: 'checkout-conversion-2027-q1', carriedFrom: 'k-conversion', firstValue: 2.8 }] }],
}

function routes(extra = {}, user = ADMIN) {
  return {
    'GET /api/v1/auth/me': { body: { user } },
    'GET /api/v1/cycles': page([STRATEGY, YEAR, Q3, Q4, Q1]),
    ...extra,
  }
}

async function openCycles(extra = {}, { user = ADMIN, locale = 'en' } = {}) {
  ;({ wrapper, fake } = await mountPage(CyclesPage, { path: '/cycles', routes: routes(extra, user), locale }))
}

function requestsTo(method, path) {
  return fake.requests.filter((request) => request.method === method && request.path.split('?')[0] === path)
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('cycles page', () => {
  it('shows strategy, year and quarters as a tree', async () => {
    await openCycles()
    const strategy = wrapper.get('[data-testid="cycle-strategy-2025-2027"]')
    const year = strategy.get('[data-testid="cycle-2026"]')
    expect(year.find('[data-testid="cycle-2026-q3"]').exists()).toBe(true)
    expect(year.find('[data-testid="cycle-2026-q4"]').exists()).toBe(true)
  })

  it('shows dates and state of each cycle', async () => {
    await openCycles()
    const q3 = wrapper.get('[data-testid="cycle-2026-q3"]')
    expect(q3.get('[data-testid="cycle-dates"]').text()).toBe('Jul 1, 2026 – Sep 30, 2026')
    expect(q3.get('[data-testid="cycle-state"]').text()).toContain('Closed')
    expect(wrapper.get('[data-testid="cycle-2026-q4"] [data-testid="cycle-state"]').text()).toBe('Open')
  })

  it('creates a quarter inside its year', async () => {
    const created = { ...Q4, id: 'c-new', key: '2026-q5', name: 'Extra quarter' }
    await openCycles({ 'POST /api/v1/cycles': { status: 201, body: created } })
    await wrapper.get('[data-testid="cycle-2026"] [data-testid="cycle-add-child"]').trigger('click')
    await wrapper.get('[data-testid="cycle-key"]').setValue('2026-extra')
    await wrapper.get('[data-testid="cycle-name"]').setValue('Extra quarter')
    await wrapper.get('[data-testid="cycle-start"]').setValue('2026-11-01')
    await wrapper.get('[data-testid="cycle-end"]').setValue('2026-12-31')
    await wrapper.get('[data-testid="cycle-create-form"]').trigger('submit')
    await flushPromises()
    expect(requestsTo('POST', '/api/v1/cycles')[0].body).toEqual({
      key: '2026-extra', name: 'Extra quarter', kind: 'quarter', parentId: 'c-2026', start: '2026-11-01', end: '2026-12-31',
    })
    expect(wrapper.get('[data-testid="cycles-notice"]').text()).toBe('Extra quarter was created.')
    expect(requestsTo('GET', '/api/v1/cycles').length).toBe(2)
  })

  it('shows a rejected date at its field', async () => {
    const invalid = { status: 400, body: { error: { code: 'validation_failed', message: 'end: must lie inside the parent', fields: [{ field: 'end', message: 'must lie inside the parent cycle (until 2026-12-31)' }] } } }
    await openCycles({ 'POST /api/v1/cycles': invalid })
    await wrapper.get('[data-testid="new-cycle"]').trigger('click')
    await wrapper.get('[data-testid="cycle-kind"]').setValue('annual')
    await wrapper.get('[data-testid="cycle-create-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-field="end"] [data-testid="field-error"]').text()).toBe('must lie inside the parent cycle (until 2026-12-31)')
    expect(requestsTo('POST', '/api/v1/cycles')[0].body.parentId).toBe('c-strategy')
  })

  it('generates a fiscal year in a strategy cycle', async () => {
    const annual = { ...YEAR, id: 'c-fy', key: 'fy2027', name: 'FY 2027' }
    const quarters = [1, 2, 3, 4].map((n) => ({ ...Q4, id: `c-fy-q${n}`, key: `fy2027-q${n}`, parentId: 'c-fy' }))
    await openCycles({ 'POST /api/v1/cycles/fiscal-year': { status: 201, body: { annual, quarters } } })
    await wrapper.get('[data-testid="cycle-strategy-2025-2027"] [data-testid="cycle-fiscal-year"]').trigger('click')
    await wrapper.get('[data-testid="fy-year"]').setValue('2027')
    await wrapper.get('[data-testid="fiscal-year-form"]').trigger('submit')
    await flushPromises()
    expect(requestsTo('POST', '/api/v1/cycles/fiscal-year')[0].body).toEqual({ strategyCycleId: 'c-strategy', year: 2027 })
    expect(wrapper.get('[data-testid="cycles-notice"]').text()).toBe('FY 2027 was created with 4 quarters.')
  })

  it('shows a taken fiscal-year key', async () => {
    const taken = { status: 409, body: { error: { code: 'conflict', message: 'Cycle key fy2027 is taken; choose another keyPrefix' } } }
    await openCycles({ 'POST /api/v1/cycles/fiscal-year': taken })
    await wrapper.get('[data-testid="new-fiscal-year"]').trigger('click')
    await wrapper.get('[data-testid="fiscal-year-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="fiscal-year-form"] [data-testid="error"]').text()).toContain('fy2027 is taken')
  })

  it('renames a cycle with the version read', async () => {
    await openCycles({ 'PATCH /api/v1/cycles/c-q4': { body: { ...Q4, name: 'Q4 2026 (holiday)', version: 4 } } })
    await wrapper.get('[data-testid="cycle-2026-q4"] [data-testid="cycle-edit"]').trigger('click')
    await wrapper.get('[data-testid="cycle-edit-name"]').setValue('Q4 2026 (holiday)')
    await wrapper.get('[data-testid="cycle-edit-form"]').trigger('submit')
    await flushPromises()
    expect(requestsTo('PATCH', '/api/v1/cycles/c-q4')[0].body).toEqual({ name: 'Q4 2026 (holiday)', version: 3 })
    expect(wrapper.find('[data-testid="cycle-edit-form"]').exists()).toBe(false)
  })

  it('offers the stored values on a stale version', async () => {
    const current = { ...Q4, end: '2027-01-15', version: 6 }
    let calls = 0
    const patch = () => {
      calls += 1
      return calls === 1
        ? { status: 409, body: { error: { code: 'stale_version', message: 'stale', currentVersion: 6, current } } }
        : { body: { ...current, start: '2026-10-05', version: 7 } }
    }
    await openCycles({ 'PATCH /api/v1/cycles/c-q4': patch })
    await wrapper.get('[data-testid="cycle-2026-q4"] [data-testid="cycle-edit"]').trigger('click')
    await wrapper.get('[data-testid="cycle-edit-start"]').setValue('2026-10-05')
    await wrapper.get('[data-testid="cycle-edit-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="cycle-conflict-current"]').text()).toBe('Stored now: Q4 2026, 2026-10-01 to 2027-01-15.')
    await wrapper.get('[data-testid="cycle-conflict-overwrite"]').trigger('click')
    await flushPromises()
    expect(requestsTo('PATCH', '/api/v1/cycles/c-q4')[1].body).toEqual({ start: '2026-10-05', version: 6 })
  })

  it('closes a cycle carrying chosen objectives over', async () => {
    await openCycles({
      'GET /api/v1/cycles/c-q4/close-preview': { body: CLOSE_PREVIEW },
      'POST /api/v1/cycles/c-q4/close': { body: CLOSE_RESULT },
    })
    await wrapper.get('[data-testid="cycle-2026-q4"] [data-testid="cycle-close"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="candidate-checkout-delight"]').text()).toContain('64.0 % done, key results: 3 · At risk')
    await wrapper.get('[data-testid="candidate-reliable-payments"] input').setValue(false)
    expect(wrapper.get('[data-testid="close-target"]').element.value).toBe('c-q1')
    await wrapper.get('[data-testid="close-confirm"]').trigger('click')
    await flushPromises()
    expect(requestsTo('POST', '/api/v1/cycles/c-q4/close')[0].body).toEqual({ carryOver: ['o-delight'], targetCycleId: 'c-q1' })
  })

  it('selects none or all of the offered objectives, and dates the target cycles', async () => {
    await openCycles({ 'GET /api/v1/cycles/c-q4/close-preview': { body: CLOSE_PREVIEW } })
    await wrapper.get('[data-testid="cycle-2026-q4"] [data-testid="cycle-close"]').trigger('click')
    await flushPromises()
    const boxes = () => wrapper.findAll('[data-testid^="candidate-"] input').map((input) => input.element.checked)
    expect(wrapper.get('[data-testid="close-target"]').text()).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    await wrapper.get('[data-testid="choose-none"]').trigger('click')
    expect(boxes().every((checked) => !checked)).toBe(true)
    await wrapper.get('[data-testid="choose-all"]').trigger('click')
    expect(boxes()).toHaveLength(2)
    expect(boxes().every((checked) => checked)).toBe(true)
  })

  it('shows the frozen results and the copies after closing', async () => {
    await openCycles({
      'GET /api/v1/cycles/c-q4/close-preview': { body: CLOSE_PREVIEW },
      'POST /api/v1/cycles/c-q4/close': { body: CLOSE_RESULT },
    })
    await wrapper.get('[data-testid="cycle-2026-q4"] [data-testid="cycle-close"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid="close-confirm"]').trigger('click')
    await flushPromises()
    const conversion = wrapper.get('[data-testid="result-checkout-conversion"]')
    expect(conversion.text()).toContain('50.0 %')
    expect(conversion.text()).toContain('2.8')
    expect(conversion.text()).toContain('On track')
    expect(wrapper.get('[data-testid="copies"]').text()).toBe('checkout-delight-2027-q1 carried over from checkout-delight with key results: 1')
  })

  it('closes without carry-over when nothing is chosen', async () => {
    await openCycles({
      'GET /api/v1/cycles/c-q4/close-preview': { body: { ...CLOSE_PREVIEW, candidates: [] } },
      'POST /api/v1/cycles/c-q4/close': { body: { ...CLOSE_RESULT, copies: [] } },
    })
    await wrapper.get('[data-testid="cycle-2026-q4"] [data-testid="cycle-close"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="no-candidates"]').exists()).toBe(true)
    await wrapper.get('[data-testid="close-confirm"]').trigger('click')
    await flushPromises()
    expect(requestsTo('POST', '/api/v1/cycles/c-q4/close')[0].body).toEqual({})
  })

  it.each([
    ['finished objectives', 3, 'Every objective is finished, so there is nothing to carry over.'],
    ['no objectives', 0, 'This cycle holds no objectives, so there is nothing to carry over.'],
  ])('says why nothing is offered with %s', async (_, objectives, text) => {
    await openCycles({ 'GET /api/v1/cycles/c-q4/close-preview': { body: { ...CLOSE_PREVIEW, objectives, candidates: [] } } })
    await wrapper.get('[data-testid="cycle-2026-q4"] [data-testid="cycle-close"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="no-candidates"]').text()).toBe(text)
  })

  it('counts the objectives to carry over on the close button', async () => {
    await openCycles({ 'GET /api/v1/cycles/c-q4/close-preview': { body: CLOSE_PREVIEW } })
    await wrapper.get('[data-testid="cycle-2026-q4"] [data-testid="cycle-close"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="close-confirm"]').text()).toBe('Close and carry over 2 objectives')
    await wrapper.get('[data-testid="candidate-reliable-payments"] input').setValue(false)
    expect(wrapper.get('[data-testid="close-confirm"]').text()).toBe('Close and carry over 1 objective')
  })

  it('reopens a closed cycle after confirmation', async () => {
    await openCycles({ 'POST /api/v1/cycles/c-q3/reopen': { body: { ...Q3, closed: false, version: 6 } } })
    await wrapper.get('[data-testid="cycle-2026-q3"] [data-testid="cycle-reopen"]').trigger('click')
    expect(requestsTo('POST', '/api/v1/cycles/c-q3/reopen')).toHaveLength(0)
    await wrapper.get('[data-testid="reopen-confirm-button"]').trigger('click')
    await flushPromises()
    expect(requestsTo('POST', '/api/v1/cycles/c-q3/reopen')).toHaveLength(1)
    expect(wrapper.get('[data-testid="cycles-notice"]').text()).toBe('Q3 2026 is open again.')
  })

  it('offers reopening to admins only', async () => {
    await openCycles({}, { user: MEMBER })
    expect(wrapper.find('[data-testid="cycle-2026-q3"] [data-testid="cycle-reopen"]').exists()).toBe(false)
  })

  it('shows German texts', async () => {
    await openCycles({}, { locale: 'de' })
    expect(wrapper.get('h1').text()).toBe('Zyklen')
    expect(wrapper.get('[data-testid="cycle-2026-q3"] [data-testid="cycle-state"]').text()).toContain('Abgeschlossen')
  })
})

describe('cycle export and import', () => {
  it('downloads the chosen cycle as CSV', async () => {
    const createObjectURL = vi.fn(() => 'blob:export')
    vi.stubGlobal('URL', Object.assign(globalThis.URL, { createObjectURL, revokeObjectURL: vi.fn() }))
    await openCycles({ 'GET /api/v1/cycles/c-q4/export': { body: 'type,key\n' } })
    await wrapper.get('[data-testid="export-cycle"]').setValue('c-q4')
    await wrapper.get('[data-testid="export-format"]').setValue('csv')
    await wrapper.get('[data-testid="export-download"]').trigger('click')
    await flushPromises()
    expect(fake.requests.find((request) => request.path.startsWith('/api/v1/cycles/c-q4/export')).path).toBe('/api/v1/cycles/c-q4/export?format=csv')
    expect(createObjectURL).toHaveBeenCalledTimes(1)
  })

  async function chooseFile(text, name = 'q4.json') {
    const input = wrapper.get('[data-testid="import-file"]')
    const file = new File([text], name, { type: 'application/json' })
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
    await wrapper.get('[data-testid="import-upload"]').trigger('click')
    await flushPromises()
    await flushPromises()
  }

  const EXPORT = { format: 'momentum-okrs', formatVersion: 1, cycle: { key: '2027-q1' }, objectives: [{ key: 'faster-refunds', title: 'Faster refunds', unitKey: 'checkout-squad', keyResults: [] }] }

  it('lists every bad row of an import', async () => {
    const rejected = {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: '2 invalid fields',
          fields: [
            { field: 'objectives[0].unitKey', message: 'no unit with key checkout-squad' },
            { field: 'objectives[0].keyResults[1].target', message: 'is required' },
          ],
        },
      },
    }
    await openCycles({ 'POST /api/v1/import': rejected })
    await chooseFile(JSON.stringify(EXPORT))
    expect(requestsTo('POST', '/api/v1/import')[0].body).toEqual(EXPORT)
    expect(wrapper.get('[data-testid="import-error-objectives[0].unitKey"]').text()).toBe('objectives[0].unitKey: no unit with key checkout-squad')
    expect(wrapper.findAll('[data-testid="import-errors"] li')).toHaveLength(2)
    expect(wrapper.get('[data-testid="import-errors"] p').text()).toBe(
      'Nothing was imported: 2 entries of the file are invalid. Correct them in the file and import it again.',
    )
  })

  it('shows what an import created', async () => {
    const result = { cycleId: 'c-q1', imported: { objectives: 1, keyResults: 0 }, objectives: [{ id: 'o-new', key: 'faster-refunds' }], keyResults: [] }
    await openCycles({ 'POST /api/v1/import': { status: 201, body: result } })
    await chooseFile(JSON.stringify(EXPORT))
    expect(wrapper.get('[data-testid="import-result"]').text()).toContain('Imported 1 objectives and 0 key results.')
    expect(wrapper.get('[data-testid="import-result"]').text()).toContain('faster-refunds')
  })

  it('rejects a file that is not JSON before sending', async () => {
    await openCycles()
    await chooseFile('type,key\n', 'q4.csv')
    expect(requestsTo('POST', '/api/v1/import')).toHaveLength(0)
    expect(wrapper.get('[data-testid="exchange"] [data-testid="error"]').text()).toContain('q4.csv is not a JSON file')
  })
})
