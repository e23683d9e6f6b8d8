// Browser test of a detected signal against a real Momentum server, run by the server's
// SignalBrowserIT. A person logs in and opens a team board; the script then writes the file given
// as --ready, on which the test sends flat check-ins of a key result while the work items of its
// linked initiative close. The stalled-despite-effort signal must arrive on the open board live,
// without a reload, with its explanation and its evidence: the check-ins, the work done per week
// and a chart. The person then acknowledges it with a note, snoozes it with a reason and resolves
// it with a reason: the card names who acted, and the key result's decision trail lists all three.
// Writes screenshots and prints one JSON line with the results; exits with 1 when a step fails.
//
//   node scripts/stalled-signal-e2e.js --url http://127.0.0.1:8080 --email E --password P \
//     --unit UNIT_ID --key revenue --check-ins 4 --ready FILE --out DIR
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
    'check-ins': { type: 'string' },
    ready: { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

// How long the test's events may take to pass Kafka, the ingest and the live socket.
const ARRIVAL_LIMIT_MS = 60_000

async function text(locator) {
  return (await locator.textContent()).trim()
}

/**
 * Returns the number of lines each label of a signal header takes (kind, state and the snooze
 * time), from its height and line height, and the number of rows the header takes.
 * Runs in the page.
 */
function headLineCounts(head) {
  const lines = (element) => Math.round(element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight))
  const tops = new Set([...head.children].map((child) => Math.round(child.getBoundingClientRect().top)))
  return {
    kind: lines(head.querySelector('.kind')),
    state: lines(head.querySelector('.state')),
    until: lines(head.querySelector('.until')),
    rows: tops.size,
  }
}

await runScenario({ out: options.out, name: 'stalled-signal' }, async (page, result) => {
  const path = `/units/${options.unit}`
  await logInAt(page, { url: options.url, path, email: options.email, password: options.password })
  // The session check before the login returns 401 by design; errors from here on are not expected.
  const errorsBeforeBoard = result.consoleErrors.length
  const card = page.locator(`[data-testid="kr-${options.key}"]`)
  await card.waitFor({ timeout: 15_000 })
  await page.locator('[data-testid="signal-panel"]').waitFor({ timeout: 10_000 })
  // A marker on the window shows afterwards that the page was never reloaded.
  await page.evaluate(() => { window.momentumBoardOpened = true })
  result.stalledBefore = await page.locator('[data-testid="signal"][data-kind="stalled_despite_effort"]').count()

  await writeFile(options.ready, 'board open\n')
  const signal = page.locator('[data-testid="signal"][data-kind="stalled_despite_effort"]')
  const waitStarted = Date.now()
  await signal.waitFor({ timeout: ARRIVAL_LIMIT_MS })
  result.arrivalMillis = Date.now() - waitStarted
  // The test's check-ins arrive one by one, so the signal may be raised over fewer of them and
  // updated live later. The checks below read it once it covers all of them.
  await page.waitForFunction(
    (count) => document.querySelector('[data-kind="stalled_despite_effort"] [data-testid="signal-explanation"]')
      ?.textContent.includes(`over its last ${count} check-ins`),
    options['check-ins'],
    { timeout: ARRIVAL_LIMIT_MS },
  )
  result.sameDocument = await page.evaluate(() => window.momentumBoardOpened === true)
  result.severity = await signal.getAttribute('data-severity')
  result.kindLabel = await text(signal.locator('.kind'))
  result.explanation = await text(signal.locator('[data-testid="signal-explanation"]'))
  result.badge = await text(card.locator('[data-testid="signal-badge"]'))
  await signal.locator('[data-testid="signal-evidence"] summary').click()
  result.pointRows = await signal.locator('[data-testid="signal-points"] tbody tr').count()
  result.doneRecent = await text(signal.locator('[data-testid="signal-done-recent"]'))
  result.weeks = await signal.locator('[data-testid="signal-done-per-week"] tbody tr').count()
  result.chart = await signal.locator('[data-testid="signal-chart"] polyline').count()
  result.axisMax = await text(signal.locator('[data-testid="signal-chart-max"]'))
  result.axisMin = await text(signal.locator('[data-testid="signal-chart-min"]'))
  result.nodeLink = await text(signal.locator('[data-testid="signal-node-link"]'))
  await signal.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(options.out, 'stalled-signal-live.png'), fullPage: true })
  await signal.screenshot({ path: join(options.out, 'stalled-signal-evidence.png') })

  await page.click('[data-testid="language-de"]')
  await page.waitForFunction(
    () => document.querySelector('[data-kind="stalled_despite_effort"] [data-testid="signal-explanation"]')
      ?.textContent.includes('blieb über die letzten'),
    null,
    { timeout: 5_000 },
  )
  result.germanExplanation = await text(signal.locator('[data-testid="signal-explanation"]'))
  result.germanKindLabel = await text(signal.locator('.kind'))
  await signal.screenshot({ path: join(options.out, 'stalled-signal-evidence-de.png') })
  await page.click('[data-testid="language-en"]')

  result.severityWord = await text(signal.locator('[data-testid="signal-warning"]'))

  // The card names who acknowledged the signal and their note.
  await signal.locator('[data-testid="signal-acknowledge"]').click()
  await page.fill('[data-testid="signal-reason"]', 'Looking into it')
  await page.click('[data-testid="signal-submit"]')
  await page.locator('[data-testid="signal"][data-kind="stalled_despite_effort"][data-state="acknowledged"]').waitFor({ timeout: 10_000 })
  await signal.locator('[data-testid="signal-activity"]').first().waitFor({ timeout: 10_000 })
  result.acknowledgedActivity = await signal.locator('[data-testid="signal-activity"]').allTextContents()

  // A snoozed signal's header carries the most labels. In the side column at 1280 x 800 they
  // must not break inside a label, as "Stalled / despite effort" did.
  await page.setViewportSize({ width: 1280, height: 800 })
  await signal.locator('[data-testid="signal-snooze"]').click()
  await page.fill('[data-testid="signal-reason"]', 'Waiting for the release on Monday')
  await page.click('[data-testid="signal-submit"]')
  await page.locator('[data-testid="signal"][data-kind="stalled_despite_effort"][data-state="snoozed"]').waitFor({ timeout: 10_000 })
  result.snoozedHeadLines = {}
  for (const language of ['en', 'de']) {
    await page.click(`[data-testid="language-${language}"]`)
    await signal.locator('.head .until').waitFor()
    result.snoozedHeadLines[language] = await signal.locator('.head').evaluate(headLineCounts)
    await signal.screenshot({ path: join(options.out, `stalled-signal-snoozed-${language}.png`) })
  }
  await page.click('[data-testid="language-en"]')
  await page.waitForFunction(
    () => document.querySelectorAll('[data-kind="stalled_despite_effort"] [data-testid="signal-activity"]').length === 2,
    null,
    { timeout: 10_000 },
  )
  result.snoozedActivity = await signal.locator('[data-testid="signal-activity"]').allTextContents()
  result.acknowledgeOfferedWhenSnoozed = await signal.locator('[data-testid="signal-acknowledge"]').count()
  await signal.screenshot({ path: join(options.out, 'stalled-signal-activity.png') })

  // A resolved signal leaves the board; the key result's decision trail keeps all three actions.
  await signal.locator('[data-testid="signal-resolve"]').click()
  await page.fill('[data-testid="signal-reason"]', 'Release shipped')
  await page.click('[data-testid="signal-submit"]')
  await signal.waitFor({ state: 'detached', timeout: 10_000 })
  await card.locator('[data-testid="kr-link"]').click()
  await page.locator('[data-testid="kr-decisions"]').click()
  await page.locator('[data-testid="decision-list"]').waitFor({ timeout: 10_000 })
  result.trailPath = new URL(page.url()).pathname
  const signalRows = page.locator('[data-testid="decision"][data-kind="signal.action"]')
  result.trailDecisions = await signalRows.locator('[data-testid="decision-value"]').allTextContents()
  result.trailReasons = await signalRows.locator('[data-testid="decision-reason"]').allTextContents()
  result.trailActors = await signalRows.locator('[data-testid="decision-actor"]').allTextContents()
  await page.screenshot({ path: join(options.out, 'stalled-signal-trail.png'), fullPage: true })
  result.unexpectedConsoleErrors = result.consoleErrors.slice(errorsBeforeBoard)

  return result.stalledBefore === 0 && result.sameDocument === true && result.pointRows > 0
})
