// Browser test of stale-source signals against a real Momentum server, run by the server's
// SignalBrowserIT. A person logs in and opens a team board whose key result was last fed by a
// named source. The script then writes the file given as --ready, on which the test runs the
// server's stale-source detector at a time two hours later. The signal must arrive on the open
// board live: in the signal panel with its explanation and evidence, and as a badge on the key
// result's card. The person then resolves it with a reason, and the board drops it live.
// Writes screenshots and prints one JSON line with the results; exits with 1 when a step fails.
//
//   node scripts/signals-e2e.js --url http://127.0.0.1:8080 --email E --password P \
//     --unit UNIT_ID --key revenue --ready FILE --out DIR
//
// Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH); playwright-core brings no browser.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { logInAt, runScenario } from './e2e-session.js'

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    unit: { type: 'string' },
    key: { type: 'string' },
    ready: { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

// How long the detector run in the test may take to reach the page.
const ARRIVAL_LIMIT_MS = 60_000

async function text(locator) {
  return (await locator.textContent()).trim()
}

await runScenario({ out: options.out, name: 'signals' }, async (page, result) => {
  const path = `/units/${options.unit}`
  await logInAt(page, { url: options.url, path, email: options.email, password: options.password })
  // The session check before the login returns 401 by design; errors from here on are not expected.
  const errorsBeforeBoard = result.consoleErrors.length
  const card = page.locator(`[data-testid="kr-${options.key}"]`)
  await card.waitFor({ timeout: 15_000 })
  await page.locator('[data-testid="no-signals"]').waitFor({ timeout: 10_000 })
  result.updatedSource = await text(card.locator('[data-testid="updated-source"]'))
  result.badgesBefore = await card.locator('[data-testid="signal-badge"]').count()

  await writeFile(options.ready, 'board open\n')
  const signal = page.locator('[data-testid="signal"][data-kind="stale_source"]')
  const waitStarted = Date.now()
  await signal.waitFor({ timeout: ARRIVAL_LIMIT_MS })
  result.arrivalMillis = Date.now() - waitStarted
  result.state = await signal.getAttribute('data-state')
  result.explanation = await text(signal.locator('[data-testid="signal-explanation"]'))
  result.badge = await text(card.locator('[data-testid="signal-badge"]'))
  await signal.locator('[data-testid="signal-evidence"] summary').click()
  result.evidence = await text(signal.locator('[data-testid="signal-evidence"] dl'))
  await page.screenshot({ path: join(options.out, 'signals-live.png'), fullPage: true })

  await page.click('[data-testid="language-de"]')
  await page.waitForFunction(
    () => document.querySelector('[data-testid="signal-explanation"]')?.textContent.includes('keinen Wert gesendet'),
    null,
    { timeout: 5_000 },
  )
  result.germanExplanation = await text(signal.locator('[data-testid="signal-explanation"]'))
  await page.click('[data-testid="language-en"]')

  await signal.locator('[data-testid="signal-resolve"]').click()
  result.resolveDisabledWithoutReason = await page.locator('[data-testid="signal-submit"]').isDisabled()
  await page.fill('[data-testid="signal-reason"]', 'Feed moved to the new warehouse')
  await page.click('[data-testid="signal-submit"]')
  await page.locator('[data-testid="no-signals"]').waitFor({ timeout: 10_000 })
  result.badgesAfterResolve = await card.locator('[data-testid="signal-badge"]').count()
  await page.screenshot({ path: join(options.out, 'signals-resolved.png'), fullPage: true })
  result.unexpectedConsoleErrors = result.consoleErrors.slice(errorsBeforeBoard)

  return result.badgesBefore === 0 && result.state === 'open' && result.badgesAfterResolve === 0
})
