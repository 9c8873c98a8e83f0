/**
 * Small helpers for the end-to-end scenarios: example workflows, n8n's stored run data, polling,
 * wall-time logging and the n8n REST calls a credential test needs (owner setup + /credentials/test).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { N8nInstance } from '../../../tools/n8n/instance';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const EXAMPLES_DIR = path.join(ROOT, 'examples');
export const PKG = 'n8n-nodes-wecom-masssend';

export const LINES = (process.env.N8N_E2E_LINES ?? '1,2')
	.split(',')
	.map((l) => l.trim())
	.filter(Boolean) as Array<'1' | '2'>;

/** An example workflow from examples/, parsed fresh (tests may change their copy). */
export function loadExample(file: string): any {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/**
 * Import several workflows with one CLI call (each CLI call boots n8n for ~5 s).
 * `n8n import:workflow` accepts a JSON array in one file on both lines.
 */
export async function importWorkflows(n8n: N8nInstance, workflows: any[]): Promise<void> {
	const dir = path.join(n8n.userFolder, 'cli-input');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `workflows-${Date.now()}.json`);
	fs.writeFileSync(
		file,
		JSON.stringify(
			workflows.map((wf) => ({ active: false, settings: {}, connections: {}, ...wf })),
			null,
			2,
		),
	);
	await n8n.cliOrThrow(['import:workflow', `--input=${file}`]);
}

/** Parses n8n's stored execution data (`flatted`: every object and string is an index into one array). */
export function parseFlatted(text: string): any {
	const table: unknown[] = JSON.parse(text);
	const memo = new Map<number, unknown>();
	const resolve = (index: number): unknown => {
		if (memo.has(index)) return memo.get(index);
		const value = table[index];
		if (typeof value !== 'object' || value === null) {
			memo.set(index, value);
			return value;
		}
		const out: any = Array.isArray(value) ? [] : {};
		memo.set(index, out);
		for (const [key, v] of Object.entries(value))
			out[key] = typeof v === 'string' ? resolve(Number(v)) : v;
		return out;
	};
	return resolve(0);
}

/** The `json` of every item a node put out on its first output (first run). */
export function nodeJson(runData: any, nodeName: string): any[] {
	const run = runData?.[nodeName]?.[0];
	return (run?.data?.main?.[0] ?? []).map((item: any) => item.json);
}

/** The error a node's first run ended with, if any. */
export function nodeError(runData: any, nodeName: string): any {
	return runData?.[nodeName]?.[0]?.error;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

/**
 * Poll `probe` until it returns a truthy value; throws with `what` after `timeoutMs` (a function
 * when the message should say what the state was at that moment).
 */
export async function poll<T>(
	what: string | (() => string),
	probe: () => T | Promise<T>,
	{ timeoutMs = 60000, intervalMs = 50 } = {},
): Promise<NonNullable<T>> {
	const t0 = Date.now();
	for (;;) {
		const value = await probe();
		if (value) return value as NonNullable<T>;
		if (Date.now() - t0 > timeoutMs)
			throw new Error(
				`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`,
			);
		await sleep(intervalMs);
	}
}

/** Runs `fn`, prints `[e2e line N] label: 12.3 s` (wall time), and records it in `times`. */
export async function timed<T>(
	times: Record<string, number>,
	line: string,
	label: string,
	fn: () => Promise<T>,
): Promise<T> {
	const t0 = Date.now();
	try {
		return await fn();
	} finally {
		const ms = Date.now() - t0;
		times[label] = ms;
		console.log(`[e2e line ${line}] ${label}: ${(ms / 1000).toFixed(1)} s`);
	}
}

/** Poll the stored executions of `workflowId` until `count` have finished (success or error). */
export async function storedExecutions(
	n8n: N8nInstance,
	workflowId: string,
	count = 1,
	timeoutMs = 60000,
) {
	// On a timeout, what n8n logged says more than the wait does (a dropped write, a crash).
	return poll(
		() =>
			`${count} finished stored execution(s) of ${workflowId}; n8n's log:\n${n8n.logProblems()}`,
		async () => {
			const rows = (await n8n.exportExecutions()).rows.filter((r) => r.workflowId === workflowId);
			// n8n 1.x on SQLite writes an execution's status and its data in two statements, so a row can
			// read "success" while its data is still the initial one: finished means the run's data is in.
			const done = rows.filter(
				(r) =>
					r.status !== 'running' && r.status !== 'new' && r.data?.includes('"lastNodeExecuted"'),
			);
			return done.length >= count ? done : undefined;
		},
		{ timeoutMs, intervalMs: 300 },
	);
}

// ---------------------------------------------------------------------------------------------
// n8n REST API: what the editor does when you press "Test" in a credential dialog.
// ---------------------------------------------------------------------------------------------

/** Any fixed value; n8n binds the auth cookie to the `browser-id` header it was issued with. */
const BROWSER_ID = 'wecom-e2e-browser';

export interface RestSession {
	cookie: string;
}

async function restJson(
	n8n: N8nInstance,
	method: string,
	route: string,
	body: unknown,
	session?: RestSession,
) {
	const res = await fetch(`${n8n.baseUrl}/rest/${route}`, {
		method,
		headers: {
			'content-type': 'application/json',
			'browser-id': BROWSER_ID,
			...(session ? { cookie: session.cookie } : {}),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(60000),
	});
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, text, json, headers: res.headers };
}

/**
 * POST /rest/owner/setup on a fresh instance (no owner yet); returns the n8n-auth cookie it issues.
 * /healthz answers seconds before n8n mounts its REST routes; until then the route answers 404, or
 * a 200 that is not owner setup's JSON (no `data`), so those are asked again until `timeoutMs`.
 */
export async function setupOwner(n8n: N8nInstance, timeoutMs = 60000): Promise<RestSession> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const res = await restJson(n8n, 'POST', 'owner/setup', {
			email: 'owner@example.com',
			firstName: 'E2E',
			lastName: 'Owner',
			password: 'E2eOwnerPassw0rd',
		});
		const setCookie = res.headers.get('set-cookie') ?? '';
		const cookie = /n8n-auth=[^;]+/.exec(setCookie)?.[0];
		if (res.status === 200 && cookie) return { cookie };
		const notMountedYet =
			res.status === 404 || (res.status === 200 && res.json?.data === undefined);
		if (!notMountedYet || Date.now() > deadline) {
			throw new Error(
				`POST /rest/owner/setup answered ${res.status} with no n8n-auth cookie (set-cookie: ${setCookie.slice(0, 200)}): ${res.text.slice(0, 300)}`,
			);
		}
		await sleep(300);
	}
}

/**
 * POST /rest/credentials/test with the stored credential's id and the data the dialog holds
 * (the editor sends the form's values; unchanged password fields are merged from the stored copy).
 */
export async function testCredential(
	n8n: N8nInstance,
	session: RestSession,
	credential: { id: string; name: string; type: string; data: Record<string, unknown> },
): Promise<{ status: string; message: string; httpStatus: number; text: string }> {
	const res = await restJson(n8n, 'POST', 'credentials/test', { credentials: credential }, session);
	const result = res.json?.data ?? res.json ?? {};
	return { status: result.status, message: result.message, httpStatus: res.status, text: res.text };
}
