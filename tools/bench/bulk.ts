/**
 * Benchmark 4 — bulk create: 100,000 customers in one item → Mass Message → Create, split into
 * tasks of 10,000 (add_msg_template). Runs the node in n8n-core's real engine in a child
 * process (one per repetition, fresh token cache) against the sandbox in this process.
 *
 *   npm run bench:bulk [-- --customers 100000 --repeat 3]
 */
import { join } from 'node:path';

import { startSandbox } from '../sandbox';
import { argValue, machineLine } from './lib/machine';
import { mb, runNodeChild } from './lib/memory';
import { median } from './lib/stats';
import { fmt, printTable } from './lib/table';

const CHILD = join(__dirname, 'lib', 'engineChild.js');
const CUSTOMERS = Number(argValue('customers', '100000'));
const REPEAT = Number(argValue('repeat', '3'));
const TASK_SIZE = 10000;

async function main() {
	console.log(`## bench:bulk — ${machineLine()}`);
	const sandbox = await startSandbox();
	const started = Date.now();
	const rows: Array<Array<string | number>> = [];
	const times: number[] = [];
	try {
		for (let run = 1; run <= REPEAT; run++) {
			sandbox.resetCalls();
			const child = await runNodeChild(
				CHILD,
				[
					JSON.stringify({
						parameters: {
							resource: 'massMessage',
							operation: 'create',
							chatType: 'single',
							externalUserIds: '={{ $json.ids }}',
							text: 'Spring sale 春季促销',
						},
						generateCustomers: CUSTOMERS,
						summaryOnly: true,
						sandbox: {
							url: sandbox.url,
							corpId: sandbox.config.corpId,
							secret: sandbox.config.secret,
						},
					}),
				],
				{},
				['--max-old-space-size=4096'],
			);
			if (child.code !== 0 || !child.result?.ok)
				throw new Error(`run ${run} failed: ${child.result?.error ?? child.stderr.slice(-2000)}`);
			const s1 = sandbox.callsTo('add_msg_template');
			const sizes = s1.map(
				(call) => ((call.body as { external_userid?: unknown[] }).external_userid ?? []).length,
			);
			const sent = sizes.reduce((sum, n) => sum + n, 0);
			const distinct = new Set(
				s1.flatMap((call) => (call.body as { external_userid?: string[] }).external_userid ?? []),
			).size;
			const okCalls = s1.filter((call) => call.errcode === 0).length;
			times.push(child.result.ms);
			rows.push([
				run,
				s1.length,
				Math.ceil(CUSTOMERS / TASK_SIZE),
				sandbox.callsTo('gettoken').length,
				sandbox.calls.length - s1.length - sandbox.callsTo('gettoken').length,
				`${fmt(Math.min(...sizes))}–${fmt(Math.max(...sizes))}`,
				sent === CUSTOMERS && distinct === CUSTOMERS && okCalls === s1.length
					? `${fmt(sent)} ✓`
					: `${fmt(sent)} ✗ (${okCalls} ok)`,
				child.result.items,
				child.result.ms / 1000,
				`${fmt(mb(child.peakRssKb), 1)} MB`,
			]);
		}
	} finally {
		await sandbox.close();
	}
	printTable(
		`${fmt(CUSTOMERS)} customers → tasks of ${fmt(TASK_SIZE)}, engine-level (${REPEAT} runs, one child process each)`,
		[
			'run',
			'add_msg_template calls',
			'expected',
			'gettoken (goal 1)',
			'other calls',
			'customers per call',
			'customers sent, each once',
			'output items',
			'wall time, s',
			'peak RSS',
		],
		rows,
	);
	console.log(
		`\nmedian wall time ${(median(times) / 1000).toFixed(2)} s · total ${((Date.now() - started) / 1000).toFixed(0)} s`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
