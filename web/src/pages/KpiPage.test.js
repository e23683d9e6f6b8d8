import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  ORDERS_KPI,
  REVENUE_DRIVER_TREE,
  REVENUE_FOLLOWER,
  REVENUE_HISTORY,
  REVENUE_KPI,
  outcomeRoutes,
} from '../__fixtures__/outcomeModel.js'
import { page } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import KpiListPage from './KpiListPage.vue'
import KpiPage from './KpiPage.vue'

let wrapper
let fake

const KPI_ROUTES = {
  'GET /api/v1/kpis/kpi-revenue': { body: REVENUE_KPI },
  'GET /api/v1/kpis/kpi-revenue/history': { body: REVENUE_HISTORY },
  'GET /api/v1/kpis/kpi-revenue/driver-tree': { body: REVENUE_DRIVER_TREE },
  'GET /api/v1/key-results': page([REVENUE_FOLLOWER]),
}

async function openKpi(extraRoutes = {}, locale = 'en') {
  ;({ wrapper, fake } = await mountPage(KpiPage, {
    path: '/kpis/kpi-revenue',
    props: { kpiId: 'kpi-revenue' },
    routes: outcomeRoutes({ ...KPI_ROUTES, ...extraRoutes }),
    locale,
  }))
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('KPI page', () => {
  it('shows the current value against the corridor', async () => {
    await openKpi()
    expect(wrapper.get('[data-testid="kpi-value"]').text()).toBe('EUR 420,000')
    expect(wrapper.get('[data-testid="kpi-value-panel"] [data-testid="status"]').text()).toBe('Between green and red')
    expect(wrapper.get('[data-testid="corridor"]').text()).toBe('green from EUR 450,000 · red at EUR 380,000 or below')
    expect(wrapper.get('[data-testid="corridor-marker"]').element.style.left).toBe('54.8%')
  })

  it('shows leading or lagging and the expected frequency', async () => {
    await openKpi()
    expect(wrapper.get('[data-testid="indicator"]').text()).toBe('Lagging indicator')
    expect(wrapper.get('[data-testid="frequency"]').text()).toContain('A new value is expected every 7 days')
  })

  it('lists the dated targets and names the one in force', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-04T12:00:00Z'), toFake: ['Date'] })
    await openKpi()
    expect(wrapper.findAll('[data-testid="targets"] tbody tr')).toHaveLength(2)
    expect(wrapper.get('[data-testid="target-in-force"]').text()).toBe('Target EUR 500,000 by Dec 31, 2026')
  })

  it('records a new value of a measured KPI', async () => {
    await openKpi({
      'GET /api/v1/kpis/kpi-revenue': { body: { ...REVENUE_KPI, formula: null } },
      'POST /api/v1/kpis/kpi-revenue/measurements': { status: 202, body: { accepted: ['e-1'] } },
    })
    await wrapper.get('[data-testid="kpi-value-input"]').setValue('431000')
    await wrapper.get('[data-testid="kpi-value-form"]').trigger('submit')
    await flushPromises()
    expect(fake.requests.find((request) => request.method === 'POST').body).toEqual({ value: 431000 })
    expect(wrapper.get('[data-testid="kpi-value-sent"]').text()).toBe('Value sent; it shows here in a moment.')
  })

  it('names the KPIs this one drives', async () => {
    await openKpi({
      'GET /api/v1/kpis/kpi-revenue': { body: { ...REVENUE_KPI, drives: [{ id: 'kpi-margin', key: 'margin', title: 'Gross margin' }] } },
    })
    expect(wrapper.get('[data-testid="kpi-drives"]').text()).toBe('This KPI drives: Gross margin')
  })

  it('records a value for a past day at noon UTC', async () => {
    await openKpi({
      'GET /api/v1/kpis/kpi-revenue': { body: { ...REVENUE_KPI, formula: null } },
      'POST /api/v1/kpis/kpi-revenue/measurements': { status: 202, body: { accepted: ['e-1'] } },
    })
    await wrapper.get('[data-testid="kpi-value-input"]').setValue('420000')
    await wrapper.get('[data-testid="kpi-value-day"]').setValue('2026-11-23')
    await wrapper.get('[data-testid="kpi-value-form"]').trigger('submit')
    await flushPromises()
    expect(fake.requests.find((request) => request.method === 'POST').body).toEqual({ value: 420000, time: '2026-11-23T12:00:00Z' })
  })

  it('rejects a value that is not a number', async () => {
    await openKpi({ 'GET /api/v1/kpis/kpi-revenue': { body: { ...REVENUE_KPI, formula: null } } })
    await wrapper.get('[data-testid="kpi-value-input"]').setValue('lots')
    await wrapper.get('[data-testid="kpi-value-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="kpi-value-form"] [data-testid="field-error"]').text()).toBe('Enter a number, such as 3.5.')
    expect(fake.requests.some((request) => request.method === 'POST')).toBe(false)
  })

  it('takes no value for a KPI computed by its formula', async () => {
    await openKpi()
    expect(wrapper.find('[data-testid="kpi-value-form"]').exists()).toBe(false)
  })

  it('names a plain target without a date', async () => {
    await openKpi({ 'GET /api/v1/kpis/kpi-revenue': { body: { ...REVENUE_KPI, targets: [] } } })
    expect(wrapper.get('[data-testid="target-in-force"]').text()).toBe('Target EUR 500,000')
  })

  it('draws a sparkline of the history', async () => {
    await openKpi()
    const chart = wrapper.get('[data-testid="chart"]')
    expect(chart.attributes('aria-label')).toBe('4 values from EUR 395,000 to EUR 420,000')
    expect(chart.find('svg').exists()).toBe(true)
  })

  it('says so when the KPI has no history', async () => {
    await openKpi({ 'GET /api/v1/kpis/kpi-revenue/history': { body: { points: [] } } })
    expect(wrapper.find('[data-testid="no-history"]').exists()).toBe(true)
  })

  it('shows the driver tree with values and sensitivity', async () => {
    await openKpi()
    const orders = wrapper.get('[data-testid="driver-orders-per-week"]')
    expect(orders.get('[data-testid="driver-value"]').text()).toBe('6,400 orders')
    expect(orders.get('[data-testid="sensitivity"]').text()).toContain('+1 % in Orders per week moves Online revenue by +1 %')
    expect(orders.get('[data-testid="sensitivity"]').text()).toContain('(+EUR 4,200)')
    expect(wrapper.get('[data-testid="formula"]').text()).toBe('Formula: orders * aov')
  })

  it('marks an estimated sensitivity', async () => {
    await openKpi()
    const sessions = wrapper.get('[data-testid="driver-sessions-per-week"]')
    expect(sessions.get('[data-testid="sensitivity"]').text()).toContain('+1 % in Sessions per week moves Orders per week by +0.8 %')
    expect(sessions.find('[data-testid="estimated"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="driver-average-order-value"]').find('[data-testid="estimated"]').exists()).toBe(false)
  })

  it('lists the key results that follow the KPI', async () => {
    await openKpi()
    expect(fake.requests.some((request) => request.path.startsWith('/api/v1/key-results?kpi=kpi-revenue'))).toBe(true)
    const follower = wrapper.get('[data-testid="following-online-revenue-500k"]')
    expect(follower.text()).toContain('Reach 500,000 EUR weekly online revenue')
    expect(follower.get('a').attributes('href')).toBe('/key-results/k-revenue-follow')
  })

  it('keeps the page when the driver tree fails', async () => {
    await openKpi({ 'GET /api/v1/kpis/kpi-revenue/driver-tree': { status: 500, body: { error: { code: 'internal_error', message: 'report request id 7' } } } })
    expect(wrapper.get('[data-testid="driver-tree"] [data-testid="error"]').text()).toContain('report request id 7')
    expect(wrapper.get('[data-testid="kpi-value"]').text()).toBe('EUR 420,000')
  })

  it('speaks German', async () => {
    await openKpi({}, 'de')
    expect(wrapper.get('[data-testid="kpi-value"]').text()).toBe('420.000 EUR')
    expect(wrapper.get('[data-testid="driver-sessions-per-week"] [data-testid="sensitivity"]').text()).toContain(
      '+1 % bei Sessions per week bewegt Orders per week um +0,8 %',
    )
    expect(wrapper.get('[data-testid="indicator"]').text()).toBe('Spätindikator')
  })
})

describe('KPI list page', () => {
  it('lists KPIs with the worst corridor state first', async () => {
    ;({ wrapper } = await mountPage(KpiListPage, { path: '/kpis', routes: outcomeRoutes() }))
    const rows = wrapper.findAll('[data-testid^="kpi-row-"]')
    expect(rows.map((row) => row.attributes('data-testid'))).toEqual([`kpi-row-${REVENUE_KPI.key}`, `kpi-row-${ORDERS_KPI.key}`])
    expect(rows[1].text()).toContain('In the green corridor')
    expect(rows[0].get('a').attributes('href')).toBe('/kpis/kpi-revenue')
  })

  it('filters by title', async () => {
    ;({ wrapper } = await mountPage(KpiListPage, { path: '/kpis', routes: outcomeRoutes() }))
    await wrapper.get('[data-testid="kpi-filter"]').setValue('orders')
    expect(wrapper.findAll('[data-testid^="kpi-row-"]')).toHaveLength(1)
  })
})

describe('KPI links', () => {
  it('offers links with the KPI at the output stage', async () => {
    ;({ wrapper, fake } = await mountPage(KpiPage, {
      path: '/kpis/kpi-revenue',
      props: { kpiId: 'kpi-revenue' },
      routes: outcomeRoutes({ ...KPI_ROUTES, 'GET /api/v1/impact-links': page([]), 'GET /api/v1/contributions': page([]) }),
    }))
    const linkRequest = fake.requests.find((request) => request.path.startsWith('/api/v1/impact-links'))
    expect(new URL(linkRequest.path, 'http://127.0.0.1').searchParams.get('node')).toBe('kpi-revenue')
    expect(wrapper.get('[data-testid="impact-node-stage"]').element.value).toBe('output')
    expect(wrapper.get('[data-testid="edit-kpi"]').attributes('href')).toBe('/kpis/kpi-revenue/edit')
  })
})

describe('KPI list creation link', () => {
  it('links to the KPI editor', async () => {
    ;({ wrapper, fake } = await mountPage(KpiListPage, { path: '/kpis', routes: outcomeRoutes() }))
    expect(wrapper.get('[data-testid="new-kpi"]').attributes('href')).toBe('/kpis/new')
  })
})
