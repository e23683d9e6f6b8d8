// Browser test of the key result editor at laptop sizes against a real Momentum server, run by the
// server's EditorBrowserIT. At 1400x1000 and 1280x800, in English and German, a person types a
// decreasing lead time from 14 to 4 days. The quality panel's score must stay on one line inside
// the panel, and the zone preview must show the default stretch level (-0.29 days) as out of reach
// with a button that types the stretch level 0, and every select of the form must be wide enough
// for its longest option. Finally the key result is saved with the default
// stretch level, and its board card must show that level as out of reach too. Writes screenshots
// and prints one JSON line with the results; exits with 1 when a step fails.
//
//   node scripts/editor-e2e.js --url http://127.0.0.1:8080 --email E --password P \
//     --unit UNIT_ID --cycle CYCLE_ID --objective-key objective --out DIR
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
    cycle: { type: 'string' },
    'objective-key': { type: 'string', default: 'objective' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

const VIEWPORTS = [{ width: 1400, height: 1000 }, { width: 1280, height: 800 }]
const TYPED = {
  en: { title: 'Reduce lead time from merge to app store release from 14 to 4 days', unit: 'days' },
  de: { title: 'Durchlaufzeit vom Merge bis zur App-Store-Freigabe von 14 auf 4 Tage senken', unit: 'Tage' },
}
const KEY = 'lead-time'

async function text(locator) {
  return (await locator.textContent()).trim()
}

async function chooseLanguage(page, language) {
  await page.locator(`[data-testid="language-${language}"]`).dispatchEvent('click')
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language)
}

/**
 * Measures the quality panel's score: the number of lines its text takes, and how far the score
 * and the panel's content reach past the panel, in px (0 or less fits).
 */
function measureScore() {
  const panel = document.querySelector('[data-testid="key-result-form"] ~ [data-testid="quality-panel"]')
  const score = panel.querySelector('[data-testid="quality-score"]')
  const range = document.createRange()
  range.selectNodeContents(score)
  // Rects of text on one line overlap vertically even where label and number differ in weight.
  const rects = [...range.getClientRects()].filter((rect) => rect.width > 0).sort((a, b) => a.top - b.top)
  let lines = 0
  let lineBottom = -Infinity
  for (const rect of rects) {
    if (rect.top >= lineBottom - 1) {
      lines += 1
      lineBottom = rect.bottom
    } else {
      lineBottom = Math.max(lineBottom, rect.bottom)
    }
  }
  return {
    lines,
    overhang: Math.round(score.getBoundingClientRect().right - panel.getBoundingClientRect().right),
    overflow: panel.scrollWidth - panel.clientWidth,
  }
}

/**
 * Measures the selects of the key result form: for each, how many px its longest option needs
 * beyond the select's width, counting its padding and the arrow (0 or less fits).
 */
function measureSelects() {
  const ARROW = 20
  const probe = document.createElement('span')
  probe.style.position = 'absolute'
  probe.style.visibility = 'hidden'
  probe.style.whiteSpace = 'pre'
  document.body.append(probe)
  const shortfalls = {}
  for (const select of document.querySelectorAll('[data-testid="key-result-form"] select:not([multiple])')) {
    const style = getComputedStyle(select)
    probe.style.font = style.font
    let longest = 0
    for (const option of select.options) {
      probe.textContent = option.textContent
      longest = Math.max(longest, probe.getBoundingClientRect().width)
    }
    const needed = longest + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + ARROW
    shortfalls[select.dataset.testid] = Math.ceil(needed - select.getBoundingClientRect().width)
  }
  probe.remove()
  return shortfalls
}

/** Opens a new key result form under the objective and types the lead time key result. */
async function typeLeadTime(page, language) {
  await page.goto(`${options.url}/units/${options.unit}/edit?cycle=${options.cycle}`)
  await page.click(`[data-testid="add-kr-${options['objective-key']}"]`)
  await page.fill('[data-testid="kr-title"]', TYPED[language].title)
  await page.fill('[data-testid="kr-key"]', KEY)
  await page.selectOption('[data-testid="kr-measurement"]', 'decrease')
  await page.fill('[data-testid="kr-start"]', '14')
  await page.fill('[data-testid="kr-target"]', '4')
  await page.fill('[data-testid="kr-unit"]', TYPED[language].unit)
  await page.locator('[data-testid="key-result-form"] ~ [data-testid="quality-panel"] [data-testid="quality-score"]')
    .waitFor({ timeout: 15_000 })
}

/** Reads the score layout and the zone preview, then uses the offered stretch level. */
async function checkEditor(page, language, viewport, result) {
  const view = `${language}-${viewport.width}`
  await page.setViewportSize(viewport)
  await typeLeadTime(page, language)
  const preview = page.locator('[data-testid="zone-preview"]')
  const editor = {
    score: await text(page.locator('[data-testid="key-result-form"] ~ [data-testid="quality-panel"] [data-testid="quality-score"]')),
    ...(await page.evaluate(measureScore)),
    selectShortfalls: await page.evaluate(measureSelects),
    stretchBand: await text(preview.locator('[data-zone="stretch"] .range')),
    unreachable: await text(preview.locator('[data-testid="zone-unreachable-stretch"]')),
    useButton: await text(preview.locator('[data-testid="zone-use-stretch"]')),
  }
  await page.screenshot({ path: join(options.out, `editor-${view}.png`) })
  await preview.locator('[data-testid="zone-use-stretch"]').click()
  editor.stretchTyped = await page.inputValue('[data-testid="kr-stretch"]')
  editor.stretchBandAfter = await text(preview.locator('[data-zone="stretch"] .range'))
  editor.unreachableAfter = await preview.locator('[data-testid="zone-unreachable-stretch"]').count()
  result.editor[view] = editor
}

/** Saves the lead time with the default stretch level and reads its board card. */
async function checkBoardCard(page, result) {
  await page.setViewportSize(VIEWPORTS[0])
  await typeLeadTime(page, 'en')
  const saved = page.waitForResponse((response) => response.request().method() === 'POST'
    && new URL(response.url()).pathname === '/api/v1/key-results')
  await page.click('[data-testid="kr-save"]')
  result.saveStatus = (await saved).status()
  await page.goto(`${options.url}/units/${options.unit}`)
  const levels = page.locator(`[data-testid="kr-${KEY}"] [data-testid="zone-levels"]`)
  await levels.waitFor({ timeout: 15_000 })
  result.boardLevels = await text(levels)
  await page.locator(`[data-testid="kr-${KEY}"]`).screenshot({ path: join(options.out, 'editor-board-card.png') })
}

await runScenario({ out: options.out, name: 'editor' }, async (page, result) => {
  const editorPath = `/units/${options.unit}/edit`
  await logInAt(page, { url: options.url, path: editorPath, email: options.email, password: options.password })
  result.editor = {}
  for (const language of ['en', 'de']) {
    await chooseLanguage(page, language)
    for (const viewport of VIEWPORTS) {
      await checkEditor(page, language, viewport, result)
    }
  }
  await chooseLanguage(page, 'en')
  await checkBoardCard(page, result)
  return Object.values(result.editor).every((editor) => editor.lines === 1 && editor.overflow <= 0 && editor.stretchTyped === '0'
    && Object.values(editor.selectShortfalls).every((shortfall) => shortfall <= 0))
})
