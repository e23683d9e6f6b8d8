// Browser test of the outcome-model screens against a real Momentum server, run by the server's
// OutcomeBrowserIT. A person logs in, creates an objective and a key result in the OKR editor,
// drags the new objective under an existing one, checks in on the new key result, watches the team
// board show the new progress, opens the key result's history chart, and creates a KPI with its
// corridor in the KPI editor. Writes screenshots and
// prints one JSON line with the results; exits with 1 when a check fails.
//
//   node scripts/outcome-e2e.js --url http://127.0.0.1:8080 --email E --password P --token T \
//     --unit UNIT_ID --cycle CYCLE_ID --parent-key objective --out DIR
//
// Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH); playwright-core brings no browser.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    unit: { type: 'string' },
    cycle: { type: 'string' },
    'parent-key': { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

const OBJECTIVE_KEY = 'browser-onboarding'
const KEY_RESULT_KEY = 'browser-activation'

async function api(path) {
  const response = await fetch(`${options.url}${path}`, { headers: { Authorization: `Bearer ${options.token}` } })
  if (response.status !== 200) {
    throw new Error(`GET ${path} returned ${response.status}: ${await response.text()}`)
  }
  return response.json()
}

async function findByKey(collection, key) {
  const page = await api(`/api/v1/${collection}?unit=${options.unit}&limit=500`)
  return page.items.find((item) => item.key === key) ?? null
}

async function logIn(page) {
  await page.goto(`${options.url}/units/${options.unit}`)
  await page.waitForURL(/\/login/)
  await page.fill('[data-testid="login-email"]', options.email)
  await page.fill('[data-testid="login-password"]', options.password)
  await page.click('[data-testid="login-submit"]')
  // A glob would also match the login page's own address, which carries the board as its redirect.
  await page.waitForURL((url) => url.pathname === `/units/${options.unit}`)
}

async function createInEditor(page, result) {
  await page.goto(`${options.url}/units/${options.unit}/edit?cycle=${options.cycle}`)
  await page.locator(`[data-testid="tree-objective-${options['parent-key']}"]`).waitFor({ timeout: 15_000 })
  await page.screenshot({ path: join(options.out, 'outcome-editor.png'), fullPage: true })

  await page.click('[data-testid="new-objective"]')
  await page.fill('[data-testid="objective-title"]', 'Make onboarding effortless')
  await page.fill('[data-testid="objective-key"]', OBJECTIVE_KEY)
  await page.click('[data-testid="objective-save"]')
  await page.locator(`[data-testid="tree-objective-${OBJECTIVE_KEY}"]`).waitFor({ timeout: 10_000 })
  result.objectiveCreated = (await findByKey('objectives', OBJECTIVE_KEY)) !== null

  await page.click(`[data-testid="add-kr-${OBJECTIVE_KEY}"]`)
  await page.fill('[data-testid="kr-title"]', 'Raise week-one activation to 80 %')
  await page.fill('[data-testid="kr-key"]', KEY_RESULT_KEY)
  await page.fill('[data-testid="kr-start"]', '0')
  await page.fill('[data-testid="kr-target"]', '80')
  await page.fill('[data-testid="kr-unit"]', '%')
  await page.screenshot({ path: join(options.out, 'outcome-editor-new-key-result.png'), fullPage: true })
  await page.click('[data-testid="kr-save"]')
  await page.locator(`[data-testid="tree-kr-${KEY_RESULT_KEY}"]`).waitFor({ timeout: 10_000 })
  const keyResult = await findByKey('key-results', KEY_RESULT_KEY)
  result.keyResultCreated = keyResult !== null
  return keyResult
}

async function dragUnderParent(page, result) {
  const parent = await findByKey('objectives', options['parent-key'])
  const source = page.locator(`[data-testid="tree-objective-${OBJECTIVE_KEY}"] [data-testid="objective-drag"]`).first()
  const target = page.locator(`[data-testid="tree-objective-${options['parent-key']}"] [data-testid="objective-drag"]`).first()
  // The mouse drags only between points on screen, so the page is made tall enough to show both
  // cards. The buttons take the middle of a card, so both are held by their drag handle column.
  const viewport = page.viewportSize()
  await page.setViewportSize({ width: viewport.width, height: 2400 })
  const handle = { x: 8, y: 14 }
  await source.dragTo(target, { sourcePosition: handle, targetPosition: handle })
  await page.setViewportSize(viewport)
  const nested = `[data-testid="tree-objective-${options['parent-key']}"] [data-testid="tree-objective-${OBJECTIVE_KEY}"]`
  await page.locator(nested).waitFor({ timeout: 10_000 })
  const moved = await findByKey('objectives', OBJECTIVE_KEY)
  result.realigned = moved.parentId === parent.id
  await page.screenshot({ path: join(options.out, 'outcome-editor-realigned.png'), fullPage: true })
}

async function checkIn(page, keyResult, result) {
  await page.goto(`${options.url}/units/${options.unit}/check-in?cycle=${options.cycle}&keyResult=${keyResult.id}`)
  await page.locator(`[data-testid="checkin-${KEY_RESULT_KEY}"]`).waitFor({ timeout: 15_000 })
  const row = page.locator(`[data-testid="checkin-${KEY_RESULT_KEY}"]`)
  await row.locator('[data-testid="value"]').fill('40')
  await row.locator('[data-testid="confidence"]').fill('7')
  await row.locator('textarea').first().fill('Guided setup went live for all new accounts')
  await page.screenshot({ path: join(options.out, 'outcome-check-in.png'), fullPage: true })
  await page.click('[data-testid="check-in-submit"]')
  await page.locator('[data-testid="sent"]').waitFor({ timeout: 10_000 })
  result.sent = (await page.locator('[data-testid="sent"]').textContent()).trim()
  await page.screenshot({ path: join(options.out, 'outcome-check-in-sent.png'), fullPage: true })
}

// Ticks the "Release" milestone of the launch key result in the check-in form and waits until the
// engine's progress of the key result shows it (weights 1 and 3, so 75 %).
async function checkInMilestone(page, result) {
  const launch = await findByKey('key-results', 'launch')
  await page.goto(`${options.url}/units/${options.unit}/check-in?cycle=${options.cycle}`)
  const row = page.locator('[data-testid="checkin-launch"]')
  await row.waitFor({ timeout: 15_000 })
  await row.locator('[data-testid="milestone-m2"]').check()
  await row.locator('[data-testid="confidence"]').fill('6')
  await page.click('[data-testid="check-in-submit"]')
  await page.locator('[data-testid="sent"]').waitFor({ timeout: 10_000 })
  const deadline = Date.now() + 15_000
  let progress = null
  while (Date.now() < deadline && progress !== 0.75) {
    const board = await api(`/api/v1/boards/goal:${launch.id}`)
    progress = (Array.isArray(board.nodes) ? board.nodes : Object.values(board.nodes)).find((node) => node.id === launch.id)?.progress ?? null
    if (progress !== 0.75) {
      await page.waitForTimeout(100)
    }
  }
  result.milestoneProgress = progress
  await page.screenshot({ path: join(options.out, 'outcome-check-in-milestone.png'), fullPage: true })
}

async function watchBoard(page, result) {
  const started = Date.now()
  await page.goto(`${options.url}/units/${options.unit}`)
  await page.waitForFunction(
    (selector) => document.querySelector(selector)?.getAttribute('data-percent') === '50.0',
    `[data-testid="kr-${KEY_RESULT_KEY}"] [data-testid="percent"]`,
    { timeout: 15_000, polling: 50 },
  )
  result.boardMillis = Date.now() - started
  await page.screenshot({ path: join(options.out, 'outcome-board.png'), fullPage: true })
}

// Opens the form of a new objective once the unit has progress and reads the notice of the score
// the objective would lower. The form is left unsaved when the next step opens another page.
async function readScoreDrop(page, result) {
  await page.goto(`${options.url}/units/${options.unit}/edit?cycle=${options.cycle}`)
  await page.locator(`[data-testid="tree-objective-${options['parent-key']}"]`).waitFor({ timeout: 15_000 })
  await page.click('[data-testid="new-objective"]')
  // The unit board arrives over the live connection, so the notice can appear after the form.
  const scoreDrop = page.locator('[data-testid="score-drop"]')
  await scoreDrop.waitFor({ timeout: 10_000 })
  result.scoreDrop = (await scoreDrop.textContent()).trim()
  await page.screenshot({ path: join(options.out, 'outcome-editor-score-drop.png') })
}

async function openHistory(page, keyResult, result) {
  await page.goto(`${options.url}/key-results/${keyResult.id}`)
  await page.locator('[data-testid="chart"] svg').waitFor({ timeout: 15_000 })
  await page.waitForTimeout(500)
  result.chartPaths = await page.locator('[data-testid="chart"] svg path').count()
  result.checkInsListed = await page.locator('[data-testid="check-in-entry"]').count()
  await page.screenshot({ path: join(options.out, 'outcome-history.png'), fullPage: true })
}

async function createKpi(page, result) {
  await page.goto(`${options.url}/kpis/new`)
  await page.locator('[data-testid="kpi-form"]').waitFor({ timeout: 15_000 })
  await page.fill('[data-testid="kpi-title"]', 'Week-one activation rate')
  await page.fill('[data-testid="kpi-key"]', 'browser-activation-rate')
  await page.fill('[data-testid="kpi-unit"]', '%')
  await page.fill('[data-testid="kpi-start"]', '52')
  await page.fill('[data-testid="kpi-target"]', '80')
  await page.fill('[data-testid="kpi-green"]', '75')
  await page.fill('[data-testid="kpi-red"]', '60')
  await page.screenshot({ path: join(options.out, 'outcome-kpi-editor.png'), fullPage: true })
  await page.click('[data-testid="kpi-save"]')
  await page.locator('[data-testid="kpi-created"]').waitFor({ timeout: 10_000 })
  const kpis = await api('/api/v1/kpis?limit=500')
  const kpi = kpis.items.find((item) => item.key === 'browser-activation-rate')
  result.kpiCorridor = kpi ? `${kpi.red}-${kpi.green}` : null
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
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, locale: 'en-US' })
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
    const keyResult = await createInEditor(page, result)
    await dragUnderParent(page, result)
    await checkIn(page, keyResult, result)
    await checkInMilestone(page, result)
    await watchBoard(page, result)
    await readScoreDrop(page, result)
    await openHistory(page, keyResult, result)
    await createKpi(page, result)
    result.ok = result.objectiveCreated && result.keyResultCreated && result.realigned
      && result.boardMillis !== undefined && result.chartPaths > 3 && result.checkInsListed >= 1
      && result.kpiCorridor === '60-75' && result.milestoneProgress === 0.75
  } catch (error) {
    result.ok = false
    result.error = String((error && error.stack) || error)
    if (page !== null) {
      await page.screenshot({ path: join(options.out, 'outcome-failure.png'), fullPage: true }).catch(() => {})
    }
  } finally {
    await browser.close()
  }
  console.log(JSON.stringify(result))
  process.exit(result.ok ? 0 : 1)
}

main()
