// Browser test of a real Momentum server, run by the server's BoardBrowserIT: logs in through the
// login page, opens a team board, publishes a key-result value over the REST API and measures how
// long the key result's progress bar and percentage take to change. Then it adds an objective to
// the year, switches the boards to the year and to the quarter, and compares the unit scores the
// pages show with the engine's unit summary. Writes screenshots and prints one JSON line with the
// results; exits with 1 when a check fails.
//
//   node scripts/board-e2e.js --url http://127.0.0.1:8080 --email E --password P --token T \
//     --org ORG --unit UNIT_ID --company COMPANY_KEY --year YEAR_ID --quarter QUARTER_ID \
//     --key revenue --value 35 --expect 50.0 --out DIR
//
// Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH); playwright-core brings no browser.

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { randomUUID } from 'node:crypto'
import { chromium } from 'playwright-core'
import { unitCycleScore } from '../src/lib/cycleScope.js'

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    org: { type: 'string' },
    unit: { type: 'string' },
    company: { type: 'string' },
    year: { type: 'string' },
    quarter: { type: 'string' },
    key: { type: 'string' },
    value: { type: 'string' },
    expect: { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

const CHANGE_LIMIT_MS = 2_000

async function publishValue() {
  const event = {
    specversion: '1.0',
    id: randomUUID(),
    source: 'urn:momentum:browser-test',
    type: 'momentum.keyresult.value',
    subject: options.key,
    time: new Date().toISOString(),
    orgid: options.org,
    datacontenttype: 'application/json',
    data: { value: Number(options.value) },
  }
  const response = await fetch(`${options.url}/api/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/cloudevents+json', Authorization: `Bearer ${options.token}` },
    body: JSON.stringify(event),
  })
  if (response.status !== 202) {
    throw new Error(`publishing the event answered ${response.status}: ${await response.text()}`)
  }
}

async function api(method, path, body) {
  const response = await fetch(`${options.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) {
    throw new Error(`${method} ${path} failed with status ${response.status}: ${await response.text()}`)
  }
  return response.json()
}

async function unitBoard() {
  return api('GET', `/api/v1/boards/unit:${options.unit}`)
}

// Reads the score a page shows in an element's data-progress ('' when it shows none).
async function shownProgress(page, selector) {
  const value = await page.locator(selector).getAttribute('data-progress')
  return value === '' || value === null ? null : Number(value)
}

async function chooseCycles(page, context, result) {
  // The browser's rule for a unit's score must equal the engine's unit summary: both objectives
  // lie in cycles that overlap today, and the year covers its quarter.
  await api('POST', '/api/v1/objectives', {
    key: 'yearly-goal', title: 'Become the easiest shop to pay at', unitId: options.unit, cycleId: options.year,
  })
  await page.locator('[data-testid="objective-yearly-goal"]').waitFor({ timeout: 10_000 })
  const board = await unitBoard()
  const summary = board.units[0]
  const objectives = board.nodes.filter((node) => node.kind === 'objective')
  const computed = unitCycleScore(objectives)
  result.engine = { progress: Number(summary.progress), objectives: summary.objectives, status: summary.status, confidence: summary.confidence }
  result.computed = { progress: computed.progress, objectives: computed.objectives, status: computed.status, confidence: computed.confidence }
  await writeFile(join(options.out, 'engine-unit-board.json'), JSON.stringify(board, null, 2))

  await page.goto(`${options.url}/units/${options.unit}?cycle=${options.year}`)
  await page.locator('[data-testid="cycle-section-quarter"]').waitFor({ timeout: 15_000 })
  result.yearScore = await shownProgress(page, '[data-testid="unit-score"]')
  result.yearSections = await page.locator('[data-testid^="cycle-section-"]').evaluateAll(
    (sections) => sections.map((section) => section.getAttribute('data-testid')))
  await page.screenshot({ path: join(options.out, 'board-year.png'), fullPage: true })

  await page.selectOption('[data-testid="cycle-quarter"]', options.quarter)
  await page.waitForURL((url) => url.searchParams.get('cycle') === options.quarter, { timeout: 5_000 })
  await page.locator('[data-testid="enclosing-objectives"] [data-testid="objective-yearly-goal"]').waitFor({ timeout: 5_000 })
  result.quarterObjectives = await page.locator('[data-testid="cycle-section-quarter"] article').evaluateAll(
    (cards) => cards.map((card) => card.getAttribute('data-testid')))
  result.quarterScore = await shownProgress(page, '[data-testid="unit-score"]')
  result.quarterObjectiveProgress = Number(objectives.find((node) => node.key === 'objective').progress)
  result.quarterLink = page.url()
  await page.screenshot({ path: join(options.out, 'board-quarter.png'), fullPage: true })

  await page.click('[data-testid="language-de"]')
  const yearReason = page.locator('[data-testid="objective-yearly-goal"] [data-testid="status-reason"]')
  await page.waitForFunction(
    (selector) => document.querySelector(selector)?.textContent.startsWith('Offen'),
    '[data-testid="objective-yearly-goal"] [data-testid="status-reason"]',
    { timeout: 5_000 },
  )
  result.germanReason = (await yearReason.textContent()).trim()
  await page.screenshot({ path: join(options.out, 'board-quarter-de.png'), fullPage: true })
  await page.click('[data-testid="language-en"]')

  // A link carries the cycle: a new page opened on it shows the same quarter on the portfolio.
  const linked = await context.newPage()
  await linked.goto(`${options.url}/portfolio?cycle=${options.quarter}`)
  const teamTile = linked.locator('[data-testid="unit-team"] [data-testid="percent"]')
  await linked.waitForFunction(
    (selector) => document.querySelector(selector)?.getAttribute('data-progress'),
    '[data-testid="unit-team"] [data-testid="percent"]',
    { timeout: 15_000 },
  )
  result.portfolioTeamScore = Number(await teamTile.getAttribute('data-progress'))
  // The company has no objectives of its own in the quarter, so its tile scores its sub-units.
  const companyTile = linked.locator(`[data-testid="unit-${options.company}"] [data-testid="percent"]`)
  await linked.waitForFunction(
    (selector) => document.querySelector(selector)?.getAttribute('data-progress'),
    `[data-testid="unit-${options.company}"] [data-testid="percent"]`,
    { timeout: 15_000 },
  )
  result.portfolioCompanyText = (await companyTile.textContent()).trim()
  result.portfolioCompanyScore = Number(await companyTile.getAttribute('data-progress'))
  result.portfolioTeamText = (await teamTile.textContent()).trim()
  await linked.screenshot({ path: join(options.out, 'portfolio-quarter.png'), fullPage: true })

  await linked.click('[data-testid="show-current-cycles"]')
  await linked.waitForURL((url) => !url.searchParams.has('cycle'), { timeout: 5_000 })
  result.portfolioCurrentTeamText = (await teamTile.textContent()).trim()
  await linked.close()
}

async function main() {
  await mkdir(options.out, { recursive: true })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync'],
  })
  const result = {}
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' })
    const page = await context.newPage()
    const consoleErrors = []
    page.on('console', (message) => {
      if (message.type() === 'error') {
        consoleErrors.push(message.text())
      }
    })

    await page.goto(`${options.url}/units/${options.unit}`)
    await page.waitForURL(/\/login/)
    await page.fill('[data-testid="login-email"]', options.email)
    await page.fill('[data-testid="login-password"]', options.password)
    await page.click('[data-testid="login-submit"]')
    await page.waitForURL(`**/units/${options.unit}`)

    const row = page.locator(`[data-testid="kr-${options.key}"]`)
    await row.waitFor({ timeout: 15_000 })
    await page.waitForSelector('[data-testid="connection-status"][data-status="live"]', { timeout: 15_000 })
    const percent = row.locator('[data-testid="percent"]')
    const bar = row.locator('[data-testid="progress-bar"]')
    result.before = (await percent.getAttribute('data-percent')) ?? (await percent.textContent()).trim()
    await page.screenshot({ path: join(options.out, 'board-before.png'), fullPage: true })

    const started = Date.now()
    await publishValue()
    await page.waitForFunction(
      ([selector, expected]) => document.querySelector(selector)?.getAttribute('data-percent') === expected,
      [`[data-testid="kr-${options.key}"] [data-testid="percent"]`, options.expect],
      { timeout: 10_000, polling: 20 },
    )
    result.changeMillis = Date.now() - started
    result.after = await percent.getAttribute('data-percent')
    result.text = (await percent.textContent()).trim()
    result.barWidth = await bar.evaluate((element) => element.style.width)
    await page.screenshot({ path: join(options.out, 'board-after.png'), fullPage: true })

    await page.goto(`${options.url}/portfolio`)
    await page.waitForSelector('[data-testid="portfolio"]', { timeout: 15_000 })
    await page.screenshot({ path: join(options.out, 'portfolio.png'), fullPage: true })

    await page.goto(`${options.url}/units/${options.unit}`)
    await page.locator(`[data-testid="kr-${options.key}"]`).waitFor({ timeout: 15_000 })
    await chooseCycles(page, context, result)

    result.consoleErrors = consoleErrors
    result.ok = result.changeMillis <= CHANGE_LIMIT_MS && result.after === options.expect
      && result.barWidth === `${parseFloat(options.expect)}%`
      && result.engine.progress === result.computed.progress && result.engine.status === result.computed.status
      && result.yearScore === result.engine.progress
      && result.quarterScore === result.quarterObjectiveProgress
      && result.portfolioTeamScore === result.quarterObjectiveProgress
  } finally {
    await browser.close()
  }
  console.log(JSON.stringify(result))
  process.exit(result.ok ? 0 : 1)
}

main().catch((error) => {
  console.log(JSON.stringify({ ok: false, error: String(error && error.stack || error) }))
  process.exit(1)
})
