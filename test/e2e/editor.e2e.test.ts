/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test, not node code: installs Chromium with a script and reads E2E_PACKAGE_DIR */
/**
 * The package as a user meets it in the n8n editor: headless Chromium (Debian's `chromium`, from
 * scripts/install-browser.sh) signs in, opens the node creator and searches for the nodes.
 * E2E_PACKAGE_DIR may point at another built copy of the package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import type { Page } from 'playwright-core';

import { CHROMIUM, dismissDialogs, openBrowser, signIn, type Browser } from '../../scripts/browser';
import { OWNER, REPO_ROOT, startN8n, type N8n } from './n8n';

const PACKAGE_DIR = process.env.E2E_PACKAGE_DIR ?? REPO_ROOT;

/** Types `query` into the open node creator and returns the item names it lists (after the debounce). */
async function search(page: Page, query: string, expected: RegExp): Promise<string[]> {
	const input = page.getByPlaceholder(/search nodes/i).first();
	await input.waitFor({ timeout: 30000 });
	await input.fill('');
	await input.pressSequentially(query, { delay: 30 });
	const names = page.locator('[data-test-id="node-creator-item-name"]');
	const deadline = Date.now() + 10000;
	let listed: string[] = [];
	while (Date.now() < deadline) {
		listed = (await names.allInnerTexts()).map((name) => name.trim());
		if (listed.some((name) => expected.test(name))) break;
		await page.waitForTimeout(250);
	}
	return listed;
}

describe('the nodes in the n8n editor (headless Chromium)', () => {
	let n8n: N8n;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		// On a fresh machine (scripts/e2e.sh may not have installed it yet): apt-get install chromium.
		if (!existsSync(CHROMIUM)) execFileSync('bash', [`${REPO_ROOT}/scripts/install-browser.sh`], { stdio: 'inherit' });
		n8n = await startN8n({ packageDir: PACKAGE_DIR });
		browser = await openBrowser();
		page = browser.page;
	});

	afterAll(async () => {
		if (page) await page.screenshot({ path: `${REPO_ROOT}/.cache/e2e-logs/editor-last.png` }).catch(() => undefined);
		await browser?.close();
		await n8n?.stop();
	});

	it('signs in with the owner account', async () => {
		await signIn(page, n8n.baseUrl, OWNER.email, OWNER.password);
		expect(new URL(page.url()).pathname).not.toMatch(/^\/signin/);
	});

	it('lists VideoDB Alert Trigger among the triggers of a new workflow', async () => {
		await page.goto(`${n8n.baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
		const add = page.locator('[data-test-id="canvas-add-button"]').first();
		await add.waitFor({ timeout: 60000 });
		await dismissDialogs(page);
		await add.click();
		const listed = await search(page, 'VideoDB', /^VideoDB Alert Trigger$/);
		expect(listed).toContain('VideoDB Alert Trigger');
	});

	it('lists VideoDB and Roboflow among the nodes that follow a trigger', async () => {
		const id = await n8n.importWorkflow({
			name: 'editor e2e',
			nodes: [
				{
					id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c01',
					name: 'Run now',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
			],
			connections: {},
		});
		await page.goto(`${n8n.baseUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60000 });
		await dismissDialogs(page);
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
		expect(await search(page, 'VideoDB', /^VideoDB$/)).toContain('VideoDB');
		expect(await search(page, 'Roboflow', /^Roboflow$/)).toContain('Roboflow');
	});
});
