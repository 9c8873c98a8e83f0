/**
 * The editor check: what a user sees in n8n's editor once the package is installed.
 *
 * Starts the same setup as `npm run dev` (tools/dev/setup.js: sandbox, package packed and
 * installed as users get it, sandbox credential, example workflows, owner account) in a
 * throwaway user folder, then drives Debian's chromium with playwright-core:
 *  - signs in with the owner account;
 *  - creates a workflow and finds the "WeCom" node in the node creator by its alias 企业微信;
 *  - reads the Resource dropdown and, for every resource, the Operation dropdown from the DOM;
 *  - switches Mass Message → Create's Tag Filter Input between the fields and the JSON;
 *  - opens the imported welcome flow, reads the WeCom Trigger's Production URL and the notice
 *    saying which URL to give WeCom, and where.
 * Screenshots go to artifacts/screenshots/ (EDITOR_E2E_DOCS_SHOT=1 also refreshes docs/editor.png).
 *
 * Needs /usr/bin/chromium (tools/ci/install-chromium.sh) and `npm run build`.
 * Lines: EDITOR_E2E_LINES=1 (default), 2, or 1,2.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { RESOURCES } from '../../nodes/WeComMassSend/actions/resources';
import { startDev, type DevSetup } from '../../tools/dev/setup';

const ROOT = path.resolve(__dirname, '..', '..');
const LINES = (process.env.EDITOR_E2E_LINES ?? '1').split(',').map((l) => l.trim()) as Array<
	'1' | '2'
>;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');
const DOCS_SHOT = path.join(ROOT, 'docs', 'editor.png');
const SETUP_TIMEOUT = 20 * 60 * 1000; // includes a cold n8n install on a fresh machine
const STEP_TIMEOUT = 5 * 60 * 1000;
// This machine is shared and loaded: the editor's first canvas render took 23 s here.
const UI_TIMEOUT = 120_000;
const SHOT_TIMEOUT = 15_000;

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** What the node must offer: resource label → its operation labels, from the operation registry. */
const EXPECTED: Record<string, string[]> = Object.fromEntries(
	RESOURCES.map((resource) => [
		resource.name,
		resource.operations.map((operation) => operation.name),
	]),
);
/**
 * n8n itself appends this option to `resource` and `operation` of every node whose credential can
 * authenticate an HTTP Request (LoadNodesAndCredentials.injectCustomApiCallOptions): it opens an
 * HTTP Request node with the WeCom credential. Expected at the end of each list, nothing else.
 */
const N8N_ADDED_OPTION = 'Custom API Call';

/** The labels without n8n's own "Custom API Call", which must be last when present. */
function ownOptions(labels: string[]): string[] {
	const i = labels.indexOf(N8N_ADDED_OPTION);
	if (i >= 0) expect(i).toBe(labels.length - 1);
	return labels.filter((l) => l !== N8N_ADDED_OPTION);
}

const byTestId = (page: Page | Locator, id: string) => page.locator(`[data-test-id="${id}"]`);
const sorted = (a: string[]) => [...a].sort();

function log(msg: string) {
	process.stderr.write(`[editor-e2e ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

/**
 * Screenshots are records for people, not checks: one that Chromium does not take in time is left
 * out. (Once a screenshot hung the whole file here for over ten minutes, past every timeout.)
 */
async function shot(page: Page, name: string): Promise<string> {
	fs.mkdirSync(SHOTS, { recursive: true });
	const file = path.join(SHOTS, name);
	let timer: NodeJS.Timeout | undefined;
	const outcome = await Promise.race([
		page.screenshot({ path: file, timeout: SHOT_TIMEOUT }).then(
			() => 'taken',
			(error: Error) => `not taken: ${error.message.split('\n')[0]}`,
		),
		new Promise<string>((resolve) => {
			timer = setTimeout(() => resolve('not taken in time'), SHOT_TIMEOUT + 5_000);
		}),
	]);
	clearTimeout(timer);
	log(`screenshot ${path.relative(ROOT, file)}: ${outcome}`);
	return file;
}

/** The select dropdown that is open now (element-plus renders it in a popper on <body>). */
function openDropdown(page: Page): Locator {
	return page
		.locator('.el-select__popper[aria-hidden="false"]')
		.filter({ has: byTestId(page, 'parameter-input-item') });
}

/** Open the dropdown of an options parameter and return its option labels, as shown. */
async function readOptions(page: Page, parameter: string): Promise<string[]> {
	await byTestId(page, `parameter-input-${parameter}`).locator('input').first().click();
	const dropdown = openDropdown(page);
	await dropdown.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
	const items = dropdown.first().locator('[data-test-id="parameter-input-item"]');
	await items.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
	// An item shows the option name as its headline and the description below it.
	return items.evaluateAll((els: any[]) =>
		els.map((el) =>
			String(el.querySelector('.option-headline')?.textContent ?? el.textContent ?? '').trim(),
		),
	);
}

/** Pick an option in the dropdown that is open (closes it). */
async function pick(page: Page, label: string) {
	const dropdown = openDropdown(page).first();
	await dropdown
		.locator('[data-test-id="parameter-input-item"]')
		.filter({
			has: page.locator('.option-headline', { hasText: new RegExp(`^\\s*${label}\\s*$`) }),
		})
		.first()
		.click();
	await dropdown.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/** Close the open dropdown without changing the value: click its input again. */
async function closeDropdown(page: Page, parameter: string) {
	await byTestId(page, `parameter-input-${parameter}`).locator('input').first().click();
	await openDropdown(page).first().waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

function mkTmp(prefix: string) {
	const base = path.join(ROOT, '.tmp');
	fs.mkdirSync(base, { recursive: true });
	return fs.mkdtempSync(path.join(base, prefix));
}

describe.each(LINES)('n8n editor, line %s', (line) => {
	let dev: DevSetup | undefined;
	let stopDev: (() => Promise<void>) | undefined;
	let context: BrowserContext | undefined;
	let page: Page;
	let userFolder: string;
	let browserProfile: string;

	beforeAll(async () => {
		if (!fs.existsSync(CHROMIUM)) {
			throw new Error(
				`${CHROMIUM} is missing: run tools/ci/install-chromium.sh (Debian's chromium; playwright's own browser downloads are not used)`,
			);
		}
		userFolder = mkTmp(`editor-e2e-${line}-`);
		browserProfile = mkTmp(`editor-e2e-chromium-${line}-`);
		dev = await startDev({
			line,
			userFolder,
			n8nPort: 0,
			sandboxPort: 0,
			log: (m) => log(m),
			onStarted: (stop) => (stopDev = stop),
		});
		log(
			`n8n ${dev.version} with the editor on ${dev.editorUrl}, ready after ${(dev.readyMs / 1000).toFixed(1)} s`,
		);
		context = await chromium.launchPersistentContext(browserProfile, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1280, height: 800 },
			locale: 'en-US',
		});
		page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(UI_TIMEOUT);
		page.setDefaultNavigationTimeout(UI_TIMEOUT);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await context?.close().catch(() => {});
		await (dev?.stop ?? stopDev)?.().catch(() => {});
		for (const dir of [browserProfile, userFolder])
			if (dir) fs.rmSync(dir, { recursive: true, force: true });
	}, 60_000);

	test(
		'signs in with the owner account the dev setup created',
		async () => {
			await page.goto(`${dev!.editorUrl}/signin`, { waitUntil: 'domcontentloaded' });
			await byTestId(page, 'emailOrLdapLoginId').locator('input').fill(dev!.owner.email);
			await byTestId(page, 'password').locator('input').fill(dev!.owner.password);
			await byTestId(page, 'form-submit-button').click();
			// Signed in: n8n leaves /signin for the workflow list (the same on both lines).
			await page.waitForURL(/\/home\//);
			await byTestId(page, 'signin-form').waitFor({ state: 'detached' });
			await shot(page, `line${line}-signed-in.png`);
		},
		STEP_TIMEOUT,
	);

	test(
		'finds "WeCom" by its alias 企业微信 in the node creator and adds it to a new workflow',
		async () => {
			await page.goto(`${dev!.editorUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
			await byTestId(page, 'canvas-plus-button').click();
			const search = byTestId(page, 'node-creator-search-bar');
			await search.fill('企业微信');
			const creator = byTestId(page, 'node-creator');
			await creator
				.locator('[data-test-id="node-creator-item-name"]', { hasText: /^WeCom$/ })
				.click();
			// The node's actions, grouped by resource (n8n derives them from the operations' `action`).
			const action = creator.locator('[data-test-id="node-creator-item-name"]', {
				hasText: 'Create a mass message',
			});
			await action.waitFor({ state: 'visible' });
			const actions = await creator
				.locator('[data-test-id="node-creator-item-name"]')
				.allTextContents();
			log(`node creator actions: ${actions.join(' | ')}`);
			expect(actions).toEqual(
				expect.arrayContaining([
					'Create a mass message',
					'Send a welcome message to a new customer',
				]),
			);
			await shot(page, `line${line}-node-creator-actions.png`);
			await action.click();
			const ndv = byTestId(page, 'ndv');
			await ndv.waitFor({ state: 'visible' });
			await byTestId(page, 'parameter-input-resource').waitFor({ state: 'visible' });
			// n8n puts a Manual Trigger in front of an action added to an empty workflow.
			await expect(byTestId(page, 'node-version').textContent()).resolves.toContain('WeCom');
		},
		STEP_TIMEOUT,
	);

	test(
		'the Resource dropdown lists every registered resource',
		async () => {
			const labels = await readOptions(page, 'resource');
			log(`resources: ${labels.join(' | ')}`);
			await shot(page, `line${line}-resource-dropdown.png`);
			await closeDropdown(page, 'resource');
			expect(sorted(ownOptions(labels))).toEqual(sorted(Object.keys(EXPECTED)));
		},
		STEP_TIMEOUT,
	);

	test.each(Object.entries(EXPECTED))(
		'resource %s: the Operation dropdown lists every operation',
		async (resource, operations) => {
			await byTestId(page, 'parameter-input-resource').locator('input').first().click();
			await pick(page, resource);
			await expect(
				byTestId(page, 'parameter-input-resource').locator('input').first().inputValue(),
			).resolves.toBe(resource);
			const labels = await readOptions(page, 'operation');
			log(`${resource} operations: ${labels.join(' | ')}`);
			const slug = resource.toLowerCase().replace(/\s+/g, '-');
			const file = await shot(page, `line${line}-operations-${slug}.png`);
			if (
				resource === 'Mass Message' &&
				line === LINES[0] &&
				process.env.EDITOR_E2E_DOCS_SHOT === '1'
			) {
				fs.mkdirSync(path.dirname(DOCS_SHOT), { recursive: true });
				fs.copyFileSync(file, DOCS_SHOT);
				log(
					`copied to ${path.relative(ROOT, DOCS_SHOT)} (${Math.round(fs.statSync(DOCS_SHOT).size / 1024)} KB)`,
				);
			}
			await closeDropdown(page, 'operation');
			expect(sorted(ownOptions(labels))).toEqual(sorted(operations));
		},
		STEP_TIMEOUT,
	);

	test(
		'Mass Message → Create: Tag Filter Input switches between the fields and the JSON',
		async () => {
			const ndv = byTestId(page, 'ndv');
			await byTestId(page, 'parameter-input-resource').locator('input').first().click();
			await pick(page, 'Mass Message');
			await byTestId(page, 'parameter-input-operation').locator('input').first().click();
			await pick(page, 'Create');
			const fields = ndv.getByText('Add Tag Group', { exact: true });
			const json = ndv.getByText('Tag Filter (JSON)', { exact: true });
			// The default shows both, as workflows saved before the switch do.
			await fields.first().waitFor({ state: 'visible' });
			await json.first().waitFor({ state: 'visible' });
			const labels = await readOptions(page, 'tagFilterSource');
			expect(labels).toEqual(['Fields Below or JSON', 'Using Fields Below', 'Using JSON']);
			await pick(page, 'Using JSON');
			await json.first().waitFor({ state: 'visible' });
			await fields.first().waitFor({ state: 'detached' });
			await shot(page, `line${line}-tag-filter-json.png`);
			await byTestId(page, 'parameter-input-tagFilterSource').locator('input').first().click();
			await pick(page, 'Using Fields Below');
			await fields.first().waitFor({ state: 'visible' });
			await json.first().waitFor({ state: 'detached' });
		},
		STEP_TIMEOUT,
	);

	test(
		"the imported welcome flow shows the WeCom Trigger's Production URL",
		async () => {
			expect(dev!.welcomeFlow).toBeDefined();
			const { id, triggerName } = dev!.welcomeFlow!;
			// Leaving the unsaved workflow may ask for confirmation: answer "Leave without saving".
			page.once('dialog', (d) => d.accept().catch(() => {}));
			await page.goto(`${dev!.editorUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
			const leave = page.getByRole('button', { name: /leave without saving/i });
			const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${triggerName}"]`);
			await Promise.race([
				node.waitFor({ state: 'visible' }),
				leave.waitFor({ state: 'visible' }).then(() => leave.click()),
			]);
			await node.waitFor({ state: 'visible' });
			await shot(page, `line${line}-welcome-flow.png`);
			await node.dblclick();
			await byTestId(page, 'ndv').waitFor({ state: 'visible' });
			// The notice at the top of the panel says which URL to give WeCom, and where.
			const notice = byTestId(page, 'ndv').getByText(/Give WeCom this trigger’s Production URL/);
			await notice.first().waitFor({ state: 'visible' });
			await expect(notice.first().textContent()).resolves.toContain(
				'客户联系 → API → 接收事件服务器',
			);
			const headline = page.locator('.webhooks .headline', { hasText: 'Webhook URLs' });
			if (!(await headline.evaluate((el: any) => Boolean(el.classList.contains('expanded')))))
				await headline.click();
			await byTestId(page, 'radio-button-production').click();
			const urls = page.locator('.webhooks .webhook-url');
			// A string, not a function: this project compiles without the DOM lib.
			await page.waitForFunction(
				`[...document.querySelectorAll('.webhooks .webhook-url')].some((el) => el.textContent.includes('/webhook/'))`,
			);
			const shown = (await urls.allTextContents()).map((t) => t.trim());
			log(`trigger webhook URLs shown: ${shown.join(' , ')}`);
			await shot(page, `line${line}-welcome-trigger-production-url.png`);
			expect(shown).toContain(dev!.productionUrl);
			expect(shown.every((u) => u.includes('/webhook/') && !u.includes('/webhook-test/'))).toBe(
				true,
			);
		},
		STEP_TIMEOUT,
	);
});
