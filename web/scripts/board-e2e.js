// Browser test of a real Momentum server, run by the server's BoardBrowserIT: logs in through the
// login page, opens a team board, publishes a key-result value over the REST API and measures how
// long the key result's progress bar and percentage take to change. Writes screenshots and prints
// one JSON line with the results; exits with 1 when a check fails.
//
//   node scripts/board-e2e.js --url http://127.0.0.1:8080 --email E --password P --token T \
//     --org ORG --unit UNIT_ID --key revenue --value 35 --expect 50.0 --out DIR
//
// Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH); playwright-core brings no browser.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { randomUUID } from 'node:crypto'
import { chromium } from 'playwright-core'

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    org: { type: 'string' },
    unit: { type: 'string' },
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
    result.consoleErrors = consoleErrors
    result.ok = result.changeMillis <= CHANGE_LIMIT_MS && result.after === options.expect
      && result.barWidth === `${parseFloat(options.expect)}%`
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
