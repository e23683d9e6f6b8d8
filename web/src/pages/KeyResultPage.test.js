import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  CONVERSION,
  CONVERSION_CHECK_INS,
  CONVERSION_HISTORY,
  DELIGHT,
  UNIT_ID,
  outcomeRoutes,
} from '../__fixtures__/outcomeModel.js'
import EChart from '../components/EChart.vue'
import { page } from '../testing/fakeFetch.js'
import { mountPage } from '../testing/mountPage.js'
import KeyResultPage from './KeyResultPage.vue'

let wrapper

async function openKeyResult(extraRoutes = {}, locale = 'en') {
  ;({ wrapper } = await mountPage(KeyResultPage, {
    path: '/key-results/k-conversion',
    props: { id: 'k-conversion' },
    routes: outcomeRoutes({
      'GET /api/v1/key-results/k-conversion': { body: CONVERSION },
      'GET /api/v1/key-results/k-conversion/history': { body: CONVERSION_HISTORY },
      'GET /api/v1/key-results/k-conversion/check-ins': { body: CONVERSION_CHECK_INS },
      'GET /api/v1/objectives/o-delight': { body: DELIGHT },
      ...extraRoutes,
    }),
    locale,
  }))
}

function chartOption() {
  return wrapper.getComponent(EChart).props('option')
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.unstubAllGlobals()
})

describe('key result page', () => {
  it('shows the key result with start, target and current value', async () => {
    await openKeyResult()
    expect(wrapper.get('h1').text()).toBe(CONVERSION.title)
    expect(wrapper.get('[data-testid="kr-facts"]').text()).toContain('from 2.1 % to 3.5 % · now 2.8 %')
    expect(wrapper.get('[data-testid="kr-objective"]').text()).toBe('Key result of “Make checkout effortless”')
  })

  it('links to the check-in of its unit at this key result', async () => {
    await openKeyResult()
    expect(wrapper.get('[data-testid="kr-check-in"]').attributes('href')).toBe(`/units/${UNIT_ID}/check-in?keyResult=k-conversion`)
  })

  it('links to its decision trail', async () => {
    await openKeyResult()
    expect(wrapper.get('[data-testid="kr-decisions"]').attributes('href')).toBe('/decisions?nodeId=k-conversion')
  })

  it('charts value and confidence on two axes', async () => {
    await openKeyResult()
    const option = chartOption()
    expect(option.yAxis).toHaveLength(2)
    expect(option.series.map((series) => [series.name, series.yAxisIndex, series.data.length])).toEqual([
      ['Value', 0, 4],
      ['Confidence', 1, 4],
    ])
    expect(wrapper.get('[data-testid="chart"]').find('svg').exists()).toBe(true)
  })

  it('draws the target line', async () => {
    await openKeyResult()
    const lines = chartOption().series[0].markLine.data
    expect(lines[0]).toMatchObject({ yAxis: 3.5, name: 'Target' })
  })

  it('marks the cycle boundary of a carried-over history', async () => {
    await openKeyResult()
    const lines = chartOption().series[0].markLine.data
    expect(lines[1]).toMatchObject({ xAxis: '2026-10-01T00:00:00Z', name: 'Q4 2026' })
    expect(wrapper.get('[data-testid="carried-over"]').text()).toContain('Q4 2026')
    expect(wrapper.get('[data-testid="chart"]').attributes('aria-label')).toBe('4 values from 1.9 % to 2.8 % over 2 cycles')
  })

  it('lists the check-ins newest first', async () => {
    await openKeyResult()
    const rows = wrapper.findAll('[data-testid="check-in-entry"]')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('New address form live')
    expect(rows[1].text()).toContain('PSP outage')
  })

  it('says so when there is no history yet', async () => {
    await openKeyResult({ 'GET /api/v1/key-results/k-conversion/history': { body: { points: [] } } })
    expect(wrapper.find('[data-testid="no-history"]').exists()).toBe(true)
    expect(wrapper.findComponent(EChart).exists()).toBe(false)
  })

  it('reports a key result that does not exist', async () => {
    await openKeyResult({ 'GET /api/v1/key-results/k-conversion': { status: 404, body: { error: { code: 'not_found', message: 'Key result k-conversion not found' } } } })
    expect(wrapper.get('[data-testid="error"]').text()).toContain('Key result k-conversion not found')
  })

  it('speaks German', async () => {
    await openKeyResult({}, 'de')
    expect(chartOption().series.map((series) => series.name)).toEqual(['Wert', 'Zuversicht'])
    expect(chartOption().series[0].markLine.data[0].label.formatter).toBe('Zielwert 3,5')
    expect(wrapper.get('[data-testid="kr-facts"]').text()).toContain('von 2,1 % auf 3,5 % · jetzt 2,8 %')
  })
})

describe('key result links', () => {
  it('lists the impact links of the key result', async () => {
    const link = {
      id: 'l-9', fromId: 'k-conversion', fromStage: 'outcome', toId: 'kpi-revenue', toStage: 'impact',
      from: { id: 'k-conversion', key: 'checkout-conversion', kind: 'key_result', title: CONVERSION.title },
      to: { id: 'kpi-revenue', key: 'online-revenue-kpi', kind: 'kpi', title: 'Online revenue' }, note: null, createdAt: '2026-11-01T00:00:00Z',
    }
    await openKeyResult({ 'GET /api/v1/impact-links?node=k-conversion&limit=500': page([link]), 'GET /api/v1/contributions': page([]) })
    expect(wrapper.get('[data-testid="impact-link-l-9"]').text()).toContain('(Outcome) → Online revenue (Impact)')
    expect(wrapper.get('[data-testid="impact-node-stage"]').element.value).toBe('outcome')
  })
})
