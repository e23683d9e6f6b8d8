// Browser test of the Draft OKRs page against a real Momentum server, run by the server's
// DraftsBrowserIT. A person opens the page from the unit board and generates proposals from a
// strategy text. They open a cited library example, reject one proposal with a reason, and accept
// another. The OKR editor then opens with the objective prefilled and the same quality score as
// the proposal's card, and after saving it with the first drafted key result prefilled. Finally
// they switch the page to German and draft from a German strategy text. Writes screenshots and
// prints one JSON line with the results; exits with 1 when a check fails.
//
//   node scripts/drafts-e2e.js --url http://127.0.0.1:8080 --email E --password P --unit UNIT_ID \
//     --strategy "..." --german-strategy "..." --out DIR
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
    'german-strategy': { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

async function text(locator) {
  return (await locator.textContent()).trim()
}

async function generate(page, result) {
  await page.click('[data-testid="draft-okrs"]')
  await page.waitForURL((current) => current.pathname === `/units/${options.unit}/drafts`)
  await page.fill('[data-testid="draft-strategy"]', options.strategy)
  await page.click('[data-testid="draft-generate"]')
  await page.locator('[data-testid="draft-results"]').waitFor({ timeout: 30_000 })
  const proposals = page.locator('[data-testid^="proposal-p"]')
  result.proposals = await proposals.count()
  result.titles = await page.locator('[data-testid="proposal-title"]').allTextContents()
  result.scores = (await page.locator('[data-testid="proposal-score"]').allTextContents()).map((s) => s.trim())
  // Space between the first card's border and its title, in CSS pixels, on the left and at the top.
  const cardBox = await proposals.first().boundingBox()
  const titleBox = await proposals.first().locator('[data-testid="proposal-title"]').boundingBox()
  result.cardInset = { left: titleBox.x - cardBox.x, top: titleBox.y - cardBox.y }
  result.sourceTypes = await page.locator('.sources li').evaluateAll((items) => [...new Set(items.map((li) => li.dataset.sourceType))])
  result.kpiSource = await page.locator('[data-source-type="kpi"]').first().textContent().then((s) => s.trim()).catch(() => null)
  result.phrases = await page.locator('.phrases').allTextContents().then((all) => all.map((s) => s.trim()))
  result.uncovered = await page.locator('[data-testid="draft-uncovered"] li').allTextContents().then((all) => all.map((s) => s.trim()))
  result.underWay = await page.locator('[data-testid="draft-under-way"] li').allTextContents().then((all) => all.map((s) => s.replace(/\s+/g, ' ').trim()))
  result.underWayLinks = await page.locator('[data-testid="draft-under-way"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
  // Where each key result's numbers come from, as its card marks it: example, kpi or past.
  result.numbers = await page.locator('[data-testid^="numbers-p"]').evaluateAll((tags) =>
    tags.map((tag) => ({ id: tag.dataset.testid.replace('numbers-', ''), numbers: tag.dataset.numbers, text: tag.textContent.trim() })))
  result.numbersHelp = await page.locator('[data-testid^="numbers-help-"]').allTextContents().then((all) => all.map((s) => s.trim()))
  const trackedNotes = page.locator('[data-testid^="already-tracked-"]')
  result.alreadyTracked = await trackedNotes.allTextContents().then((all) => all.map((s) => s.replace(/\s+/g, ' ').trim()))
  result.alreadyTrackedLinks = await trackedNotes.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
  if ((await trackedNotes.count()) > 0) {
    await trackedNotes.first().locator('xpath=ancestor::article').screenshot({ path: join(options.out, 'drafts-already-tracked.png') })
  }
}

async function openLibraryExample(page, result) {
  const button = page.locator('button[data-testid*="-library-"]').first()
  await button.click()
  const example = page.locator('[data-testid$="-example"]').first()
  await example.waitFor({ timeout: 10_000 })
  result.exampleText = await text(example)
  await page.screenshot({ path: join(options.out, 'drafts-proposals.png'), fullPage: true })
}

async function rejectSecond(page, result) {
  await page.click('[data-testid="reject-p2"]')
  const form = page.locator('[data-testid="reject-form-p2"]')
  await form.waitFor({ timeout: 10_000 })
  await form.locator('[data-testid="reject-reason-already_covered"]').check()
  await form.locator('[data-testid="reject-note"]').fill('Our support team owns this already.')
  await page.screenshot({ path: join(options.out, 'drafts-reject-reason.png'), fullPage: true })
  await page.click('[data-testid="reject-confirm-p2"]')
  const rejected = page.locator('[data-testid="proposal-p2"] [data-testid="proposal-rejected"]')
  await rejected.waitFor({ timeout: 10_000 })
  result.rejectedText = await text(rejected)
}

async function draftInGerman(page, result) {
  await page.goto(`${options.url}/units/${options.unit}/drafts`)
  await page.click('[data-testid="language-de"]')
  await page.fill('[data-testid="draft-strategy"]', options['german-strategy'])
  await page.click('[data-testid="draft-generate"]')
  await page.locator('[data-testid="draft-results"]').waitFor({ timeout: 30_000 })
  result.germanAccept = await text(page.locator('[data-testid="accept-p1"]'))
  result.germanHeading = await text(page.locator('.results > h2'))
  result.germanKeyResults = await page.locator('.key-results .kr-title > span:first-child').allTextContents()
  result.germanNumbers = await page.locator('[data-testid^="numbers-p"]').allTextContents().then((all) => all.map((s) => s.trim()))
  result.germanNumbersHelp = await page.locator('[data-testid^="numbers-help-"]').allTextContents().then((all) => all.map((s) => s.trim()))
  result.germanAlreadyTracked = await page.locator('[data-testid^="already-tracked-"]').allTextContents()
    .then((all) => all.map((s) => s.replace(/\s+/g, ' ').trim()))
  result.germanFindings = await page.locator('.findings li').allTextContents().then((all) => all.map((s) => s.trim()))
  result.germanSources = await page.locator('.sources li').allTextContents().then((all) => all.map((s) => s.replace(/\s+/g, ' ').trim()))
  await page.screenshot({ path: join(options.out, 'drafts-german.png'), fullPage: true })
  await page.click('[data-testid="language-en"]')
}

/** Returns the number in a score text such as "Quality 90/100" or "Objective score 90/100". */
function scoreOf(textWithScore) {
  return Number(/(\d+)\/100/.exec(textWithScore)?.[1] ?? Number.NaN)
}

async function acceptFirst(page, result) {
  await page.click('[data-testid="accept-p1"]')
  await page.waitForURL((current) => current.pathname === `/units/${options.unit}/edit`)
  await page.locator('[data-testid="draft-banner"]').waitFor({ timeout: 15_000 })
  result.prefilledObjective = await page.inputValue('[data-testid="objective-title"]')
  const editorScore = page.locator('[data-testid="objective-form"] ~ [data-testid="quality-panel"] [data-testid="quality-score"]')
  await editorScore.waitFor({ timeout: 15_000 })
  result.cardScore = scoreOf(result.scores[0])
  result.editorScore = scoreOf(await text(editorScore))
  result.editorFindings = await page.locator('[data-testid="quality-panel"] li').allTextContents().then((all) => all.map((s) => s.trim()))
  await page.screenshot({ path: join(options.out, 'drafts-editor-objective.png'), fullPage: true })
  await page.click('[data-testid="objective-save"]')
  await page.locator('[data-testid="kr-title"]').waitFor({ timeout: 15_000 })
  result.prefilledKeyResult = await page.inputValue('[data-testid="kr-title"]')
  result.bannerAfterObjective = await text(page.locator('[data-testid="draft-banner"] p'))
  await page.screenshot({ path: join(options.out, 'drafts-editor-key-result.png'), fullPage: true })
  await saveDraftedKeyResult(page, result)
  await page.waitForFunction(() => document.querySelector('[data-testid="draft-banner"] p')?.textContent.includes('2 of'),
    null, { timeout: 15_000 })
  result.bannerAfterKeyResult = await text(page.locator('[data-testid="draft-banner"] p'))
  await page.click('[data-testid="draft-stop"]')
  await page.locator('[data-testid="draft-banner"]').waitFor({ state: 'detached', timeout: 10_000 })
}

/**
 * Saves the drafted key result in the editor. Library example numbers are marked: the first save
 * is held back with a request to replace them, so the person types their own start and target.
 */
async function saveDraftedKeyResult(page, result) {
  const notice = page.locator('[data-testid="kr-example-numbers"]')
  result.editorExampleNotice = (await notice.count()) > 0 ? await text(notice) : null
  result.editorExampleFields = await page.locator('[data-testid="key-result-form"] [data-example="true"]')
    .evaluateAll((inputs) => inputs.map((input) => input.dataset.testid))
  if (result.editorExampleNotice === null) {
    await page.click('[data-testid="kr-save"]')
    return
  }
  await page.click('[data-testid="kr-save"]')
  const error = page.locator('[data-testid="key-result-form"] [data-testid="kr-example-kept"]')
  await error.waitFor({ timeout: 10_000 })
  result.exampleKeptError = await text(error)
  await page.screenshot({ path: join(options.out, 'drafts-editor-example-numbers.png'), fullPage: true })
  const decrease = (await page.inputValue('[data-testid="kr-measurement"]')) === 'decrease'
  result.ownNumbers = decrease ? { start: 11, target: 7 } : { start: 7, target: 11 }
  await page.fill('[data-testid="kr-start"]', String(result.ownNumbers.start))
  await page.fill('[data-testid="kr-target"]', String(result.ownNumbers.target))
  result.noticeAfterReplacing = await notice.count()
  result.titleAfterReplacing = await page.inputValue('[data-testid="kr-title"]')
  await page.click('[data-testid="kr-save"]')
}

async function main() {
  await runScenario({ out: options.out, name: 'drafts' }, async (page, result) => {
    await logInAt(page, { url: options.url, path: `/units/${options.unit}`, email: options.email, password: options.password })
    // The login page's own 401 comes before this point; every later error response is unexpected.
    const errorsBeforeDrafts = result.consoleErrors.length
    result.failedRequests = []
    page.on('response', (response) => {
      if (response.status() >= 400) {
        result.failedRequests.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`)
      }
    })
    await generate(page, result)
    await openLibraryExample(page, result)
    await rejectSecond(page, result)
    await acceptFirst(page, result)
    await draftInGerman(page, result)
    result.unexpectedConsoleErrors = result.consoleErrors.slice(errorsBeforeDrafts)
    return result.proposals >= 2 && result.prefilledObjective === result.titles[0].trim() && result.cardScore === result.editorScore
  })
}

main()
