// Drives the outcome-model screens in headless Chromium against the fixture server and saves
// screenshots: the OKR editor (drag to move a key result, a stale edit), the check-in, the key
// result history chart, the KPI page and the impact chain.
//
//   npm run build && npm run fixture-server &
//   node scripts/outcome-smoke.js [--url http://127.0.0.1:5174] [--out target/screenshots]
//
// Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH); playwright-core brings no browser.
// The fixture server keeps its changes in memory, so restart it before running this again.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'

const { values: options } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:5174' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

const UNIT_ID = 'u-checkout'
const CYCLE = 'c-2026-q4'

function check(condition, message) {
  if (!condition) {
    throw new Error(`Check failed: ${message}`)
  }
  console.log(`ok - ${message}`)
}

async function logIn(page) {
  await page.goto(`${options.url}/login`)
  await page.waitForSelector('[data-testid="demo-hint"]')
  await page.click('[data-testid="demo-fill"]')
  await page.click('[data-testid="login-submit"]')
  await page.waitForURL(`${options.url}/`)
}

async function checkEditor(page) {
  await page.goto(`${options.url}/units/${UNIT_ID}/edit?cycle=${CYCLE}`)
  const pci = page.locator('[data-testid="tree-kr-pci-audit-passed"] [data-testid="kr-drag"]')
  await pci.waitFor()
  await page.screenshot({ path: join(options.out, 'okr-editor.png'), fullPage: true })

  await pci.dragTo(page.locator('[data-testid="tree-objective-checkout-delight"] > [data-testid="objective-drag"]'))
  await page.locator('[data-testid="tree-objective-checkout-delight"] [data-testid="tree-kr-pci-audit-passed"]').waitFor()
  check(true, 'dragging a key result onto another objective moves it')

  await page.click('[data-testid="add-kr-checkout-delight"]')
  await page.fill('[data-testid="kr-title"]', 'Raise repeat purchase rate')
  await page.fill('[data-testid="kr-start"]', '20')
  await page.fill('[data-testid="kr-target"]', '34')
  await page.fill('[data-testid="kr-unit"]', '%')
  await page.screenshot({ path: join(options.out, 'okr-editor-new-key-result.png'), fullPage: true })
  await page.click('[data-testid="kr-save"]')
  await page.locator('[data-testid="tree-kr-raise-repeat-purchase-rate"]').waitFor()
  check(true, 'a new key result appears in the tree')

  // A change made elsewhere in the meantime: the editor's copy of the objective is now stale.
  await page.request.patch(`${options.url}/api/v1/objectives/o-payments`, { data: { title: 'Payments that always work', version: 2 } })
  await page.click('[data-testid="edit-reliable-payments"]')
  await page.fill('[data-testid="objective-title"]', 'Payments without failures')
  await page.click('[data-testid="objective-save"]')
  await page.locator('[data-testid="conflict"]').waitFor()
  check(true, 'a stale edit shows the current values')
  await page.screenshot({ path: join(options.out, 'okr-editor-conflict.png'), fullPage: true })
  await page.click('[data-testid="conflict-retry"]')
  await page.locator('[data-testid="conflict"]').waitFor({ state: 'detached' })
  check(true, 'retrying the stale edit stores it')
}

async function checkCheckIn(page) {
  await page.goto(`${options.url}/units/${UNIT_ID}/check-in?cycle=${CYCLE}&keyResult=k-conversion`)
  await page.locator('[data-testid="checkin-checkout-conversion"]').waitFor()
  const focused = await page.evaluate(() => document.activeElement?.id)
  check(focused === 'checkin-k-conversion-value', `the named key result has the focus (${focused})`)
  await page.keyboard.type('3.1')
  await page.keyboard.press('Tab')
  for (let step = 0; step < 2; step += 1) {
    await page.keyboard.press('ArrowRight')
  }
  await page.keyboard.press('Tab')
  await page.keyboard.type('New address form is live')
  await page.screenshot({ path: join(options.out, 'check-in.png'), fullPage: true })
  await page.keyboard.press('Control+Enter')
  await page.locator('[data-testid="sent"]').waitFor()
  const sent = await page.locator('[data-testid="sent"]').textContent()
  check(sent.includes('value 3.1 %') && sent.includes('confidence 8/10'), `the check-in reports what was sent: ${sent.trim()}`)
  await page.screenshot({ path: join(options.out, 'check-in-sent.png'), fullPage: true })
}

async function checkHistory(page) {
  await page.goto(`${options.url}/key-results/k-conversion?cycle=${CYCLE}`)
  await page.locator('[data-testid="chart"] svg').waitFor()
  const lines = await page.locator('[data-testid="chart"] svg path').count()
  check(lines > 5, `the history chart draws its lines (${lines} paths)`)
  await page.waitForTimeout(500)
  await page.screenshot({ path: join(options.out, 'key-result-history.png'), fullPage: true })
}

async function checkKpi(page) {
  await page.goto(`${options.url}/kpis/kpi-revenue?cycle=${CYCLE}`)
  await page.locator('[data-testid="driver-sessions-per-week"] [data-testid="estimated"]').waitFor()
  check(true, 'the driver tree marks the estimated sensitivity')
  await page.locator('[data-testid="chart"] svg').waitFor()
  await page.waitForTimeout(500)
  await page.screenshot({ path: join(options.out, 'kpi.png'), fullPage: true })
}

async function checkImpactChain(page) {
  await page.goto(`${options.url}/nodes/k-conversion/impact?cycle=${CYCLE}`)
  await page.locator('[data-testid="impact-node-online-revenue-kpi"]').waitFor()
  await page.screenshot({ path: join(options.out, 'impact-chain.png'), fullPage: true })
  await page.click('[data-testid="impact-node-online-revenue-kpi"]')
  await page.waitForURL(/\/nodes\/kpi-revenue\/impact/)
  check(true, 'clicking a node walks the chain from it')
}

async function main() {
  await mkdir(options.out, { recursive: true })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  })
  try {
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, locale: 'en-US' })
    const page = await context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') {
        console.log(`browser console error: ${message.text()}`)
      }
    })
    await logIn(page)
    await checkEditor(page)
    await checkCheckIn(page)
    await checkHistory(page)
    await checkKpi(page)
    await checkImpactChain(page)
  } finally {
    await browser.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
