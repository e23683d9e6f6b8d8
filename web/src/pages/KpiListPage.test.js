import { afterEach, describe, expect, it } from 'vitest'
import { ORDERS_KPI, outcomeRoutes } from '../__fixtures__/outcomeModel.js'
import { page } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import KpiListPage from './KpiListPage.vue'

// The list API gives no formula, only where the live value came from.
const GROSS_PROFIT_KPI = {
  ...ORDERS_KPI, id: 'kpi-gross-profit', key: 'gross-profit', title: 'Gross profit per month', unit: 'EUR M',
  green: 5.8, red: 4.5, current: 6.367412, currentSource: 'formula', formula: undefined,
}

let wrapper

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

describe('KpiListPage', () => {
  it.each([
    ['en', 'EUR 6.37M', '6,400 orders'],
    ['de', '6,37 Mio. EUR', '6.400 orders'],
  ])('rounds a value its formula computed and keeps measured ones in %s', async (locale, computed, measured) => {
    ;({ wrapper } = await mountPage(KpiListPage, {
      path: '/kpis', locale, routes: outcomeRoutes({ 'GET /api/v1/kpis': page([GROSS_PROFIT_KPI, ORDERS_KPI]) }),
    }))

    expect(wrapper.get('[data-testid="kpi-row-gross-profit"] td.number').text()).toBe(computed)
    expect(wrapper.get('[data-testid="kpi-row-orders-per-week"] td.number').text()).toBe(measured)
  })
})
