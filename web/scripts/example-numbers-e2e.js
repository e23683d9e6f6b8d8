// Browser test of the example numbers mark against a real Momentum server, run by the server's
// ExampleNumbersBrowserIT. A person drafts OKRs from a strategy text, accepts the first proposal
// and saves its first key result with the library's example numbers on purpose (saving twice,
// because the editor holds back the first save with a request that spans the value fields). The
// unit board's key result card and the OKR editor's tree then show the "Example numbers" mark.
// The person opens the key result in the editor, ticks "These are our numbers" and saves, and the
// mark leaves the live board without a reload. Writes screenshots and prints one JSON line with
// the results; exits with 1 when a check fails.
//
//   node scripts/example-numbers-e2e.js --url http://127.0.0.1:8080 --email E --password P \
//     --unit UNIT_ID --strategy "..." --out DIR
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
    strategy: { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

async function text(locator) {
  return (await locator.textContent()).trim()
}

/** Drafts from the strategy text and accepts the first proposal into the OKR editor. */
async function acceptFirstProposal(page, result) {
  await page.click('[data-testid="draft-okrs"]')
  await page.waitForURL((current) => current.pathname === `/units/${options.unit}/drafts`)
  await page.fill('[data-testid="draft-strategy"]', options.strategy)
  await page.click('[data-testid="draft-generate"]')
  await page.locator('[data-testid="draft-results"]').waitFor({ timeout: 30_000 })
  await page.click('[data-testid="accept-p1"]')
  await page.waitForURL((current) => current.pathname === `/units/${options.unit}/edit`)
  await page.locator('[data-testid="draft-banner"]').waitFor({ timeout: 15_000 })
  // Waits for the editor's first load as a person would see it, before saving the drafted objective.
  await page.locator('[data-testid^="tree-kr-"]').first().waitFor({ timeout: 15_000 })
  await page.locator('[data-testid="objective-form"] ~ [data-testid="quality-panel"] [data-testid="quality-score"]')
    .waitFor({ timeout: 15_000 })
  await page.click('[data-testid="objective-save"]')
  await page.locator('[data-testid="kr-title"]').waitFor({ timeout: 15_000 })
}

/**
 * Saves the first drafted key result with its example numbers kept: the editor holds back the
 * first save with a request to replace them, and the second save keeps them.
 */
async function keepExampleNumbers(page, result) {
  result.editorExampleNotice = (await page.locator('[data-testid="kr-example-numbers"]').count()) > 0
  result.savedTitle = await page.inputValue('[data-testid="kr-title"]')
  await page.click('[data-testid="kr-save"]')
  const error = page.locator('[data-testid="key-result-form"] [data-testid="kr-example-kept"]')
  await error.waitFor({ timeout: 10_000 })
  result.exampleKeptError = await text(error)
  // The request spans the value fields' row instead of filling the Start column.
  result.exampleKeptWidth = await error.evaluate((element) => Math.round(element.getBoundingClientRect().width))
  result.valueRowWidth = await page.locator('[data-testid="key-result-form"] .row.four')
    .evaluate((row) => Math.round(row.getBoundingClientRect().width))
  await page.locator('[data-testid="key-result-form"]').screenshot({ path: join(options.out, 'example-numbers-kept.png') })
  await page.click('[data-testid="kr-save"]')
  await page.waitForFunction(() => document.querySelector('[data-testid="draft-banner"] p')?.textContent.includes('2 of'),
    null, { timeout: 15_000 })
  await page.click('[data-testid="draft-stop"]')
  await page.locator('[data-testid="draft-banner"]').waitFor({ state: 'detached', timeout: 10_000 })
}

/** Reads the mark of the saved key result in the editor's tree and returns the key result's key. */
async function readTreeMark(page, result) {
  const marked = page.locator('[data-testid^="tree-kr-"]').filter({ has: page.locator('[data-testid="example-numbers"]') })
  await marked.first().waitFor({ timeout: 15_000 })
  result.treeMarked = await marked.count()
  result.treeMark = await text(marked.first().locator('[data-testid="example-numbers"]'))
  result.treeMarkTitle = await marked.first().locator('[data-testid="example-numbers"]').getAttribute('title')
  result.treeTitle = await text(marked.first().locator('h4.title'))
  const key = (await marked.first().getAttribute('data-testid')).replace('tree-kr-', '')
  result.key = key
  await page.screenshot({ path: join(options.out, 'example-numbers-tree.png'), fullPage: true })
  return key
}

/** Opens the unit board and reads the mark on the key result's card. */
async function readBoardMark(page, result, key) {
  await page.goto(`${options.url}/units/${options.unit}`)
  const card = page.locator(`[data-testid="kr-${key}"]`)
  await card.waitFor({ timeout: 15_000 })
  const mark = card.locator('[data-testid="example-numbers"]')
  await mark.waitFor({ timeout: 15_000 })
  result.boardMark = await text(mark)
  result.boardMarkTitle = await mark.getAttribute('title')
  result.boardVersionBefore = await card.getAttribute('data-version')
  await page.screenshot({ path: join(options.out, 'example-numbers-board.png'), fullPage: true })
}

/**
 * Confirms the numbers as the team's own in a second tab's editor and waits, in the first tab,
 * for the live board to drop the mark without a reload.
 */
async function confirmOwnNumbers(page, result, key) {
  const editor = await page.context().newPage()
  await editor.goto(`${options.url}/units/${options.unit}/edit`)
  await editor.click(`[data-testid="edit-${key}"]`)
  const stored = editor.locator('[data-testid="kr-example-numbers-stored"]')
  await stored.waitFor({ timeout: 15_000 })
  result.editorStoredNotice = await text(stored)
  await editor.check('[data-testid="kr-own-numbers"]')
  await editor.screenshot({ path: join(options.out, 'example-numbers-confirm.png'), fullPage: true })
  const saved = editor.waitForResponse((response) => response.request().method() === 'PATCH'
    && response.url().includes('/api/v1/key-results/'))
  await editor.click('[data-testid="kr-save"]')
  result.confirmStatus = (await saved).status()
  await editor.locator(`[data-testid="tree-kr-${key}"]`).waitFor({ timeout: 15_000 })
  await editor.waitForFunction((treeKey) => {
    const node = document.querySelector(`[data-testid="tree-kr-${treeKey}"]`)
    return node !== null && node.querySelector('[data-testid="example-numbers"]') === null
  }, key, { timeout: 15_000 })
  result.treeMarkAfter = await editor.locator(`[data-testid="tree-kr-${key}"] [data-testid="example-numbers"]`).count()
  await editor.close()

  const started = Date.now()
  await page.waitForFunction((cardKey) => {
    const card = document.querySelector(`[data-testid="kr-${cardKey}"]`)
    return card !== null && card.querySelector('[data-testid="example-numbers"]') === null
  }, key, { timeout: 15_000 })
  result.boardClearMillis = Date.now() - started
  const card = page.locator(`[data-testid="kr-${key}"]`)
  result.boardMarkAfter = await card.locator('[data-testid="example-numbers"]').count()
  result.boardVersionAfter = await card.getAttribute('data-version')
  result.boardUrlAfter = new URL(page.url()).pathname
  await page.screenshot({ path: join(options.out, 'example-numbers-board-confirmed.png'), fullPage: true })
}

async function main() {
  await runScenario({ out: options.out, name: 'example-numbers' }, async (page, result) => {
    await logInAt(page, { url: options.url, path: `/units/${options.unit}`, email: options.email, password: options.password })
    await acceptFirstProposal(page, result)
    await keepExampleNumbers(page, result)
    const key = await readTreeMark(page, result)
    await readBoardMark(page, result, key)
    await confirmOwnNumbers(page, result, key)
    return result.boardMark === '· Example numbers' && result.boardMarkAfter === 0 && result.treeMarkAfter === 0
  })
}

main()
