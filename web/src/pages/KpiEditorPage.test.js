import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ORDERS_KPI, REVENUE_DRIVER_TREE, REVENUE_KPI, outcomeRoutes } from '../__fixtures__/outcomeModel.js'
import { page } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import KpiEditorPage from './KpiEditorPage.vue'

let wrapper
let fake
let app

const AOV_KPI = { ...ORDERS_KPI, id: 'kpi-aov', key: 'average-order-value', title: 'Average order value', unit: 'EUR', version: 2 }
const UNITS = [
  { id: 'u-company', key: 'company', name: 'Acme Retail', kind: 'company', parentId: null },
  { id: 'u-checkout', key: 'checkout-squad', name: 'Checkout Squad', kind: 'team', parentId: 'u-company' },
]

function routes(extra = {}) {
  return outcomeRoutes({
    'GET /api/v1/units': page(UNITS),
    'GET /api/v1/kpis': page([REVENUE_KPI, ORDERS_KPI, AOV_KPI]),
    'GET /api/v1/kpis/kpi-revenue': { body: REVENUE_KPI },
    'GET /api/v1/kpis/kpi-revenue/driver-tree': { body: REVENUE_DRIVER_TREE },
    ...extra,
  })
}

async function openEditor(extra = {}, locale = 'en') {
  ;({ wrapper, fake, app } = await mountPage(KpiEditorPage, { path: '/kpis/kpi-revenue/edit', props: { kpiId: 'kpi-revenue' }, routes: routes(extra), locale }))
}

async function openNew(extra = {}) {
  ;({ wrapper, fake, app } = await mountPage(KpiEditorPage, { path: '/kpis/new', props: { kpiId: '' }, routes: routes(extra) }))
}

function requestsTo(method, path) {
  return fake.requests.filter((request) => request.method === method && request.path.split('?')[0] === path)
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('KPI editor: definition', () => {
  it('creates a KPI with every field', async () => {
    const created = { ...ORDERS_KPI, id: 'kpi-nps', key: 'nps', title: 'Net promoter score', version: 1 }
    await openNew({ 'POST /api/v1/kpis': { status: 201, body: created } })
    await wrapper.get('[data-testid="kpi-key"]').setValue('nps')
    await wrapper.get('[data-testid="kpi-title"]').setValue('Net promoter score')
    await wrapper.get('[data-testid="kpi-unit"]').setValue('points')
    await wrapper.get('[data-testid="kpi-direction"]').setValue('increase')
    await wrapper.get('[data-testid="kpi-start"]').setValue('31')
    await wrapper.get('[data-testid="kpi-target"]').setValue('45,5')
    await wrapper.get('[data-testid="kpi-green"]').setValue('40')
    await wrapper.get('[data-testid="kpi-red"]').setValue('30')
    await wrapper.get('[data-testid="kpi-indicator"]').setValue('leading')
    await wrapper.get('[data-testid="kpi-frequency"]').setValue('168')
    await wrapper.get('[data-testid="kpi-owner"]').setValue('p-2')
    await wrapper.get('[data-testid="kpi-org-unit"]').setValue('u-checkout')
    await wrapper.get('[data-testid="kpi-form"]').trigger('submit')
    await flushPromises()
    expect(requestsTo('POST', '/api/v1/kpis')[0].body).toEqual({
      key: 'nps', title: 'Net promoter score', description: null, unit: 'points', direction: 'increase', indicator: 'leading',
      ownerId: 'p-2', unitId: 'u-checkout', start: 31, target: 45.5, green: 40, red: 30, expectedEveryHours: 168,
    })
    expect(app.router.currentRoute.value.fullPath).toBe('/kpis/kpi-nps/edit?created=1')
  })

  it('fills the key from the title until a key is typed', async () => {
    await openNew()
    await wrapper.get('[data-testid="kpi-title"]').setValue('Orders per Week')
    expect(wrapper.get('[data-testid="kpi-key"]').element.value).toBe('orders-per-week')
    await wrapper.get('[data-testid="kpi-key"]').setValue('orders')
    await wrapper.get('[data-testid="kpi-title"]').setValue('Orders per day')
    expect(wrapper.get('[data-testid="kpi-key"]').element.value).toBe('orders')
  })

  it('shows a rejected threshold at its field', async () => {
    const invalid = { status: 400, body: { error: { code: 'validation_failed', message: 'red: needs green', fields: [{ field: 'red', message: 'needs green as well' }] } } }
    await openNew({ 'POST /api/v1/kpis': invalid })
    await wrapper.get('[data-testid="kpi-key"]').setValue('nps')
    await wrapper.get('[data-testid="kpi-title"]').setValue('NPS')
    await wrapper.get('[data-testid="kpi-red"]').setValue('30')
    await wrapper.get('[data-testid="kpi-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-field="red"] [data-testid="field-error"]').text()).toBe('needs green as well')
  })

  it('checks numbers before sending', async () => {
    await openNew()
    await wrapper.get('[data-testid="kpi-target"]').setValue('a lot')
    await wrapper.get('[data-testid="kpi-form"]').trigger('submit')
    await flushPromises()
    expect(requestsTo('POST', '/api/v1/kpis')).toHaveLength(0)
    expect(wrapper.get('[data-field="target"] [data-testid="field-error"]').text()).toBe('Enter a number, such as 12.5.')
  })

  it('sends only changed fields with the version', async () => {
    await openEditor({ 'PATCH /api/v1/kpis/kpi-revenue': { body: { ...REVENUE_KPI, green: 460000, version: 13 } } })
    await wrapper.get('[data-testid="kpi-green"]').setValue('460000')
    await wrapper.get('[data-testid="kpi-form"]').trigger('submit')
    await flushPromises()
    expect(requestsTo('PATCH', '/api/v1/kpis/kpi-revenue')[0].body).toEqual({ green: 460000, version: 12 })
    expect(wrapper.find('[data-testid="kpi-saved"]').exists()).toBe(true)
  })

  it('resolves a stale version by saving over it', async () => {
    let calls = 0
    const patch = () => {
      calls += 1
      return calls === 1
        ? { status: 409, body: { error: { code: 'stale_version', message: 'stale', currentVersion: 14, current: { ...REVENUE_KPI, target: 520000, version: 14 } } } }
        : { body: { ...REVENUE_KPI, target: 520000, green: 460000, version: 15 } }
    }
    await openEditor({ 'PATCH /api/v1/kpis/kpi-revenue': patch })
    await wrapper.get('[data-testid="kpi-green"]').setValue('460000')
    await wrapper.get('[data-testid="kpi-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="kpi-conflict-current"]').text()).toBe('Stored now: Online revenue, target EUR 520,000, green EUR 450,000, red EUR 380,000.')
    await wrapper.get('[data-testid="kpi-conflict-overwrite"]').trigger('click')
    await flushPromises()
    expect(requestsTo('PATCH', '/api/v1/kpis/kpi-revenue')[1].body).toEqual({ green: 460000, version: 14 })
  })

  it('archives after confirmation', async () => {
    await openEditor({ 'DELETE /api/v1/kpis/kpi-revenue': { body: { archived: [{ id: 'kpi-revenue', key: 'online-revenue-kpi', kind: 'kpi' }] } } })
    await wrapper.get('[data-testid="kpi-archive"]').trigger('click')
    expect(requestsTo('DELETE', '/api/v1/kpis/kpi-revenue')).toHaveLength(0)
    await wrapper.get('[data-testid="kpi-archive-confirm-button"]').trigger('click')
    await flushPromises()
    expect(requestsTo('DELETE', '/api/v1/kpis/kpi-revenue')).toHaveLength(1)
    // The list page loads on demand, so the navigation ends a few ticks later.
    await vi.waitFor(() => expect(app.router.currentRoute.value.name).toBe('kpis'))
  })

  it('explains why a followed KPI cannot be archived', async () => {
    const refused = { status: 409, body: { error: { code: 'has_dependents', message: 'KPI online-revenue-kpi is followed by key result online-revenue; change it first' } } }
    await openEditor({ 'DELETE /api/v1/kpis/kpi-revenue': refused })
    await wrapper.get('[data-testid="kpi-archive"]').trigger('click')
    await wrapper.get('[data-testid="kpi-archive-confirm-button"]').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('is followed by key result online-revenue')
    expect(app.router.currentRoute.value.name).toBe('kpi-edit')
  })
})

describe('KPI editor: targets', () => {
  it('replaces the dated targets', async () => {
    const stored = { id: 'kpi-revenue', version: 13, targets: [{ due: '2026-12-31', value: 500000 }, { due: '2027-03-31', value: 530000 }, { due: '2027-06-30', value: 560000 }] }
    await openEditor({ 'PUT /api/v1/kpis/kpi-revenue/targets': { body: stored } })
    await wrapper.get('[data-testid="target-add"]').trigger('click')
    await wrapper.get('[data-testid="target-row-2"] [data-testid="target-due"]').setValue('2027-03-31')
    await wrapper.get('[data-testid="target-row-2"] [data-testid="target-value"]').setValue('530000')
    await wrapper.get('[data-testid="targets-save"]').trigger('click')
    await flushPromises()
    expect(requestsTo('PUT', '/api/v1/kpis/kpi-revenue/targets')[0].body).toEqual({
      targets: [{ due: '2026-12-31', value: 500000 }, { due: '2027-06-30', value: 560000 }, { due: '2027-03-31', value: 530000 }],
    })
    expect(wrapper.get('[data-testid="target-row-1"] [data-testid="target-due"]').element.value).toBe('2027-03-31')
  })

  it('shows a rejected target at its row', async () => {
    const invalid = { status: 400, body: { error: { code: 'validation_failed', message: 'targets[1].due: taken', fields: [{ field: 'targets[1].due', message: 'is the due date of another target' }] } } }
    await openEditor({ 'PUT /api/v1/kpis/kpi-revenue/targets': invalid })
    await wrapper.get('[data-testid="targets-save"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="target-row-1"] [data-testid="field-error"]').text()).toBe('is the due date of another target')
  })

  it('warns when the server sent no target list', async () => {
    const { targets, ...withoutTargets } = REVENUE_KPI
    expect(targets).toHaveLength(2)
    await openEditor({ 'GET /api/v1/kpis/kpi-revenue': { body: withoutTargets } })
    expect(wrapper.find('[data-testid="targets-unknown"]').exists()).toBe(true)
  })

  it('sends the new version after saving targets', async () => {
    await openEditor({
      'PUT /api/v1/kpis/kpi-revenue/targets': { body: { id: 'kpi-revenue', version: 13, targets: REVENUE_KPI.targets } },
      'PATCH /api/v1/kpis/kpi-revenue': { body: { ...REVENUE_KPI, title: 'Web revenue', version: 14 } },
    })
    await wrapper.get('[data-testid="targets-save"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid="kpi-title"]').setValue('Web revenue')
    await wrapper.get('[data-testid="kpi-form"]').trigger('submit')
    await flushPromises()
    expect(requestsTo('PATCH', '/api/v1/kpis/kpi-revenue')[0].body).toEqual({ title: 'Web revenue', version: 13 })
  })
})

describe('KPI editor: drivers', () => {
  it('loads the drivers and formula from the driver tree', async () => {
    await openEditor()
    expect(wrapper.get('[data-testid="driver-row-0"] [data-testid="driver-kpi"]').element.value).toBe('kpi-orders')
    expect(wrapper.get('[data-testid="driver-row-0"] [data-testid="driver-variable"]').element.value).toBe('orders')
    expect(wrapper.get('[data-testid="driver-formula"]').element.value).toBe('orders * aov')
  })

  it('asks for driver weights only without a formula', async () => {
    await openEditor()
    expect(wrapper.find('[data-testid="driver-weight"]').exists()).toBe(false)
    await wrapper.get('[data-testid="driver-formula"]').setValue('')
    expect(wrapper.findAll('[data-testid="driver-weight"]')).toHaveLength(2)
  })

  it('replaces drivers and formula', async () => {
    const stored = { id: 'kpi-revenue', key: 'online-revenue-kpi', version: 13, formula: 'orders * aov * 1.19', drivers: [{ driverId: 'kpi-aov', driverKey: 'average-order-value', variable: 'aov', weight: 1 }, { driverId: 'kpi-orders', driverKey: 'orders-per-week', variable: 'orders', weight: 1 }] }
    await openEditor({ 'PUT /api/v1/kpis/kpi-revenue/drivers': { body: stored } })
    await wrapper.get('[data-testid="driver-formula"]').setValue('orders * aov * 1.19')
    await wrapper.get('[data-testid="drivers-save"]').trigger('click')
    await flushPromises()
    expect(requestsTo('PUT', '/api/v1/kpis/kpi-revenue/drivers')[0].body).toEqual({
      drivers: [{ driverId: 'kpi-orders', variable: 'orders', weight: 1 }, { driverId: 'kpi-aov', variable: 'aov', weight: 1 }],
      formula: 'orders * aov * 1.19',
    })
    expect(wrapper.find('[data-testid="drivers-saved"]').exists()).toBe(true)
  })

  it('marks the formula error at its position', async () => {
    const message = "unknown function 'sqrt' at 10; use min, max, abs or round"
    const invalid = { status: 400, body: { error: { code: 'validation_failed', message: `formula: ${message}`, fields: [{ field: 'formula', message }] } } }
    await openEditor({ 'PUT /api/v1/kpis/kpi-revenue/drivers': invalid })
    await wrapper.get('[data-testid="driver-formula"]').setValue('orders * sqrt(aov)')
    await wrapper.get('[data-testid="drivers-save"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-field="formula"] [data-testid="field-error"]').text()).toBe(message)
    expect(wrapper.get('[data-testid="formula-mark"] mark').text()).toBe('s')
    expect(wrapper.get('[data-testid="driver-formula"]').element.selectionStart).toBe(9)
  })

  it('shows the loop on 409', async () => {
    const loop = { status: 409, body: { error: { code: 'alignment_loop', message: 'loop', fields: [{ field: 'drivers', message: 'would create a loop' }], loop: ['online-revenue-kpi', 'orders-per-week', 'online-revenue-kpi'] } } }
    await openEditor({ 'PUT /api/v1/kpis/kpi-revenue/drivers': loop })
    await wrapper.get('[data-testid="drivers-save"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="driver-loop"]').text()).toContain('online-revenue-kpi → orders-per-week → online-revenue-kpi')
  })

  it('suggests a variable for a new driver', async () => {
    await openEditor()
    await wrapper.get('[data-testid="driver-remove"]').trigger('click')
    await wrapper.get('[data-testid="driver-add"]').trigger('click')
    expect(wrapper.get('[data-testid="driver-row-1"] [data-testid="driver-kpi"]').element.value).toBe('kpi-orders')
    expect(wrapper.get('[data-testid="driver-row-1"] [data-testid="driver-variable"]').element.value).toBe('orders_per_week')
  })

  it('shows German texts', async () => {
    await openEditor({}, 'de')
    expect(wrapper.get('[data-testid="kpi-drivers-editor"] h2').text()).toBe('Treiber')
    expect(wrapper.get('[data-testid="kpi-targets-editor"] h2').text()).toBe('Zieltermine')
  })
})
