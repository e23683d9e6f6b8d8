// Browser test of the live quality check in the OKR editor against a real Momentum server, run by
// the server's QualityBrowserIT. An admin opens a new key result and types a weak one, which gets
// vague_verb and no_target with their explanation. The admin dismisses no_target (recorded in the
// decision trail, left out of the key result's score and counted on the panel), types a good key
// result and the findings go. In German the explanation is
// German. After vague_verb is turned off on the settings page, the weak key result no longer gets
// it. A compound_kr finding dismissed before a key result is saved stays dismissed after the save
// and a reload. Writes screenshots and prints one JSON line with the results; exits with 1 when a check fails.
//
//   node scripts/quality-e2e.js --url http://127.0.0.1:8080 --email E --password P --token T \
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
    token: { type: 'string' },
    unit: { type: 'string' },
    cycle: { type: 'string' },
    'objective-key': { type: 'string', default: 'objective' },
    out: { type: 'string', default: 'target/screenshots' },
  },
})

const WEAK = 'Improve customer satisfaction'
const GOOD = 'Raise first-contact resolution from 62 % to 75 %'
const COMPOUND = 'Raise NPS from 30 to 45 and cut churn from 4 % to 2 %'

async function qualityDecisions() {
  const response = await fetch(`${options.url}/api/v1/decisions?kind=quality.finding`, {
    headers: { Authorization: `Bearer ${options.token}` },
  })
  if (response.status !== 200) {
    throw new Error(`GET /api/v1/decisions returned ${response.status}: ${await response.text()}`)
  }
  return (await response.json()).items
}

async function typeWeak(page, result) {
  await page.click(`[data-testid="add-kr-${options['objective-key']}"]`)
  await page.locator('[data-testid="kr-title"]').pressSequentially(WEAK, { delay: 25 })
  const panel = page.locator('[data-testid="quality-panel"]')
  await panel.locator('[data-testid="finding-vague_verb"]').waitFor({ timeout: 15_000 })
  await panel.locator('[data-testid="finding-no_target"]').waitFor({ timeout: 15_000 })
  result.weakWhy = (await panel.locator('[data-testid="finding-vague_verb"] .why').textContent()).trim()
  result.weakEvidence = await panel.locator('[data-testid="finding-vague_verb"] .evidence mark').allTextContents()
  result.highlighted = await panel.locator('[data-testid="quality-text"] mark').allTextContents()
  result.weakScore = (await panel.locator('[data-testid="quality-score"]').textContent()).trim()
  await page.screenshot({ path: join(options.out, 'quality-weak.png'), fullPage: true })
}

async function dismissNoTarget(page, result) {
  const panel = page.locator('[data-testid="quality-panel"]')
  await panel.locator('[data-testid="dismiss-no_target"]').click()
  await panel.locator('[data-testid="finding-no_target"]').waitFor({ state: 'detached', timeout: 5_000 })
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const decisions = await qualityDecisions()
    result.dismissed = decisions.filter((d) => d.decision === 'dismissed').map((d) => d.ref)
    if (result.dismissed.length > 0) {
      break
    }
    await page.waitForTimeout(200)
  }
  // The dismissed finding leaves the key result's score, and the panel counts it.
  await panel.locator('[data-testid="quality-dismissed"]').waitFor({ timeout: 5_000 })
  result.dismissedNote = (await panel.locator('[data-testid="quality-dismissed"]').textContent()).trim()
  result.scoreAfterDismissal = (await panel.locator('[data-testid="quality-score"]').textContent()).trim()
  await page.screenshot({ path: join(options.out, 'quality-dismissed.png'), fullPage: true })
}

async function typeGood(page, result) {
  const title = page.locator('[data-testid="kr-title"]')
  await title.fill('')
  await title.pressSequentially(GOOD, { delay: 25 })
  const panel = page.locator('[data-testid="quality-panel"]')
  await panel.locator('[data-testid="finding-vague_verb"]').waitFor({ state: 'detached', timeout: 15_000 })
  await page.waitForTimeout(600)
  result.goodRules = await panel.locator('.finding code').allTextContents()
  result.goodScore = (await panel.locator('[data-testid="quality-score"]').textContent()).trim()
  await page.screenshot({ path: join(options.out, 'quality-good.png'), fullPage: true })
}

async function readGerman(page, result) {
  await page.click('[data-testid="language-de"]')
  const title = page.locator('[data-testid="kr-title"]')
  await title.fill('')
  await title.pressSequentially('Kundenzufriedenheit verbessern', { delay: 25 })
  const vague = page.locator('[data-testid="quality-panel"] [data-testid="finding-vague_verb"]')
  await vague.waitFor({ timeout: 15_000 })
  result.germanWhy = (await vague.locator('.why').textContent()).trim()
  result.germanScore = (await page.locator('[data-testid="quality-panel"] [data-testid="quality-score"]').textContent()).trim()
  await page.screenshot({ path: join(options.out, 'quality-weak-de.png'), fullPage: true })
}

async function turnOffVagueVerb(page, result) {
  await page.goto(`${options.url}/settings`)
  const rule = page.locator('[data-testid="quality-rule-vague_verb"]')
  await rule.waitFor({ timeout: 15_000 })
  await rule.selectOption('off')
  await page.click('[data-testid="quality-settings-save"]')
  await page.locator('[data-testid="quality-settings-saved"]').waitFor({ timeout: 10_000 })
  await page.screenshot({ path: join(options.out, 'quality-settings.png'), fullPage: true })

  await page.goto(`${options.url}/units/${options.unit}/edit?cycle=${options.cycle}`)
  await page.click(`[data-testid="add-kr-${options['objective-key']}"]`)
  await page.locator('[data-testid="kr-title"]').pressSequentially(WEAK, { delay: 25 })
  const panel = page.locator('[data-testid="quality-panel"]')
  await panel.locator('[data-testid="finding-no_target"]').waitFor({ timeout: 15_000 })
  result.rulesAfterSettings = await panel.locator('.finding code').allTextContents()
}

// A finding dismissed before the key result's first save stays dismissed on the saved key result:
// the editor records it again for the key result, so a reload keeps it out of the score.
async function keepDismissalAfterSave(page, result) {
  await page.goto(`${options.url}/units/${options.unit}/edit?cycle=${options.cycle}`)
  await page.click(`[data-testid="add-kr-${options['objective-key']}"]`)
  await page.locator('[data-testid="kr-title"]').pressSequentially(COMPOUND, { delay: 10 })
  await page.locator('[data-testid="kr-measurement"]').selectOption('increase')
  await page.locator('[data-testid="kr-start"]').fill('30')
  await page.locator('[data-testid="kr-target"]').fill('45')
  const panel = page.locator('[data-testid="quality-panel"]')
  await panel.locator('[data-testid="dismiss-compound_kr"]').click({ timeout: 15_000 })
  await panel.locator('[data-testid="finding-compound_kr"]').waitFor({ state: 'detached', timeout: 5_000 })
  await page.waitForTimeout(600)
  result.scoreBeforeSave = (await panel.locator('[data-testid="quality-score"]').textContent()).trim()
  const key = await page.locator('[data-testid="kr-key"]').inputValue()
  await page.click('[data-testid="kr-save"]')
  await page.locator('[data-testid="key-result-form"]').waitFor({ state: 'detached', timeout: 10_000 })

  const deadline = Date.now() + 10_000
  while (Date.now() < deadline && !result.movedDismissal) {
    const moved = (await qualityDecisions()).find((d) => d.decision === 'dismissed' && d.ref.startsWith('compound_kr:')
      && d.ref !== 'compound_kr:new')
    if (moved) {
      result.movedDismissal = { ref: moved.ref, subjectType: moved.subjectType, subjectId: moved.subjectId,
        movedFrom: moved.evidence?.movedFrom ?? null }
    } else {
      await page.waitForTimeout(200)
    }
  }

  await page.reload()
  await page.click(`[data-testid="edit-${key}"]`)
  await panel.locator('[data-testid="quality-score"]').waitFor({ timeout: 15_000 })
  await panel.locator('[data-testid="quality-none-open"], [data-testid="quality-dismissed"]').first().waitFor({ timeout: 10_000 })
  result.compoundAfterReload = await panel.locator('[data-testid="finding-compound_kr"]').count()
  result.scoreAfterReload = (await panel.locator('[data-testid="quality-score"]').textContent()).trim()
  await page.screenshot({ path: join(options.out, 'quality-dismissed-saved.png'), fullPage: true })
}

async function main() {
  await runScenario({ out: options.out, name: 'quality' }, async (page, result) => {
    const path = `/units/${options.unit}/edit`
    await logInAt(page, { url: options.url, path, email: options.email, password: options.password })
    await page.goto(`${options.url}${path}?cycle=${options.cycle}`)
    await typeWeak(page, result)
    await dismissNoTarget(page, result)
    await typeGood(page, result)
    await readGerman(page, result)
    await turnOffVagueVerb(page, result)
    await keepDismissalAfterSave(page, result)
    return result.weakEvidence.includes('Improve') && result.dismissed.includes('no_target:new')
      && !result.goodRules.includes('vague_verb') && !result.goodRules.includes('no_target')
      && result.germanWhy.includes('Richtung') && !result.rulesAfterSettings.includes('vague_verb')
      && result.compoundAfterReload === 0 && result.scoreAfterReload === result.scoreBeforeSave
  })
}

main()
