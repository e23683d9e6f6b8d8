// Browser test of the outbound webhooks section on the integrations page against a real Momentum
// server, run by the server's WebhooksBrowserIT. An administrator logs in, creates a webhook for a
// receiver the test started on loopback, copies the secret shown once, presses "Send test", and
// reads the result and the delivery log. A German pass reads the section in German. Writes
// screenshots and prints one JSON line with the results; exits with 1 when a step fails.
//
//   node scripts/webhooks-e2e.js --url http://127.0.0.1:8080 --email E --password P \
//     --receiver http://127.0.0.1:9000/hook --out DIR
//
// Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH); playwright-core brings no browser.

import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { logInAt, runScenario } from './e2e-session.js'

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    receiver: { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

const WEBHOOK_NAME = 'Ops receiver'
const MESSAGES = JSON.parse(await readFile(join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'i18n', 'en.json'), 'utf8'))
// A translation key shown instead of its text looks like `webhooks.sendTest`.
const LEAKED_KEY = new RegExp(`\\b(${Object.keys(MESSAGES).join('|')})\\.[a-zA-Z]+`, 'g')

async function shot(page, name) {
  await page.screenshot({ path: join(options.out, `webhooks-${name}.png`), fullPage: true })
}

function text(locator) {
  return locator.textContent().then((content) => content.replace(/\s+/g, ' ').trim())
}

/** Creates the webhook for two change types and returns the secret the page showed once. */
async function createWebhook(page, result) {
  await page.click('[data-testid="new-webhook"]')
  const form = page.locator('[data-testid="webhook-form"]')
  await form.locator('[data-testid="webhook-name"]').fill(WEBHOOK_NAME)
  await form.locator('[data-testid="webhook-url"]').fill(options.receiver)
  for (const key of ['signal_raised', 'signal_updated', 'cycle_created', 'cycle_updated', 'cycle_closed']) {
    await form.locator(`[data-testid="webhook-type-${key}"]`).uncheck()
  }
  await shot(page, '01-new-webhook')
  await form.locator('[data-testid="webhook-save"]').click()
  const secretPanel = page.locator('[data-testid="webhook-secret"]')
  await secretPanel.waitFor({ timeout: 10_000 })
  result.createdNotice = await text(page.locator('[data-testid="webhooks-notice"]'))
  result.secret = await secretPanel.locator('[data-testid="webhook-secret-value"]').inputValue()
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: options.url })
  await secretPanel.locator('[data-testid="webhook-secret-copy"]').click()
  result.secretCopied = await page.evaluate(() => navigator.clipboard.readText())
  await shot(page, '02-secret-once')
  await secretPanel.locator('[data-testid="webhook-secret-close"]').click()
  result.secretShownAfterClose = await page.locator('[data-testid="webhook-secret"]').count() > 0
}

async function sendTest(page, result) {
  const card = page.locator('li[data-testid^="webhook-"]', { hasText: WEBHOOK_NAME })
  result.typesShown = await text(card.locator('p.types'))
  await card.locator('[data-testid="webhook-test"]').click()
  const outcome = card.locator('[data-testid="webhook-test-result"]')
  await outcome.waitFor({ timeout: 15_000 })
  result.testResult = await text(outcome)
  const row = card.locator('tr.delivery-row').first()
  await row.waitFor({ timeout: 10_000 })
  result.logState = await text(row.locator('[data-testid="delivery-state"]'))
  result.logLast = await text(row.locator('[data-testid="delivery-last"]'))
  result.logAttempts = await text(row.locator('[data-testid="delivery-attempts"]'))
  await row.locator('[data-testid="delivery-details"]').click()
  await card.locator('[data-testid="delivery-attempt-list"] li').first().waitFor({ timeout: 10_000 })
  result.attemptShown = await text(card.locator('[data-testid="delivery-attempt-list"] li').first())
  await shot(page, '03-test-and-log')
}

async function germanPass(page, result) {
  await page.click('[data-testid="language-de"]')
  await page.locator('#outbound-title', { hasText: 'Ausgehende Webhooks' }).waitFor({ timeout: 10_000 })
  const card = page.locator('li[data-testid^="webhook-"]', { hasText: WEBHOOK_NAME })
  result.german = {
    heading: await text(page.locator('#outbound-title')),
    testButton: await text(card.locator('[data-testid="webhook-test"]')),
    logState: await text(card.locator('[data-testid="delivery-state"]').first()),
    leaked: [...new Set((await page.locator('body').innerText()).match(LEAKED_KEY) ?? [])],
  }
  await shot(page, '04-de')
}

await runScenario({ out: options.out, name: 'webhooks' }, async (page, result) => {
  await logInAt(page, { url: options.url, path: '/integrations', email: options.email, password: options.password })
  await page.locator('[data-testid="outbound-webhooks"]').waitFor({ timeout: 15_000 })
  const errorsBeforeSteps = result.consoleErrors.length
  await createWebhook(page, result)
  await sendTest(page, result)
  await germanPass(page, result)
  result.unexpectedConsoleErrors = result.consoleErrors.slice(errorsBeforeSteps)
  return result.unexpectedConsoleErrors.length === 0 && result.logState === 'delivered' && result.german.leaked.length === 0
})
