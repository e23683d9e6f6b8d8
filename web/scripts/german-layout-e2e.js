// Browser test of German layouts and the node history against a real Momentum server with the
// demo organisation, run by the server's GermanLayoutBrowserIT. In German, at 1400x1000 and
// 1280x800: the links of the unit summary and the buttons of a signal must each stay on one
// line and share one row, and the buttons of a brief schedule row must share one row. In the OKR
// editor the title and the meta line of the objective "Make checkout effortless on every device"
// and the labels of the quality panel's buttons must each stay on one line. The node page of an
// objective with a long title must show the whole title in its box and a History section for the
// period in the address. Writes screenshots and prints one JSON line with the measurements;
// exits with 1 when a step fails.
//
//   node scripts/german-layout-e2e.js --url http://127.0.0.1:8080 --email E --password P \
//     --unit UNIT_ID --objective OBJECTIVE_ID --from ISO --to ISO --out DIR
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
    objective: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

const VIEWPORTS = [{ width: 1400, height: 1000 }, { width: 1280, height: 800 }]

/** Returns how many lines the text of each element matching `selector` takes, by the distinct tops of its line boxes. */
function textLines(selector) {
  return [...document.querySelectorAll(selector)].map((element) => {
    const range = document.createRange()
    range.selectNodeContents(element)
    const tops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)))
    return { text: element.textContent.trim(), lines: tops.size }
  })
}

/** Returns the distinct rounded tops of the elements matching `selector`: one entry when they share a row. */
function rowTops(selector) {
  return [...new Set([...document.querySelectorAll(selector)].map((element) => Math.round(element.getBoundingClientRect().top)))]
}

/**
 * Measures the buttons of the first signal: lines of each label, the distinct tops of the
 * buttons, and how far any reaches past the card (0 or less fits).
 */
function signalButtons() {
  const card = document.querySelector('[data-testid="signal-acknowledge"]').closest('li')
  const buttons = [...card.querySelector('.actions').querySelectorAll('button')]
  const cardRight = card.getBoundingClientRect().right
  return {
    overhang: Math.max(...buttons.map((button) => Math.round(button.getBoundingClientRect().right - cardRight))),
    buttonTops: [...new Set(buttons.map((button) => Math.round(button.getBoundingClientRect().top)))],
    labels: buttons.map((button) => {
      const range = document.createRange()
      range.selectNodeContents(button)
      const tops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)))
      return { text: button.textContent.trim(), lines: tops.size }
    }),
  }
}

/** Measures a schedule row: the tops of its buttons, and how far they reach past the row. */
function scheduleRow(kind) {
  const row = document.querySelector(`[data-testid="brief-schedule-${kind}"]`)
  const buttons = [...row.querySelectorAll('button')]
  return {
    describe: row.querySelector('[data-testid="brief-schedule-describe"]').textContent.trim(),
    next: row.querySelector('[data-testid="brief-schedule-next"]').textContent.trim(),
    buttonTops: buttons.map((button) => Math.round(button.getBoundingClientRect().top)),
    overhang: Math.max(...buttons.map((button) => Math.round(button.getBoundingClientRect().right - row.getBoundingClientRect().right))),
  }
}

async function chooseGerman(page) {
  await page.locator('[data-testid="language-de"]').dispatchEvent('click')
  await page.waitForFunction(() => document.documentElement.lang === 'de')
}

await runScenario({ out: options.out, name: 'german-layout' }, async (page, result) => {
  const boardPath = `/units/${options.unit}`
  await logInAt(page, { url: options.url, path: boardPath, email: options.email, password: options.password })
  const errorsBeforeBoard = result.consoleErrors.length
  await chooseGerman(page)

  result.board = {}
  result.briefs = {}
  result.editor = {}
  for (const viewport of VIEWPORTS) {
    const view = `${viewport.width}x${viewport.height}`
    await page.setViewportSize(viewport)
    await page.goto(`${options.url}${boardPath}`)
    await page.locator('[data-testid="edit-okrs"]').waitFor({ timeout: 15_000 })
    await page.locator('[data-testid="signal-acknowledge"]').first().waitFor({ timeout: 30_000 })
    result.board[view] = {
      unitLinks: await page.evaluate(textLines, '.unit-links a'),
      unitLinkTops: await page.evaluate(rowTops, '.unit-links a'),
      signal: await page.evaluate(signalButtons),
    }
    await page.screenshot({ path: join(options.out, `german-board-${view}.png`) })

    await page.goto(`${options.url}${boardPath}/edit`)
    const objective = '[data-testid="tree-objective-effortless-checkout"] > .card'
    await page.locator(objective).waitFor({ timeout: 15_000 })
    await page.click('[data-testid="edit-effortless-checkout"]')
    await page.locator('[data-testid="objective-form"] ~ [data-testid="quality-panel"] [data-testid="quality-score"]')
      .waitFor({ timeout: 15_000 })
    result.editor[view] = {
      title: await page.evaluate(textLines, `${objective} .title`),
      meta: await page.evaluate(textLines, `${objective} .meta`),
      qualityButtons: await page.evaluate(textLines, '[data-testid="quality-panel"] .actions button'),
    }
    await page.locator('[data-testid="tree-objective-effortless-checkout"]').screenshot({ path: join(options.out, `german-editor-${view}.png`) })

    await page.goto(`${options.url}${boardPath}/briefs`)
    await page.locator('[data-testid="brief-schedule-monthly"]').waitFor({ timeout: 15_000 })
    result.briefs[view] = await page.evaluate(scheduleRow, 'monthly')
    await page.locator('[data-testid="brief-schedules"]').screenshot({ path: join(options.out, `german-schedules-${view}.png`) })
  }

  await page.setViewportSize(VIEWPORTS[0])
  const query = new URLSearchParams({ from: options.from, to: options.to })
  await page.goto(`${options.url}/nodes/${options.objective}/impact?${query}#history`)
  await page.locator('[data-testid="history-table"]').waitFor({ timeout: 15_000 })
  const rootBox = page.locator('[data-testid="impact-graph"] [aria-current="page"]')
  result.impact = {
    titleLines: await rootBox.locator('tspan').allTextContents(),
    rows: await page.locator('[data-testid^="history-row-"]').evaluateAll((rows) => rows.map((row) => ({
      id: row.getAttribute('data-testid').replace('history-row-', ''),
      before: row.querySelector('[data-testid="history-before"] .progress')?.textContent.trim() ?? null,
      after: row.querySelector('[data-testid="history-after"] .progress')?.textContent.trim() ?? null,
      link: row.querySelector('[data-testid="history-link"]')?.getAttribute('href') ?? null,
    }))),
    historyTop: await page.locator('#history').evaluate((section) => Math.round(section.getBoundingClientRect().top)),
  }
  await page.screenshot({ path: join(options.out, 'german-node-history.png'), fullPage: true })
  result.unexpectedConsoleErrors = result.consoleErrors.slice(errorsBeforeBoard)

  const oneLine = (entries) => entries.length > 0 && entries.every((entry) => entry.lines === 1)
  const boardFits = Object.values(result.board).every((board) => oneLine(board.unitLinks) && board.unitLinkTops.length === 1
    && oneLine(board.signal.labels) && board.signal.buttonTops.length === 1 && board.signal.overhang <= 0)
  const editorFits = Object.values(result.editor).every((editor) => oneLine(editor.title) && oneLine(editor.meta)
    && oneLine(editor.qualityButtons))
  const rowsFit = Object.values(result.briefs).every((row) => new Set(row.buttonTops).size === 1 && row.overhang <= 0)
  return boardFits && editorFits && rowsFit && result.impact.rows.length > 0 && result.unexpectedConsoleErrors.length === 0
})
