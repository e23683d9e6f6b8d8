// Shared steps of the browser scripts: launching Debian's Chromium, logging in through the
// login page, and running a scenario that prints one JSON line with its results.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

/** Launches headless Chromium from CHROMIUM_PATH or /usr/bin/chromium, without network side traffic. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync'],
  })
}

/** Opens `path`, follows the redirect to the login page, logs in and waits until `path` is back. */
export async function logInAt(page, { url, path, email, password }) {
  await page.goto(`${url}${path}`)
  await page.waitForURL(/\/login/)
  await page.fill('[data-testid="login-email"]', email)
  await page.fill('[data-testid="login-password"]', password)
  await page.click('[data-testid="login-submit"]')
  // A glob would also match the login page's own address, which carries `path` as its redirect.
  await page.waitForURL((current) => current.pathname === path)
}

/**
 * Runs `scenario(page, result)` in a fresh English browser context, collecting console errors
 * in `result.consoleErrors`. `scenario` returns whether every check passed. Prints `result` as
 * one JSON line, with `error` and a screenshot `<name>-failure.png` in `out` when a step threw,
 * and exits with 1 unless the checks passed.
 */
export async function runScenario({ out, name, viewport = { width: 1400, height: 1000 } }, scenario) {
  await mkdir(out, { recursive: true })
  const browser = await launchChromium()
  const result = { consoleErrors: [] }
  let page = null
  try {
    const context = await browser.newContext({ viewport, locale: 'en-US' })
    page = await context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') {
        result.consoleErrors.push(message.text())
      }
    })
    result.ok = Boolean(await scenario(page, result))
  } catch (error) {
    result.ok = false
    result.error = String((error && error.stack) || error)
    if (page !== null) {
      await page.screenshot({ path: join(out, `${name}-failure.png`), fullPage: true }).catch(() => {})
    }
  } finally {
    await browser.close()
  }
  console.log(JSON.stringify(result))
  process.exit(result.ok ? 0 : 1)
}
