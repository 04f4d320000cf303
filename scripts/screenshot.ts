/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- dev tooling, not node code: settings from the environment, the image file, console output and the exit code */
/**
 * Takes docs/demo-workflow.png: the demo workflow open in the n8n editor of a running `npm start`
 * (headless Chromium, see scripts/browser.ts). scripts/screenshot.sh starts and stops that demo.
 * Env: N8N_URL (default http://127.0.0.1:5678), SCREENSHOT_OUT (default docs/demo-workflow.png).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { dismissDialogs, openBrowser, signIn } from './browser';
import { findRepoRoot } from './demo-lib';
import { DEMO_LOGIN } from './demo-n8n';

const WORKFLOW_ID = 'vdbRfAlertToEvt1';

async function main(): Promise<void> {
	const baseUrl = (process.env.N8N_URL ?? 'http://127.0.0.1:5678').replace(/\/+$/, '');
	const out = process.env.SCREENSHOT_OUT ?? join(findRepoRoot(), 'docs', 'demo-workflow.png');
	const browser = await openBrowser({ width: 1440, height: 810 });
	try {
		const { page } = browser;
		await signIn(page, baseUrl, DEMO_LOGIN.email, DEMO_LOGIN.password);
		await page.goto(`${baseUrl}/workflow/${WORKFLOW_ID}`, { waitUntil: 'domcontentloaded' });
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60000 });
		await page.waitForTimeout(1500);
		await dismissDialogs(page);
		const fit = page.locator('[data-test-id="zoom-to-fit"]');
		if ((await fit.count()) > 0) await fit.first().click();
		// Let the fit animation and the node icons settle.
		await page.waitForTimeout(1500);
		mkdirSync(dirname(out), { recursive: true });
		await page.screenshot({ path: out });
		console.log(`[screenshot] ${await page.locator('[data-test-id="canvas-node"]').count()} canvas nodes; wrote ${out}`);
	} finally {
		await browser.close();
	}
}

main().catch((error: unknown) => {
	console.error(`[screenshot] ERROR: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
