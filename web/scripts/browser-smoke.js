// Drives the built app in headless Chromium against the fixture server and saves screenshots.
// It signs in with the demo account and checks the portfolio and the unit board through their
// data-testid hooks. Then it waits for a live change, drops the WebSocket and checks that the
// board resumes.
//
//   npm run build && npm run fixture-server &
//   node scripts/browser-smoke.js [--url http://127.0.0.1:5174] [--out target/screenshots]
//
// Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH); playwright-core brings no browser.
// Playwright starts Chromium with a fresh temporary profile.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'

const { values: options } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:5174' },
    out: { type: 'string', default: 'target/screenshots' },
    locale: { type: 'string', default: 'en-US' },
  },
})

const TEAM_ID = 'u0000000-0000-4000-8000-00000000c0de'
const LIVE_WAIT_MS = 10_000

function check(condition, message) {
  if (!condition) {
    throw new Error(`Check failed: ${message}`)
  }
  console.log(`ok - ${message}`)
}

async function boardVersion(page) {
  return Number(await page.getAttribute('[data-testid="board-version"]', 'data-version'))
}

async function main() {
  await mkdir(options.out, { recursive: true })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: options.locale })
    const page = await context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') {
        console.log(`browser console error: ${message.text()}`)
      }
    })

    await page.goto(`${options.url}/units/${TEAM_ID}`)
    await page.waitForURL(/\/login\?redirect=/)
    check(true, 'an unauthenticated visit goes to the login page')
    await page.waitForSelector('[data-testid="demo-hint"]')
    await page.screenshot({ path: join(options.out, 'login.png') })

    await page.click('[data-testid="demo-fill"]')
    await page.click('[data-testid="login-submit"]')
    await page.waitForURL(`**/units/${TEAM_ID}`)
    check(true, 'login returns to the requested unit board')

    const row = page.locator('[data-testid="kr-checkout-conversion"]')
    await row.waitFor()
    const percent = await row.locator('[data-testid="percent"]').textContent()
    const width = await row.locator('[data-testid="progress-bar"]').evaluate((element) => element.style.width)
    check(/^\d+\.\d %$/.test(percent.trim()), `key result percent reads "${percent.trim()}"`)
    check(`${parseFloat(percent)}%` === width, `progress bar width ${width} matches the percent`)

    const status = page.locator('[data-testid="connection-status"]')
    await page.waitForSelector('[data-testid="connection-status"][data-status="live"]')
    check(true, 'the connection indicator shows live')

    const firstVersion = await boardVersion(page)
    await page.waitForFunction(
      (version) => Number(document.querySelector('[data-testid="board-version"]')?.dataset.version) > version,
      firstVersion,
      { timeout: LIVE_WAIT_MS },
    )
    check(true, `the board version moves on from ${firstVersion}`)
    await page.screenshot({ path: join(options.out, 'unit-board.png'), fullPage: true })

    await page.request.post(`${options.url}/__fixture/drop`)
    await page.waitForSelector('[data-testid="connection-status"][data-status="reconnecting"]', { timeout: 5000 })
    check(true, `the indicator shows "${(await status.textContent()).trim()}" after the drop`)
    const versionAtDrop = await boardVersion(page)
    await page.waitForSelector('[data-testid="connection-status"][data-status="live"]', { timeout: LIVE_WAIT_MS })
    await page.waitForFunction(
      (version) => Number(document.querySelector('[data-testid="board-version"]')?.dataset.version) > version,
      versionAtDrop,
      { timeout: LIVE_WAIT_MS },
    )
    check(true, 'the board resumes after the reconnect')

    await page.click('[data-testid="language-de"]')
    const germanStatus = await page.locator('[data-testid="connection-status"]').textContent()
    check(germanStatus.trim() === 'Live', 'the language switch keeps the page working')
    const germanPercent = await row.locator('[data-testid="percent"]').textContent()
    check(/^\d+,\d %$/.test(germanPercent.trim()), `German percent reads "${germanPercent.trim()}"`)
    await page.screenshot({ path: join(options.out, 'unit-board-de.png'), fullPage: true })
    await page.click('[data-testid="language-en"]')

    await page.goto(`${options.url}/`)
    await page.waitForSelector('[data-testid="unit-checkout-squad"]')
    check(true, 'the portfolio shows the unit tiles')
    await page.waitForTimeout(1500)
    await page.screenshot({ path: join(options.out, 'portfolio.png'), fullPage: true })

    await page.click('[data-testid="unit-checkout-squad"]')
    await page.waitForURL(`**/units/${TEAM_ID}`)
    check(true, 'a unit tile opens its board')

    await page.click('[data-testid="logout"]')
    await page.waitForURL('**/login')
    check(true, 'logout returns to the login page')
  } finally {
    await browser.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
