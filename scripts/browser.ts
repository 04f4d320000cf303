/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, not node code: a temporary Chromium profile folder and CHROMIUM_PATH from the environment */
/**
 * Headless Chromium for the editor e2e test and the README screenshot: Debian's `chromium`
 * (scripts/install-browser.sh) driven by playwright-core, which downloads no browser of its own.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface Browser {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

/** A fresh Chromium profile (its own --user-data-dir, removed on close) with one page. */
export async function openBrowser(viewport = { width: 1600, height: 900 }): Promise<Browser> {
	if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run bash scripts/install-browser.sh`);
	const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: FLAGS,
		viewport,
		deviceScaleFactor: 1,
	});
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		close: async () => {
			await context.close().catch(() => undefined);
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** Signs in on n8n's own sign-in page and waits until the editor has left it. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
	const emailInput = page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first();
	await emailInput.waitFor({ timeout: 60000 });
	await emailInput.fill(email);
	await page.locator('input[type="password"]').first().fill(password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60000 });
}

/** Closes the dialogs a fresh instance may show on top of the editor (e.g. "what's new"). */
export async function dismissDialogs(page: Page): Promise<void> {
	for (let i = 0; i < 3; i++) {
		const dialog = page.locator('[role="dialog"]:visible').first();
		if ((await dialog.count()) === 0) return;
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
}
