// Browser test of the strategy-office screens against a real Momentum server, run by the server's
// StrategyBrowserIT. An admin logs in and works in the web app. The admin sets the fiscal-year start
// and the check-in day, creates a strategy cycle and a fiscal year with its quarters, and builds a
// formula KPI over two KPIs. Next the admin creates an initiative, links it to a key result and
// opens that key result's impact chain. Finally the admin closes a quarter carrying one objective
// over, exports the closed quarter as CSV and JSON, and imports a file with bad rows. A German pass
// then walks the cycles and initiatives pages. Only the initiative's work items arrive another way:
// through the event ingest, as a tracker integration sends them. Numbers on screen are checked
// against the REST API. Writes screenshots and prints one JSON line with the results; exits with 1
// when a step fails.
//
//   node scripts/strategy-e2e.js --url http://127.0.0.1:8080 --email E --password P --token T --org ORG \
//     --unit UNIT_ID --quarter CYCLE_ID --objective OBJECTIVE_ID --key-result KEY_RESULT_ID --out DIR
//
// Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH); playwright-core brings no browser.

import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    org: { type: 'string' },
    unit: { type: 'string' },
    quarter: { type: 'string' },
    objective: { type: 'string' },
    'key-result': { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

const STRATEGY_KEY = 'strategy-e2e'
const FISCAL_YEAR = new Date().getUTCFullYear() + 1
const INITIATIVE_KEY = 'checkout-rebuild'
const IMPORT_KEYS = ['import-good', 'import-heavy', 'import-negative']
const MESSAGES = JSON.parse(await readFile(join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'i18n', 'en.json'), 'utf8'))
// A translation key shown instead of its text looks like `cycleAdmin.closeTitle`.
const LEAKED_KEY = new RegExp(`\\b(${Object.keys(MESSAGES).join('|')})\\.[a-zA-Z]+`, 'g')

async function api(path) {
  const response = await fetch(`${options.url}${path}`, { headers: { Authorization: `Bearer ${options.token}` } })
  if (response.status !== 200) {
    throw new Error(`GET ${path} returned ${response.status}: ${await response.text()}`)
  }
  return response.json()
}

/** Sends a CloudEvent through the REST ingest, as an integration such as the Jira connector does. */
async function sendEvent(type, subject, data) {
  const event = {
    specversion: '1.0', id: crypto.randomUUID(), source: 'urn:strategy-e2e', type, subject,
    time: new Date().toISOString(), orgid: options.org, datacontenttype: 'application/json', data,
  }
  const response = await fetch(`${options.url}/api/v1/events`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(event),
  })
  if (response.status >= 300) {
    throw new Error(`POST /api/v1/events returned ${response.status}: ${await response.text()}`)
  }
}

async function shot(page, name) {
  await page.screenshot({ path: join(options.out, `strategy-${name}.png`), fullPage: true })
}

/** Repeats a GET until its JSON passes `accept`; fails after 20 s. */
async function awaitApi(path, accept, what) {
  const deadline = Date.now() + 20_000
  let last = null
  while (Date.now() < deadline) {
    last = await api(path)
    if (accept(last)) {
      return last
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`Waiting for ${what} timed out; last seen: ${JSON.stringify(last)}`)
}

function signedNumber(value, maximumFractionDigits = 4) {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits, signDisplay: 'exceptZero' }).format(value)
}

function signedPercent(value) {
  return `${signedNumber(value, 2)} %`
}

async function logIn(page) {
  await page.goto(`${options.url}/settings`)
  await page.waitForURL(/\/login/)
  await page.fill('[data-testid="login-email"]', options.email)
  await page.fill('[data-testid="login-password"]', options.password)
  await page.click('[data-testid="login-submit"]')
  await page.waitForURL((url) => url.pathname === '/settings')
}

async function setSettings(page, result) {
  await page.locator('[data-testid="settings-form"]').waitFor({ timeout: 15_000 })
  await page.selectOption('[data-testid="settings-month"]', '4')
  await page.selectOption('[data-testid="settings-day"]', '3')
  await page.click('[data-testid="settings-save"]')
  await page.locator('[data-testid="settings-saved"]').waitFor({ timeout: 10_000 })
  await page.reload()
  await page.locator('[data-testid="settings-form"]').waitFor({ timeout: 15_000 })
  const month = page.locator('[data-testid="settings-month"]')
  const day = page.locator('[data-testid="settings-day"]')
  const stored = await api('/api/v1/settings')
  result.settingsShown = `${await month.inputValue()}/${await day.inputValue()}`
  result.settingsLabels = `${await month.locator('option:checked').textContent()}/${await day.locator('option:checked').textContent()}`
  result.settingsStored = `${stored.fiscalYearStartMonth}/${stored.checkInDay}`
  await shot(page, '01-settings')
}

async function createFiscalYear(page, result) {
  await page.goto(`${options.url}/cycles`)
  await page.locator('[data-testid="cycle-tree"]').waitFor({ timeout: 15_000 })
  await page.click('[data-testid="new-cycle"]')
  await page.selectOption('[data-testid="cycle-kind"]', 'strategy')
  await page.fill('[data-testid="cycle-key"]', STRATEGY_KEY)
  await page.fill('[data-testid="cycle-name"]', 'Strategy to 2030')
  await page.fill('[data-testid="cycle-start"]', '2025-01-01')
  await page.fill('[data-testid="cycle-end"]', '2030-12-31')
  await shot(page, '02-cycle-form')
  await page.click('[data-testid="cycle-create-submit"]')
  await page.locator(`[data-testid="cycle-${STRATEGY_KEY}"]`).waitFor({ timeout: 10_000 })

  await page.click(`[data-testid="cycle-${STRATEGY_KEY}"] [data-testid="cycle-fiscal-year"]`)
  await page.fill('[data-testid="fy-year"]', String(FISCAL_YEAR))
  await shot(page, '03-fiscal-year-form')
  await page.click('[data-testid="fy-submit"]')
  // Without a key prefix the year's key is fy<year>.
  await page.locator(`[data-testid="cycle-${STRATEGY_KEY}"] [data-testid="cycle-fy${FISCAL_YEAR}"]`).waitFor({ timeout: 10_000 })

  const cycles = (await api('/api/v1/cycles?limit=500')).items
  const strategy = cycles.find((cycle) => cycle.key === STRATEGY_KEY)
  const annual = cycles.find((cycle) => cycle.parentId === strategy.id)
  const quarters = cycles.filter((cycle) => cycle.parentId === annual.id).sort((a, b) => a.start.localeCompare(b.start))
  const nested = page.locator(`[data-testid="cycle-${STRATEGY_KEY}"] [data-testid="cycle-${annual.key}"] .children > li`)
  result.quartersNested = await nested.count()
  result.quarterNames = await nested.locator('.name').allTextContents()
  result.quarterNamesApi = quarters.map((quarter) => quarter.name)
  result.fiscalYearStart = annual.start
  await shot(page, '04-fiscal-year')
  return quarters
}

async function createKpi(page, key, title, unit) {
  await page.goto(`${options.url}/kpis/new`)
  await page.locator('[data-testid="kpi-form"]').waitFor({ timeout: 15_000 })
  await page.fill('[data-testid="kpi-title"]', title)
  await page.fill('[data-testid="kpi-key"]', key)
  await page.fill('[data-testid="kpi-unit"]', unit)
  await page.click('[data-testid="kpi-save"]')
  await page.locator('[data-testid="kpi-created"]').waitFor({ timeout: 10_000 })
  return (await api('/api/v1/kpis?limit=500')).items.find((item) => item.key === key)
}

async function recordValue(page, kpi, value) {
  await page.goto(`${options.url}/kpis/${kpi.id}`)
  await page.fill('[data-testid="kpi-value-input"]', value)
  await page.click('[data-testid="kpi-value-submit"]')
  await page.locator('[data-testid="kpi-value-sent"]').waitFor({ timeout: 10_000 })
}

async function buildFormulaKpi(page, result) {
  const orders = await createKpi(page, 'orders', 'Orders per week', 'orders')
  const basket = await createKpi(page, 'basket', 'Average basket', 'EUR')
  const revenue = await createKpi(page, 'weekly-revenue', 'Weekly revenue', 'EUR')
  // The new KPI's editor page is open: add both drivers and the formula.
  await page.click('[data-testid="driver-add"]')
  await page.click('[data-testid="driver-add"]')
  await page.selectOption('[data-testid="driver-row-0"] [data-testid="driver-kpi"]', orders.id)
  await page.fill('[data-testid="driver-row-0"] [data-testid="driver-variable"]', 'orders')
  await page.selectOption('[data-testid="driver-row-1"] [data-testid="driver-kpi"]', basket.id)
  await page.fill('[data-testid="driver-row-1"] [data-testid="driver-variable"]', 'basket')
  await page.fill('[data-testid="driver-formula"]', 'orders * basket')
  await shot(page, '05-kpi-drivers')
  await page.click('[data-testid="drivers-save"]')
  await page.locator('[data-testid="drivers-saved"]').waitFor({ timeout: 10_000 })

  await recordValue(page, orders, '120')
  await recordValue(page, basket, '25')
  const tree = await awaitApi(`/api/v1/kpis/${revenue.id}/driver-tree`, (body) => body.value === 3000
    && body.drivers.every((driver) => driver.kpi.value !== null && driver.changePercent !== null && driver.changePercent !== undefined),
  'the formula KPI value')
  result.formulaValueApi = tree.value

  await page.goto(`${options.url}/kpis/${revenue.id}`)
  await page.locator('[data-testid="driver-orders"] [data-testid="sensitivity"]').waitFor({ timeout: 15_000 })
  result.formulaValueShown = (await page.locator('[data-testid="kpi-value"]').textContent()).trim()
  result.formulaShown = (await page.locator('[data-testid="driver-tree"] [data-testid="formula"] code').first().textContent()).trim()
  result.drivers = []
  for (const driver of tree.drivers) {
    const row = page.locator(`[data-testid="driver-${driver.kpi.key}"]`)
    result.drivers.push({
      key: driver.kpi.key,
      value: (await row.locator('[data-testid="driver-value"]').first().textContent()).trim(),
      valueApi: driver.kpi.value,
      sensitivity: (await row.locator('[data-testid="sensitivity"]').first().textContent()).replace(/\s+/g, ' ').trim(),
      // English writes the currency code before the number and the sign before both: +EUR 30.
      sensitivityApi: `moves Weekly revenue by ${signedPercent(driver.changePercent)} (${signedNumber(driver.change).replace(/^([+\-\u2212]?)/, '$1EUR ')})`,
    })
  }
  await shot(page, '06-kpi-driver-tree')
}

async function linkInitiative(page, result) {
  await page.goto(`${options.url}/initiatives?cycle=${options.quarter}&unit=${options.unit}`)
  await page.locator('[data-testid="new-initiative"]').waitFor({ timeout: 15_000 })
  await page.click('[data-testid="new-initiative"]')
  await page.fill('[data-testid="initiative-key"]', INITIATIVE_KEY)
  await page.fill('[data-testid="initiative-title"]', 'Rebuild the checkout')
  await page.selectOption('[data-testid="initiative-cycle"]', options.quarter)
  await page.fill('[data-testid="initiative-system"]', 'jira')
  await page.fill('[data-testid="initiative-external-key"]', 'SHOP-42')
  await shot(page, '07-initiative-form')
  await page.click('[data-testid="initiative-save"]')
  const item = page.locator(`[data-testid="initiative-${INITIATIVE_KEY}"]`)
  await item.waitFor({ timeout: 10_000 })

  // Two work items of the linked Jira epic arrive: 5 of 8 story points are done.
  const workItem = (externalId, statusCategory, storyPoints) => ({ system: 'jira', externalId, itemType: 'story', statusCategory, storyPoints })
  await sendEvent('momentum.workitem.changed', INITIATIVE_KEY, workItem('SHOP-43', 'done', 5))
  await sendEvent('momentum.workitem.changed', INITIATIVE_KEY, workItem('SHOP-44', 'in_progress', 3))
  const work = item.locator('[data-testid="initiative-work"]')
  await work.waitFor({ timeout: 15_000 })
  await page.waitForFunction((selector) => document.querySelector(selector)?.textContent.includes('of 8'), `[data-testid="initiative-${INITIATIVE_KEY}"] [data-testid="initiative-work"]`, { timeout: 15_000 })
  result.workItemsShown = (await work.textContent()).trim()
  result.workProgressShown = (await item.locator('[data-testid="initiative-progress"]').textContent()).replace(/\s+/g, ' ').trim()
  const created = (await api(`/api/v1/initiatives?unit=${options.unit}&limit=500`)).items.find((entry) => entry.key === INITIATIVE_KEY)
  const board = await api(`/api/v1/boards/unit:${options.unit}`)
  const live = Array.isArray(board.nodes) ? board.nodes.find((node) => node.id === created.id) : board.nodes[created.id]
  result.workItemsApi = live?.workItems ?? null
  result.workProgressApi = live?.progress ?? null
  await shot(page, '07b-initiative-work')

  await item.locator('[data-testid="initiative-links"]').click()
  const panel = item.locator('[data-testid="links-panel"]')
  await panel.waitFor({ timeout: 10_000 })
  const form = panel.locator('[data-testid="impact-link-form"]')
  await form.locator('[data-testid="impact-node-stage"]').selectOption('output')
  await form.locator('[data-testid="link-other-kind"]').selectOption('key_result')
  await form.locator(`[data-testid="link-other"] option[value="${options['key-result']}"]`).waitFor({ state: 'attached', timeout: 10_000 })
  await form.locator('[data-testid="link-other"]').selectOption(options['key-result'])
  await form.locator('[data-testid="impact-other-stage"]').selectOption('outcome')
  await form.locator('[data-testid="impact-note"]').fill('A faster checkout lifts revenue')
  await form.locator('[data-testid="impact-link-add"]').click()
  await panel.locator('li[data-testid^="impact-link-"]').first().waitFor({ timeout: 10_000 })
  result.impactLinkShown = (await panel.locator('li[data-testid^="impact-link-"]').first().textContent()).replace(/\s+/g, ' ').trim()
  const initiative = (await api(`/api/v1/initiatives?unit=${options.unit}&limit=500`)).items.find((entry) => entry.key === INITIATIVE_KEY)
  const links = (await api(`/api/v1/impact-links?node=${initiative.id}`)).items
  result.impactLinksApi = links.map((link) => `${link.fromStage}->${link.toStage}:${link.toId === options['key-result']}`)
  await shot(page, '08-initiative-links')

  await page.goto(`${options.url}/nodes/${options['key-result']}/impact`)
  await page.locator('[data-testid="impact-graph"]').waitFor({ timeout: 15_000 })
  const node = page.locator(`[data-testid="impact-node-${INITIATIVE_KEY}"]`)
  await node.waitFor({ timeout: 10_000 })
  result.impactChainShowsInitiative = (await node.textContent()).includes('Rebuild the checkout')
  result.impactChainLinks = await page.locator('[data-testid="impact-graph"] path[data-testid^="link-"]').count()
  await shot(page, '09-impact-chain')
  return initiative
}

async function checkIn(page) {
  const keyResult = (await api(`/api/v1/key-results?unit=${options.unit}&limit=500`)).items.find((entry) => entry.id === options['key-result'])
  await page.goto(`${options.url}/units/${options.unit}/check-in?cycle=${options.quarter}&keyResult=${keyResult.id}`)
  const row = page.locator(`[data-testid="checkin-${keyResult.key}"]`)
  await row.waitFor({ timeout: 15_000 })
  await row.locator('[data-testid="value"]').fill('35')
  await row.locator('[data-testid="confidence"]').fill('6')
  await page.click('[data-testid="check-in-submit"]')
  await page.locator('[data-testid="sent"]').waitFor({ timeout: 10_000 })
  await awaitApi(`/api/v1/key-results/${keyResult.id}/history`, (body) => (body.points ?? []).some((point) => point.value === 35), 'the check-in in the history')
}

async function closeQuarter(page, target, result) {
  const quarter = (await api('/api/v1/cycles?limit=500')).items.find((cycle) => cycle.id === options.quarter)
  await page.goto(`${options.url}/cycles`)
  await page.locator('[data-testid="cycle-tree"]').waitFor({ timeout: 15_000 })
  await page.locator(`[data-testid="cycle-${quarter.key}"] [data-testid="cycle-close"]`).first().click()
  const dialog = page.locator('[data-testid="close-dialog"]')
  await dialog.locator('[data-testid="close-confirm"]').waitFor({ timeout: 10_000 })
  result.closeCandidates = (await dialog.locator('label[data-testid^="candidate-"]').evaluateAll((labels) => labels.map((label) => label.dataset.testid.slice('candidate-'.length)))).sort()
  const preview = await api(`/api/v1/cycles/${quarter.id}/close-preview`)
  result.closeCandidatesApi = preview.candidates.map((candidate) => candidate.key).sort()
  await shot(page, '10-close-dialog')

  const original = preview.candidates.find((candidate) => candidate.id === options.objective)
  await dialog.locator('[data-testid="choose-none"]').click()
  await dialog.locator(`[data-testid="candidate-${original.key}"] input`).check()
  await dialog.locator('[data-testid="close-target"]').selectOption(target.id)
  result.closeButton = (await dialog.locator('[data-testid="close-confirm"]').textContent()).trim()
  await dialog.locator('[data-testid="close-confirm"]').click()
  await dialog.locator('[data-testid="close-done"]').waitFor({ timeout: 15_000 })
  result.copiesShown = await dialog.locator('[data-testid="copies"] li').allTextContents()
  await shot(page, '11-closed')
  await dialog.locator('[data-testid="close-dismiss"]').click()
  result.quarterState = (await page.locator(`[data-testid="cycle-${quarter.key}"] [data-testid="cycle-state"]`).first().textContent()).trim()

  const copies = (await api(`/api/v1/objectives?cycle=${target.id}&limit=500`)).items.filter((objective) => objective.carriedFrom === options.objective)
  result.carriedCopiesApi = copies.length
  const copy = copies[0]
  await page.goto(`${options.url}/units/${options.unit}/edit?cycle=${target.id}`)
  const carriedObjective = page.locator(`[data-testid="tree-objective-${copy.key}"]`)
  await carriedObjective.waitFor({ timeout: 15_000 })
  result.carriedMarker = (await carriedObjective.locator('[data-testid="carried-over"]').first().textContent()).trim()
  await shot(page, '12-carried-objective')

  const copiedKeyResults = (await api(`/api/v1/key-results?cycle=${target.id}&limit=500`)).items.filter((keyResult) => keyResult.objectiveId === copy.id)
  result.carriedKeyResultsApi = copiedKeyResults.filter((keyResult) => keyResult.carriedFrom !== null).length
  const carriedRevenue = copiedKeyResults.find((keyResult) => keyResult.carriedFrom === options['key-result'])
  // The key result's History button leads to its chart, which continues the original's values.
  await page.locator(`[data-testid="tree-kr-${carriedRevenue.key}"] a`, { hasText: 'History' }).first().click()
  await page.waitForURL((url) => url.pathname === `/key-results/${carriedRevenue.id}`)
  await page.locator('[data-testid="history"]').waitFor({ timeout: 15_000 })
  const hint = page.locator('[data-testid="carried-over"]')
  await hint.waitFor({ timeout: 10_000 })
  result.historyLink = (await hint.textContent()).trim()
  await shot(page, '13-carried-history')
  return quarter
}

async function exportCycle(page, quarter, format) {
  await page.goto(`${options.url}/cycles`)
  await page.locator('[data-testid="exchange"]').waitFor({ timeout: 15_000 })
  await page.selectOption('[data-testid="export-cycle"]', quarter.id)
  await page.selectOption('[data-testid="export-format"]', format)
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-download"]')])
  const path = join(options.out, `strategy-export.${format}`)
  await download.saveAs(path)
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') }
}

async function exportBoth(page, quarter, result) {
  const csv = await exportCycle(page, quarter, 'csv')
  const json = await exportCycle(page, quarter, 'json')
  const stored = await api(`/api/v1/cycles/${quarter.id}/export?format=json`)
  const parsed = JSON.parse(json.text)
  const rows = csv.text.trim().split(/\r?\n/)
  result.exportNames = [csv.name, json.name]
  result.csvHeader = rows[0]
  result.csvRows = rows.length - 1
  // Keys carry no commas or quotes, so the second column of every row is its key.
  result.csvKeys = rows.slice(1).map((row) => row.split(',')[1]).sort()
  result.jsonObjectives = parsed.objectives.map((objective) => objective.key).sort()
  result.jsonKeyResults = parsed.objectives.reduce((sum, objective) => sum + objective.keyResults.length, 0)
  result.apiObjectives = stored.objectives.map((objective) => objective.key).sort()
  result.apiKeyResults = stored.objectives.reduce((sum, objective) => sum + objective.keyResults.length, 0)
  result.apiKeys = stored.objectives.flatMap((objective) => [objective.key, ...objective.keyResults.map((keyResult) => keyResult.key)]).sort()
  await shot(page, '14-export')
}

async function importBadFile(page, target, result) {
  const objective = (key, weight) => ({ key, kind: 'objective', title: `Imported ${key}`, unitKey: 'team', weight, keyResults: [] })
  const file = {
    format: 'momentum-okrs',
    formatVersion: 1,
    cycle: { key: target.key },
    objectives: [objective(IMPORT_KEYS[0], 1), objective(IMPORT_KEYS[1], 5000), objective(IMPORT_KEYS[2], -1)],
  }
  const exported = JSON.parse(await readFile(join(options.out, 'strategy-export.json'), 'utf8'))
  file.format = exported.format
  file.formatVersion = exported.formatVersion
  const path = join(options.out, 'strategy-import.json')
  await writeFile(path, JSON.stringify(file, null, 2))
  await page.setInputFiles('[data-testid="import-file"]', path)
  await page.click('[data-testid="import-upload"]')
  const errors = page.locator('[data-testid="import-errors"]')
  await errors.waitFor({ timeout: 10_000 })
  result.importErrors = await errors.locator('li').evaluateAll((items) => items.map((item) => item.dataset.testid.slice('import-error-'.length)))
  result.importMessage = (await errors.locator('p').first().textContent()).trim()
  const stored = (await api(`/api/v1/objectives?cycle=${target.id}&limit=500`)).items
  result.importStored = stored.filter((entry) => IMPORT_KEYS.includes(entry.key)).length
  await shot(page, '15-import-errors')
}

function leakedKeys(text) {
  return [...new Set(text.match(LEAKED_KEY) ?? [])]
}

async function germanPass(page, target, result) {
  await page.goto(`${options.url}/cycles`)
  await page.locator('[data-testid="cycle-tree"]').waitFor({ timeout: 15_000 })
  await page.click('[data-testid="language-de"]')
  await page.locator('h1', { hasText: 'Zyklen' }).waitFor({ timeout: 10_000 })
  await page.click('[data-testid="new-fiscal-year"]')
  await page.locator(`[data-testid="cycle-${target.key}"] [data-testid="cycle-close"]`).first().click()
  await page.locator('[data-testid="close-dialog"] [data-testid="close-confirm"]').waitFor({ timeout: 10_000 })
  const cyclesText = await page.locator('body').innerText()
  result.germanCycles = {
    heading: (await page.locator('h1').first().textContent()).trim(),
    closeTitle: (await page.locator('#close-title').textContent()).trim(),
    nothingToCarry: (await page.locator('[data-testid="no-candidates"]').textContent()).trim(),
    leaked: leakedKeys(cyclesText),
  }
  await shot(page, '16-de-cycles')

  await page.goto(`${options.url}/initiatives?cycle=${options.quarter}&unit=${options.unit}`)
  const item = page.locator(`[data-testid="initiative-${INITIATIVE_KEY}"]`)
  await item.waitFor({ timeout: 15_000 })
  await item.locator('[data-testid="initiative-links"]').click()
  await item.locator('[data-testid="impact-link-form"]').waitFor({ timeout: 10_000 })
  await page.click('[data-testid="new-initiative"]')
  await page.locator('[data-testid="initiative-form"]').first().waitFor({ timeout: 10_000 })
  const initiativesText = await page.locator('body').innerText()
  result.germanInitiatives = {
    heading: (await page.locator('h1').first().textContent()).trim(),
    linksHeading: (await item.locator('[data-testid="links-panel"] h3').textContent()).trim(),
    leaked: leakedKeys(initiativesText),
  }
  await shot(page, '17-de-initiatives')
}

async function main() {
  await mkdir(options.out, { recursive: true })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync'],
  })
  const result = { consoleErrors: [], failedRequests: [] }
  let page = null
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US', timezoneId: 'UTC', acceptDownloads: true })
    page = await context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') {
        result.consoleErrors.push(message.text())
      }
    })
    page.on('response', (response) => {
      if (response.status() >= 400) {
        result.failedRequests.push(`${response.status()} ${response.request().method()} ${response.url()}`)
      }
    })
    await logIn(page)
    await setSettings(page, result)
    const quarters = await createFiscalYear(page, result)
    await buildFormulaKpi(page, result)
    await linkInitiative(page, result)
    await checkIn(page)
    const quarter = await closeQuarter(page, quarters[0], result)
    await exportBoth(page, quarter, result)
    await importBadFile(page, quarters[1], result)
    await germanPass(page, quarters[1], result)
    result.finished = true
  } catch (error) {
    result.error = String((error && error.stack) || error)
    if (page !== null) {
      await page.screenshot({ path: join(options.out, 'strategy-failure.png'), fullPage: true }).catch(() => {})
    }
  } finally {
    await browser.close()
  }
  await writeFile(join(options.out, 'strategy-result.json'), JSON.stringify(result, null, 2)).catch(() => {})
  console.log(JSON.stringify(result))
  process.exit(result.finished ? 0 : 1)
}

main()
