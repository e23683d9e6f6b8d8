// Browser test of review briefs against a real Momentum server, run by the server's
// BriefsBrowserIT. A person logs in, opens a team's Briefs page from its board and generates a
// weekly brief in English. They follow a linked key result to its page and come back, download
// the Markdown and PDF, add a weekly schedule, and generate the German brief with the page in
// German. Writes screenshots and prints one JSON line with the results; exits with 1 when a step
// fails.
//
//   node scripts/briefs-e2e.js --url http://127.0.0.1:8080 --email E --password P --unit UNIT_ID --out DIR
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
    out: { type: 'string', default: 'target/screenshots' },
  },
})

/** Reads the rendered brief: section keys, sentence count, and the links of every sentence. */
async function readBrief(page) {
  return page.evaluate(() => {
    const sections = [...document.querySelectorAll('[data-testid^="brief-section-"]')]
    return {
      title: document.querySelector('[data-testid="brief-title"]')?.textContent.trim(),
      sections: sections.map((section) => section.dataset.testid.replace('brief-section-', '')),
      headings: sections.map((section) => section.querySelector('h3').textContent.trim()),
      sentences: document.querySelectorAll('[data-testid="brief-sentence"]').length,
      links: [...document.querySelectorAll('[data-testid="brief-link"]')].map((link) => link.getAttribute('href')),
      texts: [...document.querySelectorAll('[data-testid="brief-sentence"]')].map((s) => s.textContent.trim()),
    }
  })
}

async function download(page, testId) {
  const href = await page.locator(`[data-testid="${testId}"]`).getAttribute('href')
  return page.evaluate(async (path) => {
    const response = await fetch(path, { credentials: 'same-origin' })
    const body = await response.arrayBuffer()
    return { status: response.status, type: response.headers.get('Content-Type'), size: body.byteLength,
      head: new TextDecoder().decode(body.slice(0, 5)) }
  }, href)
}

await runScenario({ out: options.out, name: 'briefs', viewport: { width: 1400, height: 1600 } }, async (page, result) => {
  const board = `/units/${options.unit}`
  await logInAt(page, { url: options.url, path: board, email: options.email, password: options.password })
  const errorsBeforeBriefs = result.consoleErrors.length
  await page.click('[data-testid="briefs"]')
  await page.waitForURL((current) => current.pathname === `${board}/briefs`)
  await page.locator('[data-testid="brief-generate"]').waitFor()

  await page.selectOption('[data-testid="brief-kind"]', 'weekly')
  await page.selectOption('[data-testid="brief-language"]', 'en')
  await page.click('[data-testid="brief-generate-button"]')
  await page.locator('[data-testid="brief-section-summary"]').waitFor({ timeout: 30_000 })
  result.briefId = new URL(page.url()).searchParams.get('brief')
  result.english = await readBrief(page)
  await page.screenshot({ path: join(options.out, 'briefs-weekly.png'), fullPage: true })

  const firstKeyResult = page.locator('[data-testid="brief-section-moved"] [data-testid="brief-link"][data-link-type="node"]').first()
  result.followedHref = await firstKeyResult.getAttribute('href')
  await firstKeyResult.click()
  await page.waitForURL((current) => current.pathname === result.followedHref)
  result.followedPath = new URL(page.url()).pathname
  await page.goBack()
  await page.locator('[data-testid="brief-section-summary"]').waitFor()

  result.markdown = await download(page, 'brief-markdown')
  result.pdf = await download(page, 'brief-pdf')

  await page.click('[data-testid="brief-schedule-new"]')
  const form = page.locator('[data-testid="brief-schedule-form"]')
  await form.locator('select').first().selectOption('weekly')
  await form.locator('input[type="time"]').fill('07:00')
  await form.locator('input[type="text"]').fill('Europe/Berlin')
  await form.locator('button[type="submit"]').click()
  await page.locator('[data-testid="brief-schedule-weekly"]').waitFor()
  result.schedule = (await page.locator('[data-testid="brief-schedule-weekly"]').textContent()).trim()

  await page.click('[data-testid="language-de"]')
  await page.selectOption('[data-testid="brief-language"]', 'de')
  await page.click('[data-testid="brief-generate-button"]')
  await page.waitForFunction((previous) => {
    const id = new URL(location.href).searchParams.get('brief')
    return id && id !== previous && document.querySelector('[data-testid="brief-section-summary"]')
  }, result.briefId, { timeout: 30_000 })
  result.german = await readBrief(page)
  result.germanPage = (await page.locator('h1').textContent()).trim()
  result.listed = await page.locator('[data-testid^="brief-item-"]').count()
  await page.screenshot({ path: join(options.out, 'briefs-weekly-de.png'), fullPage: true })
  await page.click('[data-testid="language-en"]')
  result.unexpectedConsoleErrors = result.consoleErrors.slice(errorsBeforeBriefs)

  return result.english.sentences > 0 && result.german.sentences > 0 && result.unexpectedConsoleErrors.length === 0
})
