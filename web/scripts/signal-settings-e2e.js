// Browser test of the signal thresholds on the settings page against a real Momentum server, run
// by the server's SignalSettingsBrowserIT. An admin opens the settings, types a stall count out of
// range and gets the range at the field without a request. The admin then lowers the confidence
// drop to 2 points and sets the anomaly cut-off to 4.25, saves, and the API and a reloaded page
// return the new values. Writes screenshots and prints one JSON line with the results; exits with
// 1 when a check fails.
//
//   node scripts/signal-settings-e2e.js --url http://127.0.0.1:8080 --email E --password P --token T --out DIR
//
// Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH); playwright-core brings no browser.

import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { logInAt, runScenario } from './e2e-session.js'

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

const field = (name) => `[data-testid="settings-${name}"]`
const fieldError = (name) => `[data-field="${name}"] [data-testid="field-error"]`

async function storedSettings() {
  const response = await fetch(`${options.url}/api/v1/settings`, { headers: { Authorization: `Bearer ${options.token}` } })
  if (response.status !== 200) {
    throw new Error(`GET /api/v1/settings returned ${response.status}: ${await response.text()}`)
  }
  return response.json()
}

async function rejectOutOfRange(page, result) {
  let patches = 0
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && request.url().endsWith('/api/v1/settings')) {
      patches += 1
    }
  })
  await page.fill(field('signalStallCheckIns'), '25')
  await page.click('[data-testid="settings-save"]')
  await page.locator(fieldError('signalStallCheckIns')).waitFor({ timeout: 5_000 })
  result.rangeError = (await page.locator(fieldError('signalStallCheckIns')).textContent()).trim()
  await page.screenshot({ path: join(options.out, 'signal-settings-invalid.png'), fullPage: true })
  result.patchesForInvalid = patches
  await page.fill(field('signalStallCheckIns'), '3')
}

async function saveThresholds(page, result) {
  await page.fill(field('signalConfidenceDrop'), '2')
  await page.fill(field('signalAnomalyZ'), '4.25')
  await page.click('[data-testid="settings-save"]')
  await page.locator('[data-testid="settings-saved"]').waitFor({ timeout: 10_000 })
  result.stored = await storedSettings()
  await page.reload()
  await page.locator(field('signalConfidenceDrop')).waitFor({ timeout: 15_000 })
  result.shownAfterReload = {
    signalConfidenceDrop: await page.inputValue(field('signalConfidenceDrop')),
    signalAnomalyZ: await page.inputValue(field('signalAnomalyZ')),
  }
  await page.locator('[data-testid="settings-signals"]').screenshot({ path: join(options.out, 'signal-settings.png') })
}

async function main() {
  await runScenario({ out: options.out, name: 'signal-settings', viewport: { width: 1200, height: 1400 } }, async (page, result) => {
    await logInAt(page, { url: options.url, path: '/settings', email: options.email, password: options.password })
    // The first visit requests the session before logging in, which logs a 401, so only later errors count.
    const errorsBefore = result.consoleErrors.length
    await page.locator('[data-testid="settings-signals"]').waitFor({ timeout: 15_000 })
    result.shownBefore = await page.inputValue(field('signalConfidenceDrop'))
    await rejectOutOfRange(page, result)
    await saveThresholds(page, result)
    result.settingsConsoleErrors = result.consoleErrors.slice(errorsBefore)
    return result.rangeError === 'Enter a whole number from 2 to 20.' && result.patchesForInvalid === 0
      && result.stored.signalConfidenceDrop === 2 && result.stored.signalAnomalyZ === 4.25
      && result.stored.signalStallCheckIns === 3 && result.shownAfterReload.signalConfidenceDrop === '2'
      && result.shownAfterReload.signalAnomalyZ === '4.25' && result.settingsConsoleErrors.length === 0
  })
}

main()
