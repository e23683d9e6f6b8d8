// Browser test of the layout at laptop widths against a real Momentum server, run by the server's
// LayoutBrowserIT. A person opens a team board that has a confidence-drop signal through a link to
// that signal. At 1400 and 1280 px, in English and German, with "Live" shown, the header must stay
// one row without horizontal overflow. The strategy textarea of the drafts page and the reason
// textarea of the snooze form must stay inside their cards. The linked signal must be highlighted
// and its chart must plot confidence. Writes screenshots and prints one JSON line with the
// results; exits with 1 when a step fails.
//
//   node scripts/layout-e2e.js --url http://127.0.0.1:8080 --email E --password P \
//     --unit UNIT_ID --signal SIGNAL_ID --out DIR
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
    unit: { type: 'string' },
    signal: { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

const WIDTHS = [1400, 1280]
const LANGUAGES = ['en', 'de']

/** Measures the header: its overflow, and whether every shown item sits in the first row. */
function measureHeader() {
  const header = document.querySelector('.app-header')
  const items = [...header.children].filter((item) => item.getBoundingClientRect().width > 0)
  const firstBottom = Math.min(...items.map((item) => item.getBoundingClientRect().bottom))
  return {
    overflow: header.scrollWidth - header.clientWidth,
    height: Math.round(header.getBoundingClientRect().height),
    wrapped: items.filter((item) => item.getBoundingClientRect().top >= firstBottom).map((item) => item.className || item.tagName),
  }
}

/** Returns how far the element `inner` reaches past the content box of `outer`, in px (0 or less fits). */
function overhang([inner, outer]) {
  const innerBox = inner.getBoundingClientRect()
  const outerBox = outer.getBoundingClientRect()
  const style = getComputedStyle(outer)
  const contentRight = outerBox.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth)
  return Math.round((innerBox.right - contentRight) * 10) / 10
}

async function chooseLanguage(page, language) {
  await page.locator(`[data-testid="language-${language}"]`).dispatchEvent('click')
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language)
}

await runScenario({ out: options.out, name: 'layout' }, async (page, result) => {
  const boardPath = `/units/${options.unit}`
  await logInAt(page, { url: options.url, path: boardPath, email: options.email, password: options.password })
  const errorsBeforeBoard = result.consoleErrors.length
  await page.goto(`${options.url}${boardPath}#signal-${options.signal}`)
  const signal = page.locator(`#signal-${options.signal}`)
  await signal.waitFor({ timeout: 15_000 })
  await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor({ timeout: 15_000 })

  result.signalLinked = (await signal.getAttribute('class')).split(' ').includes('linked')
  result.evidenceOpen = await signal.locator('[data-testid="signal-evidence"]').evaluate((details) => details.open)
  const chart = signal.locator('[data-testid="signal-chart"]')
  result.chartMetric = await chart.getAttribute('data-metric')
  result.chartTitle = (await chart.locator('[data-testid="signal-chart-title"]').textContent()).trim()
  result.chartScale = [
    (await chart.locator('[data-testid="signal-chart-min"]').textContent()).trim(),
    (await chart.locator('[data-testid="signal-chart-max"]').textContent()).trim(),
  ]
  result.chartThreshold = await chart.locator('[data-testid="signal-chart-line-threshold"]').count()
  await signal.screenshot({ path: join(options.out, 'layout-signal-linked.png') })

  result.header = {}
  for (const language of LANGUAGES) {
    await chooseLanguage(page, language)
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 })
      await page.evaluate(() => window.scrollTo(0, 0))
      result.header[`${language}-${width}`] = await page.evaluate(measureHeader)
      await page.screenshot({ path: join(options.out, `layout-header-${language}-${width}.png`), clip: { x: 0, y: 0, width, height: 120 } })
    }
  }

  await page.setViewportSize({ width: 1400, height: 900 })
  result.snoozeOverhang = {}
  await signal.locator('[data-testid="signal-snooze"]').click()
  for (const language of LANGUAGES) {
    await chooseLanguage(page, language)
    const reason = signal.locator('[data-testid="signal-reason"]')
    result.snoozeOverhang[language] = await page.evaluate(overhang, [await reason.elementHandle(), await signal.elementHandle()])
    await signal.screenshot({ path: join(options.out, `layout-snooze-${language}.png`) })
  }

  await page.goto(`${options.url}/units/${options.unit}/drafts`)
  const strategy = page.locator('[data-testid="draft-strategy"]')
  await strategy.waitFor({ timeout: 15_000 })
  result.draftOverhang = {}
  for (const language of LANGUAGES) {
    await chooseLanguage(page, language)
    const form = page.locator('[data-testid="draft-form"]')
    result.draftOverhang[language] = await page.evaluate(overhang, [await strategy.elementHandle(), await form.elementHandle()])
    await form.screenshot({ path: join(options.out, `layout-drafts-${language}.png`) })
  }
  await chooseLanguage(page, 'en')
  result.unexpectedConsoleErrors = result.consoleErrors.slice(errorsBeforeBoard)

  const headersFit = Object.values(result.header).every((header) => header.overflow <= 0 && header.wrapped.length === 0)
  const textareasFit = [...Object.values(result.snoozeOverhang), ...Object.values(result.draftOverhang)].every((px) => px <= 0)
  return headersFit && textareasFit && result.signalLinked && result.chartMetric === 'confidence'
})
