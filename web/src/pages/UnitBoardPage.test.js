import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import unitSnapshot from '../__fixtures__/unit-board-snapshot.json'
import { createTestApp, mountWithApp } from '../testing/mountWithApp.js'
import { useSessionStore } from '../stores/session.js'
import UnitBoardPage from './UnitBoardPage.vue'

const TEAM_ID = 'u0000000-0000-4000-8000-00000000c0de'
const CONVERSION_ID = 'n0000000-0000-4000-8000-000000000011'

let wrapper

async function showBoard(locale = 'en') {
  const app = createTestApp({ locale })
  // The shell shows the board version on live routes only, which need a signed-in person.
  useSessionStore().user = { id: 'u-1', name: 'Olivia Owner', email: 'olivia@example.test', orgId: 'acme' }
  await app.router.push(`/units/${TEAM_ID}`)
  wrapper = mountWithApp(UnitBoardPage, app, { props: { unitId: TEAM_ID } })
  app.sockets.latest.acceptConnection()
  app.sockets.latest.deliver(unitSnapshot)
  await flushPromises()
  return app
}

function keyResult(key) {
  return wrapper.get(`[data-testid="kr-${key}"]`)
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

describe('unit board page', () => {
  it('says how many objectives are on track beside the unit status', async () => {
    await showBoard()
    const summary = wrapper.get('[data-testid="unit-summary"]')
    expect(summary.get('[data-testid="status"]').text()).toBe('Off track')
    expect(summary.get('[data-testid="unit-on-track-of"]').text()).toBe('1 of 2 objectives on track')
    expect(summary.get('[data-testid="unit-counts"]').text()).toContain('· 1 off track')
  })

  it('writes status counts in lower case in German', async () => {
    await showBoard('de')
    const summary = wrapper.get('[data-testid="unit-summary"]')
    expect(summary.get('[data-testid="status"]').text()).toBe('Nicht im Plan')
    expect(summary.get('[data-testid="unit-counts"]').text()).toContain('· 1 nicht im Plan')
    expect(summary.get('[data-testid="unit-counts"]').text()).not.toContain('Nicht im Plan')
  })

  it('says how many objectives are on track in German', async () => {
    await showBoard('de')
    expect(wrapper.get('[data-testid="unit-on-track-of"]').text()).toBe('1 von 2 Zielen im Plan')
  })

  it('writes the lowest confidence out of 10', async () => {
    await showBoard()
    expect(wrapper.get('[data-testid="unit-confidence"]').text()).toMatch(/^lowest confidence \d+\/10$/)
  })

  it('writes the lowest confidence out of 10 in German', async () => {
    await showBoard('de')
    expect(wrapper.get('[data-testid="unit-confidence"]').text()).toMatch(/^niedrigste Zuversicht \d+\/10$/)
  })

  it('subscribes to the unit board', async () => {
    const app = await showBoard()
    expect(app.sockets.latest.sentMessages[0]).toEqual({ type: 'subscribe', board: `unit:${TEAM_ID}` })
  })

  it('shows a key result with its test hooks', async () => {
    await showBoard()
    const row = keyResult('checkout-conversion')
    expect(row.get('[data-testid="percent"]').text()).toBe('50.0 %')
    expect(row.get('[data-testid="progress-bar"]').element.style.width).toBe('50%')
  })

  it('shows the status as text', async () => {
    await showBoard()
    expect(keyResult('checkout-conversion').get('[data-testid="status"]').text()).toBe('At risk')
  })

  it('shows current and target with the unit', async () => {
    await showBoard()
    expect(keyResult('checkout-conversion').get('[data-testid="values"]').text()).toContain('2.8 % · target 3.5 %')
  })

  it('names the target of a decreasing key result', async () => {
    await showBoard()
    const values = keyResult('checkout-latency').get('[data-testid="values"]').text()
    expect(values).toContain('340 ms · target 400 ms')
    expect(values).not.toContain(' of ')
  })

  it('names the target of a decreasing key result in German', async () => {
    await showBoard('de')
    const values = keyResult('checkout-latency').get('[data-testid="values"]').text()
    expect(values).toContain('340 ms · Ziel 400 ms')
    expect(values).not.toContain(' von ')
  })

  it('shows the zone and the forecast of a metric key result', async () => {
    await showBoard()
    const row = keyResult('checkout-conversion')
    expect(row.get('[data-testid="zone"]').text()).toBe('Zone: Commit')
    expect(row.get('[data-testid="forecast"]').text()).toBe('Forecast 3.1 % (71.4 %)')
  })

  it('keeps numbers of a key result row with their units', async () => {
    await showBoard()
    const row = keyResult('checkout-conversion')
    expect(row.get('[data-testid="forecast"]').findAll('.unit-pair').map((pair) => pair.text())).toEqual(['3.1 %', '71.4 %'])
    expect(row.get('[data-testid="values"]').findAll('.unit-pair').map((pair) => pair.text())).toEqual(['2.8 %', '3.5 %'])
    // The forecast line is a flex container, so its text must stay one item to keep its spacing.
    expect(row.get('[data-testid="forecast"]').element.childNodes).toHaveLength(1)
  })

  it('rounds a forecast of one-decimal values to one', async () => {
    const app = await showBoard()
    const conversion = unitSnapshot.nodes.find((node) => node.key === 'checkout-conversion')
    app.sockets.latest.deliver({
      type: 'delta',
      board: unitSnapshot.board,
      version: unitSnapshot.version + 1,
      nodes: [{ ...conversion, version: conversion.version + 1, forecast: { value: 3.0857, progress: 0.7143, reason: null } }],
    })
    await flushPromises()
    expect(keyResult('checkout-conversion').get('[data-testid="forecast"]').text()).toBe('Forecast 3.1 % (71.4 %)')
  })

  it('writes a forecast without trailing zeros in German', async () => {
    const app = await showBoard('de')
    const conversion = unitSnapshot.nodes.find((node) => node.key === 'checkout-conversion')
    app.sockets.latest.deliver({
      type: 'delta',
      board: unitSnapshot.board,
      version: unitSnapshot.version + 1,
      nodes: [{ ...conversion, version: conversion.version + 1, current: 2.86, forecast: { value: 3.14, progress: 0.7429, reason: null } }],
    })
    await flushPromises()
    expect(keyResult('checkout-conversion').get('[data-testid="forecast"]').text()).toBe('Prognose 3,14 % (74,3 %)')
  })

  it('rounds a forecast of whole values to whole', async () => {
    const app = await showBoard()
    const latency = unitSnapshot.nodes.find((node) => node.key === 'checkout-latency')
    app.sockets.latest.deliver({
      type: 'delta',
      board: unitSnapshot.board,
      version: unitSnapshot.version + 1,
      nodes: [{ ...latency, version: latency.version + 1, forecast: { value: 391.8142, progress: 1, reason: null } }],
    })
    await flushPromises()
    expect(keyResult('checkout-latency').get('[data-testid="forecast"]').text()).toBe('Forecast 392 ms (100.0 %)')
  })

  it('gives the reason when there is no forecast', async () => {
    await showBoard()
    expect(keyResult('checkout-latency').get('[data-testid="forecast"]').text()).toBe(
      'No forecast: Needs 3 values on 2 different days; 2 values so far.',
    )
  })

  it('words the reason for a missing forecast in the reader language', async () => {
    const app = await showBoard('de')
    const latency = unitSnapshot.nodes.find((node) => node.key === 'checkout-latency')
    app.sockets.latest.deliver({
      type: 'delta',
      board: unitSnapshot.board,
      version: unitSnapshot.version + 1,
      nodes: [{ ...latency, version: latency.version + 1, forecast: { value: null, progress: null, reason: 'needs 3 values in the current cycle, has 1', code: 'too_few_values', points: 1 } }],
    })
    await flushPromises()
    expect(keyResult('checkout-latency').get('[data-testid="forecast"]').text()).toBe(
      'Keine Prognose: es braucht 3 Werte in diesem Zyklus und hat 1',
    )
  })

  it('shows over-achievement', async () => {
    await showBoard()
    const row = keyResult('checkout-latency')
    expect(row.get('[data-testid="percent"]').text()).toBe('100.0 %')
    expect(row.get('[data-testid="over-achieved"]').text()).toContain('112.0 % of target reached')
  })

  it('lists milestones and flags a stale key result', async () => {
    await showBoard()
    const row = keyResult('one-click-reorder')
    expect(row.text()).toContain('2 of 4 milestones done')
    expect(row.findAll('[data-testid="milestones"] li')).toHaveLength(4)
    expect(row.get('[data-testid="stale"]').text()).toBe('Stale')
  })

  it('shows work items, the range band and a binary key result', async () => {
    await showBoard()
    expect(keyResult('psp-migration').get('[data-testid="work-items"]').text()).toBe(
      '13 of 21 story points done · 8 items',
    )
    expect(keyResult('payment-errors-band').get('[data-testid="range-band"]').text()).toBe('Healthy band 0.1 % – 0.5 %')
    expect(keyResult('pci-audit-passed').get('[data-testid="binary"]').text()).toContain('Not done yet')
    expect(keyResult('pci-audit-passed').text()).toContain('no value yet')
  })

  it('marks a key result with weight 0 as tracked', async () => {
    await showBoard()
    expect(keyResult('payment-nps').find('[data-testid="tracked"]').exists()).toBe(true)
  })

  it('lists the KPIs with their corridor', async () => {
    await showBoard()
    const kpi = wrapper.get('[data-testid="kpi-checkout-error-rate"]')
    expect(kpi.get('[data-testid="kpi-value"]').text()).toBe('0.8 %')
    expect(kpi.text()).toContain('green up to 0.5 % · red at 1 % or above')
    expect(kpi.get('[data-testid="status"]').text()).toBe('Between green and red')
  })

  it('shows the unit summary and the board version', async () => {
    await showBoard()
    expect(wrapper.get('[data-testid="unit-summary"]').text()).toContain('Checkout Squad')
    expect(document.title).toBe('Checkout Squad · Momentum')
    expect(wrapper.get('[data-testid="board-version"]').attributes('data-version')).toBe('140')
  })

  it('moves a key result when a delta arrives and highlights it', async () => {
    const app = await showBoard()
    const node = { ...unitSnapshot.nodes.find((n) => n.id === CONVERSION_ID), progress: 0.6429, version: 18 }
    app.sockets.latest.deliver({ type: 'delta', board: unitSnapshot.board, from: 140, version: 141, nodes: [node] })
    await flushPromises()
    const row = keyResult('checkout-conversion')
    expect(row.get('[data-testid="percent"]').text()).toBe('64.3 %')
    expect(row.get('[data-testid="progress-bar"]').element.style.width).toBe('64.3%')
    expect(row.classes()).toContain('highlighted')
    expect(wrapper.get('[data-testid="board-version"]').attributes('data-version')).toBe('141')
  })

  it('speaks German after switching the locale', async () => {
    await showBoard('de')
    const row = keyResult('checkout-conversion')
    expect(row.get('[data-testid="percent"]').text()).toBe('50,0 %')
    expect(row.get('[data-testid="percent"]').attributes('data-percent')).toBe('50.0')
    expect(row.get('[data-testid="status"]').text()).toBe('Gefährdet')
  })

  it('shows a board error from the server', async () => {
    const app = createTestApp()
    wrapper = mountWithApp(UnitBoardPage, app, { props: { unitId: 'missing' } })
    app.sockets.latest.acceptConnection()
    app.sockets.latest.deliver({ type: 'error', board: 'unit:missing', code: 'board_not_found', message: 'not found' })
    await flushPromises()
    expect(wrapper.get('[data-testid="error"]').text()).toContain('This board does not exist in your organisation')
  })

  it('links to the OKR editor and the check-in of the unit', async () => {
    await showBoard()
    expect(wrapper.get('[data-testid="edit-okrs"]').attributes('href')).toBe(`/units/${TEAM_ID}/edit`)
    expect(wrapper.get('[data-testid="check-in"]').attributes('href')).toBe(`/units/${TEAM_ID}/check-in`)
  })

  it('links each key result to its page and its check-in', async () => {
    await showBoard()
    const row = keyResult('checkout-conversion')
    expect(row.get('[data-testid="kr-link"]').attributes('href')).toBe(`/key-results/${CONVERSION_ID}`)
    expect(row.get('[data-testid="kr-check-in"]').attributes('href')).toBe(`/units/${TEAM_ID}/check-in?keyResult=${CONVERSION_ID}`)
  })

  it('links a KPI to its page', async () => {
    await showBoard()
    expect(wrapper.get('[data-testid="kpi-checkout-error-rate"] [data-testid="kpi-link"]').attributes('href')).toBe(
      '/kpis/n0000000-0000-4000-8000-0000000000k1',
    )
  })

  it('unsubscribes when the page goes away', async () => {
    const app = await showBoard()
    wrapper.unmount()
    wrapper = null
    expect(app.sockets.latest.sentMessages.at(-1)).toEqual({ type: 'unsubscribe', board: `unit:${TEAM_ID}` })
  })
})
