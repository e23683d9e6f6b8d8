// Browser test of the CSV upload of KPI values against a real Momentum server, run by the
// server's KpiUploadBrowserIT. A person logs in, opens "Upload values" on the KPI list, uploads
// a file with bad rows and reads the list of problems, then uploads 2,000 good rows and waits
// until the KPI shows the newest value. Writes screenshots and prints one JSON line with the
// results; exits with 1 when a check fails.
//
//   node scripts/kpi-upload-e2e.js --url http://127.0.0.1:8080 --email E --password P --token T \
//     --kpi-key nps --kpi-id KPI_ID --out DIR
//
// Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH); playwright-core brings no browser.

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { logInAt, runScenario } from './e2e-session.js'

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    'kpi-key': { type: 'string' },
    'kpi-id': { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

const GOOD_ROWS = 2000
const NEWEST_VALUE = 77

async function currentValue() {
  const response = await fetch(`${options.url}/api/v1/kpis/${options['kpi-id']}`, {
    headers: { Authorization: `Bearer ${options.token}` },
  })
  if (response.status !== 200) {
    throw new Error(`GET /api/v1/kpis/${options['kpi-id']} returned ${response.status}: ${await response.text()}`)
  }
  const kpi = await response.json()
  return kpi.current === null || kpi.current === undefined ? null : Number(kpi.current)
}

async function writeFiles() {
  const bad = join(options.out, 'kpi-upload-bad.csv')
  await writeFile(bad, `kpi,value,time\nno-such-kpi,1,2026-11-01\n${options['kpi-key']},"12,5",2026-11-01\n`)
  const good = join(options.out, 'kpi-upload-good.csv')
  const now = Date.now()
  const lines = ['kpi,value,time,source']
  for (let i = 0; i < GOOD_ROWS; i += 1) {
    const value = i === GOOD_ROWS - 1 ? NEWEST_VALUE : 30 + (i % 40)
    const time = new Date(now - (GOOD_ROWS - i) * 60_000).toISOString()
    lines.push(`${options['kpi-key']},${value},${time},urn:browser-test:survey-export`)
  }
  await writeFile(good, `${lines.join('\n')}\n`)
  return { bad, good }
}

async function uploadBadFile(page, path, result) {
  await page.click('[data-testid="open-kpi-upload"]')
  await page.setInputFiles('[data-testid="kpi-upload-file"]', path)
  await page.click('[data-testid="kpi-upload-start"]')
  await page.locator('[data-testid="kpi-upload-rejected"]').waitFor({ timeout: 15_000 })
  const rows = page.locator('[data-testid="kpi-upload-bad-row"]')
  result.badRows = await rows.count()
  result.badRowLines = await rows.evaluateAll((elements) => elements.map((row) => row.querySelector('td').textContent.trim()))
  await page.screenshot({ path: join(options.out, 'kpi-upload-rejected.png'), fullPage: true })
}

async function uploadGoodFile(page, path, result) {
  await page.setInputFiles('[data-testid="kpi-upload-file"]', path)
  await page.click('[data-testid="kpi-upload-start"]')
  await page.locator('[data-testid="kpi-upload-done"]').waitFor({ timeout: 30_000 })
  result.acceptedText = (await page.locator('[data-testid="kpi-upload-done"]').textContent()).trim()
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    result.kpiCurrent = await currentValue()
    if (result.kpiCurrent === NEWEST_VALUE) {
      break
    }
    await page.waitForTimeout(200)
  }
  await page.locator(`[data-testid="kpi-row-${options['kpi-key']}"]`).waitFor({ timeout: 10_000 })
  await page.waitForTimeout(2000)
  result.listedValue = (await page.locator(`[data-testid="kpi-row-${options['kpi-key']}"] .number`).textContent()).trim()
  await page.screenshot({ path: join(options.out, 'kpi-upload-accepted.png'), fullPage: true })
}

async function main() {
  await mkdir(options.out, { recursive: true })
  const files = await writeFiles()
  await runScenario({ out: options.out, name: 'kpi-upload' }, async (page, result) => {
    await logInAt(page, { url: options.url, path: '/kpis', email: options.email, password: options.password })
    await uploadBadFile(page, files.bad, result)
    await uploadGoodFile(page, files.good, result)
    return result.badRows === 2 && result.kpiCurrent === NEWEST_VALUE
      && result.acceptedText.startsWith(`${GOOD_ROWS} values accepted`)
  })
}

main()
