/**
 * Runs one WeCom node through n8n-core's real WorkflowExecute (test/helpers/engine) in
 * this process, against a sandbox given by URL, and prints one JSON line: wall time, output size
 * and this process's peak RSS. Used by bench:calls and bench:bulk, one child process per case so
 * each peak RSS belongs to one case.
 *
 *   node .build/tools/bench/lib/engineChild.js '<json: {parameters, input?, sandbox: {url, corpId, secret}}>'
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { ownPeakRssKb } from './memory';

// n8n-core writes a config (with a key) into the user folder: never into ~/.n8n.
const userFolder = mkdtempSync(join(tmpdir(), 'wecom-bench-'));
process.env.N8N_USER_FOLDER = userFolder;
process.on('exit', () => rmSync(userFolder, { recursive: true, force: true }));
process.env.N8N_LOG_LEVEL ??= 'silent';

interface ChildCase {
	parameters: IDataObject;
	input?: IDataObject[];
	sandbox: { url: string; corpId: string; secret: string };
	/** Input item `{ ids: [...] }` with this many generated customer IDs (too big for argv). */
	generateCustomers?: number;
	/** Drop the output items right after counting them (measures the run, not keeping the result). */
	summaryOnly?: boolean;
}

async function main() {
	const spec = JSON.parse(process.argv[2]) as ChildCase;
	// Loaded after N8N_USER_FOLDER is set.
	const { runMassSend, useCredential } = await import('../../../test/helpers/engine');
	useCredential({
		corpId: spec.sandbox.corpId,
		secret: spec.sandbox.secret,
		baseUrl: spec.sandbox.url,
	});
	const input =
		spec.generateCustomers !== undefined
			? [
					{
						ids: Array.from(
							{ length: spec.generateCustomers },
							(_, i) => `wmBench${String(i).padStart(7, '0')}`,
						),
					},
				]
			: (spec.input ?? [{}]);
	// With --expose-gc: heap still held after the run (output items included), GC slack excluded.
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const began = process.hrtime.bigint();
	const result = await runMassSend(spec.parameters, input);
	const ms = Number(process.hrtime.bigint() - began) / 1e6;
	const items = result.json();
	gc?.();
	const retainedKb = gc
		? Math.round((process.memoryUsage().heapUsed - heapBefore) / 1024)
		: undefined;
	const first = items[0] ?? {};
	const output = {
		ok: result.error === undefined,
		error: result.error ? String(result.error.message) : undefined,
		ms,
		items: items.length,
		first: spec.summaryOnly ? undefined : first,
		createTimes:
			spec.parameters.operation === 'getMany'
				? items.map((item) => Number(item.create_time))
				: undefined,
		retainedKb,
		peakRssKb: ownPeakRssKb(),
	};
	console.log(JSON.stringify(output));
}

// n8n-core leaves timers and handles behind: exit explicitly (stdout to a pipe is synchronous on Linux).
main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
