/**
 * Benchmark 3 — calls and tokens: requests made vs the fewest WeCom's page limits allow, gettoken
 * calls per run, wall time; and peak memory of Get Report as a summary vs as results at two sizes.
 * Every case runs the node in n8n-core's real engine (test/helpers/engine) in its own child
 * process (fresh token cache, own peak RSS), against one sandbox in this process.
 *
 *   npm run bench:calls
 */
import { join } from 'node:path';

import { monthWindows } from '../../nodes/WeComMassSend/validation/timeWindow';
import { startSandbox, type Sandbox } from '../sandbox';
import { BUSY_MEMBER, POPULAR_FOLLOWERS, SEEDED_CUSTOMERS } from '../sandbox/contacts';
import { argValue, machineLine } from './lib/machine';
import { mb, runNodeChild } from './lib/memory';
import { fmt, printTable, ratio } from './lib/table';

const CHILD = join(__dirname, 'lib', 'engineChild.js');
const DAY = 86400;
const HEAP_CAP_MB = Number(argValue('heap-cap-mb', '96'));
const EXTRA_MESSAGES = Number(argValue('extra-messages', '1000'));

interface CaseResult {
	name: string;
	api: string;
	made: number;
	minimum: number;
	gettoken: number;
	ms: number;
	items: number;
	peakRssKb: number;
	result: any;
}

const isApi = (path: string) => path.startsWith('/cgi-bin/') && !path.endsWith('/gettoken');

async function runCase(
	sandbox: Sandbox,
	name: string,
	api: string,
	parameters: Record<string, unknown>,
	minimum: (result: any) => number,
	summaryOnly = false,
	heapCapMb = 4096,
): Promise<CaseResult> {
	sandbox.resetCalls();
	const child = await runNodeChild(
		CHILD,
		[
			JSON.stringify({
				parameters,
				summaryOnly,
				sandbox: { url: sandbox.url, corpId: sandbox.config.corpId, secret: sandbox.config.secret },
			}),
		],
		{},
		[`--max-old-space-size=${heapCapMb}`, '--expose-gc'],
	);
	if (child.code !== 0 || !child.result?.ok) {
		throw new Error(
			`${name} failed (exit ${child.code}): ${child.result?.error ?? child.stderr.slice(-2000)}`,
		);
	}
	const calls = sandbox.calls;
	return {
		name,
		api,
		made: calls.filter((c) => isApi(c.path)).length,
		minimum: minimum(child.result),
		gettoken: calls.filter((c) => c.path.endsWith('/gettoken')).length,
		ms: child.result.ms,
		items: child.result.items,
		peakRssKb: child.peakRssKb,
		result: child.result,
	};
}

async function main() {
	console.log(`## bench:calls — ${machineLine()}`);
	const sandbox = await startSandbox();
	const started = Date.now();
	try {
		const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
		const report = (msgId: string, output: 'summary' | 'results') => ({
			resource: 'massMessage',
			operation: 'getReport',
			msgId,
			output,
		});

		// Seeded once: a big report, a smaller one, one member with 2,500 results, 2,500 members.
		const big = sandbox.seedMassMessage({ members: 300, resultsPerMember: 2500 });
		const small = sandbox.seedMassMessage({ members: 100, resultsPerMember: 2500 });
		const oneMember = sandbox.seedMassMessage({ members: 1, resultsPerMember: 2500 });
		const manyMembers = sandbox.seedMassMessage({ members: 2500, resultsPerMember: 1 });
		for (const msgid of [big, small, oneMember, manyMembers]) sandbox.markSent(msgid);
		// History for get_groupmsg_list_v2: the sandbox's 250 records over 90 days plus EXTRA_MESSAGES more.
		const now = Math.floor(Date.now() / 1000);
		for (let i = 0; i < EXTRA_MESSAGES; i++) {
			sandbox.seedMassMessage({
				members: 1,
				resultsPerMember: 1,
				createTime: now - 60 - Math.floor((i * 89 * DAY) / EXTRA_MESSAGES),
			});
		}
		const start = now - 90 * DAY;

		const cases: CaseResult[] = [];
		cases.push(
			await runCase(
				sandbox,
				'Get Report, summary, 300 members × 2,500',
				'get_groupmsg_task + get_groupmsg_send_result',
				report(big, 'summary'),
				() => pages(300, 1000) + 300 * pages(2500, 1000),
				true,
			),
		);
		cases.push(
			await runCase(
				sandbox,
				'Get Report, results, 300 members × 2,500',
				'get_groupmsg_task + get_groupmsg_send_result',
				report(big, 'results'),
				() => pages(300, 1000) + 300 * pages(2500, 1000),
				true,
			),
		);
		cases.push(
			await runCase(
				sandbox,
				'Get Report, summary, 100 members × 2,500',
				'get_groupmsg_task + get_groupmsg_send_result',
				report(small, 'summary'),
				() => pages(100, 1000) + 100 * pages(2500, 1000),
				true,
			),
		);
		cases.push(
			await runCase(
				sandbox,
				'Get Report, results, 100 members × 2,500',
				'get_groupmsg_task + get_groupmsg_send_result',
				report(small, 'results'),
				() => pages(100, 1000) + 100 * pages(2500, 1000),
				true,
			),
		);
		cases.push(
			await runCase(
				sandbox,
				`Get Many (get_groupmsg_list_v2), Return All, last 90 days (${fmt(250 + EXTRA_MESSAGES)} messages)`,
				'get_groupmsg_list_v2',
				{
					resource: 'massMessage',
					operation: 'getMany',
					chatType: 'single',
					startTime: start,
					endTime: now,
					filterType: 2,
					returnAll: true,
				},
				// Per one-month window (WeCom's range limit) the fewest pages of 100 that hold its messages.
				(result) =>
					monthWindows(start, now).reduce(
						(sum, w) =>
							sum +
							pages(
								(result.createTimes as number[]).filter((t) => t >= w.start && t <= w.end).length,
								100,
							),
						0,
					),
				true,
			),
		);
		cases.push(
			await runCase(
				sandbox,
				'Get Member Tasks (get_groupmsg_task), Return All, 2,500 members',
				'get_groupmsg_task',
				{
					resource: 'massMessage',
					operation: 'getMemberTasks',
					msgId: manyMembers,
					returnAll: true,
				},
				() => pages(2500, 1000),
				true,
			),
		);
		cases.push(
			await runCase(
				sandbox,
				'Get Send Results (get_groupmsg_send_result), Return All, 2,500 results',
				'get_groupmsg_send_result',
				{
					resource: 'massMessage',
					operation: 'getSendResults',
					msgId: oneMember,
					userId: 'zhangsan',
					returnAll: true,
				},
				() => pages(2500, 1000),
				true,
			),
		);

		// Customers (batch/get_by_user, pages of 100, 100 members per call), a customer's followers
		// (externalcontact/get, 500 per page) and the tag library (get_corp_tag_list, not paged).
		sandbox.contacts.seedCustomers('benchBig', 10000);
		const spread = Array.from({ length: 150 }, (_, i) => `benchSpread${i}`);
		for (const userid of spread) sandbox.contacts.seedCustomers(userid, 20);
		const customerCases: CaseResult[] = [];
		const customersOf = (members: string, returnAll = true) => ({
			resource: 'customer',
			operation: 'getMany',
			memberUserIds: members,
			returnAll,
			limit: 250,
		});
		customerCases.push(
			await runCase(
				sandbox,
				'Customer Get Many, Return All, 1 member × 2,500 customers',
				'batch/get_by_user',
				customersOf(BUSY_MEMBER),
				() => pages(2500, 100),
				true,
			),
		);
		customerCases.push(
			await runCase(
				sandbox,
				'Customer Get Many, Return All, 1 member × 10,000 customers',
				'batch/get_by_user',
				customersOf('benchBig'),
				() => pages(10000, 100),
				true,
			),
		);
		customerCases.push(
			await runCase(
				sandbox,
				'Customer Get Many, Return All, 150 members × 20 (2 calls of ≤100 members)',
				'batch/get_by_user',
				customersOf(spread.join(',')),
				() => pages(2000, 100) + pages(1000, 100),
				true,
			),
		);
		customerCases.push(
			await runCase(
				sandbox,
				'Customer Get Many, Limit 250, 1 member × 10,000',
				'batch/get_by_user',
				customersOf('benchBig', false),
				() => pages(250, 100),
				true,
			),
		);
		customerCases.push(
			await runCase(
				sandbox,
				`Customer Get, ${fmt(POPULAR_FOLLOWERS)} followers`,
				'externalcontact/get',
				{ resource: 'customer', operation: 'get', externalUserId: SEEDED_CUSTOMERS.popular },
				() => pages(POPULAR_FOLLOWERS, 500),
				true,
			),
		);
		customerCases.push(
			await runCase(
				sandbox,
				'Customer Tag Get Many, whole library',
				'get_corp_tag_list',
				{ resource: 'customerTag', operation: 'getMany', returnAll: true },
				() => 1,
				true,
			),
		);
		cases.push(...customerCases);
		const [c2500, c10000] = customerCases;
		printTable(
			'Customer Get Many, Return All: memory against output (one child process per case)',
			[
				'customers (output items)',
				'peak RSS',
				'heap retained after the run (after GC)',
				'retained per item',
			],
			[c2500, c10000].map((c) => [
				fmt(c.items),
				`${fmt(mb(c.peakRssKb), 1)} MB`,
				`${fmt(mb(c.result.retainedKb), 1)} MB`,
				`${fmt((c.result.retainedKb * 1024) / c.items)} B`,
			]),
		);
		printTable(
			'Requests and tokens per run (engine-level, fresh token cache per run)',
			[
				'case',
				'API',
				'output items',
				'requests',
				'minimum',
				'made / minimum (goal 1.00)',
				'gettoken (goal 1)',
				'wall time, s',
			],
			cases.map((c) => [
				c.name,
				c.api,
				c.items,
				c.made,
				c.minimum,
				ratio(c.made / c.minimum),
				c.gettoken,
				c.ms / 1000,
			]),
		);
		// The summary under a small heap cap: it must not need memory in proportion to the results.
		const capped = await runCase(
			sandbox,
			'capped',
			'get_groupmsg_task + get_groupmsg_send_result',
			report(big, 'summary'),
			() => 901,
			true,
			HEAP_CAP_MB,
		).catch((error: Error) => error);
		const reportCases = cases.slice(0, 4);
		const summary300 = reportCases[0];
		const summary100 = reportCases[2];
		const results300 = reportCases[1];
		const results100 = reportCases[3];
		printTable(
			'Peak RSS of the process running one Get Report (VmHWM, one child process per case, so each figure includes Node + n8n-core)',
			[
				'output',
				'measure',
				'100 × 2,500 (250,000 results)',
				'300 × 2,500 (750,000 results)',
				'growth 100→300',
			],
			[
				[
					'summary (1 item)',
					'peak RSS',
					`${fmt(mb(summary100.peakRssKb), 1)} MB`,
					`${fmt(mb(summary300.peakRssKb), 1)} MB`,
					ratio(summary300.peakRssKb / summary100.peakRssKb),
				],
				[
					'results (1 item per result)',
					'peak RSS',
					`${fmt(mb(results100.peakRssKb), 1)} MB`,
					`${fmt(mb(results300.peakRssKb), 1)} MB`,
					ratio(results300.peakRssKb / results100.peakRssKb),
				],
				[
					'summary (1 item)',
					'heap retained after the run (after GC)',
					`${fmt(mb(summary100.result.retainedKb), 1)} MB`,
					`${fmt(mb(summary300.result.retainedKb), 1)} MB`,
					'–',
				],
				[
					'results (1 item per result)',
					'heap retained after the run (after GC)',
					`${fmt(mb(results100.result.retainedKb), 1)} MB`,
					`${fmt(mb(results300.result.retainedKb), 1)} MB`,
					ratio(results300.result.retainedKb / results100.result.retainedKb),
				],
			],
		);
		console.log(
			capped instanceof Error
				? `\nSummary 300 × 2,500 with the V8 heap capped at ${HEAP_CAP_MB} MB: FAILED (${capped.message.slice(0, 200)})`
				: `\nSummary 300 × 2,500 with the V8 heap capped at ${HEAP_CAP_MB} MB (--max-old-space-size): completed, ${capped.made} requests, ${(capped.ms / 1000).toFixed(2)} s, peak RSS ${fmt(mb(capped.peakRssKb), 1)} MB.`,
		);
	} finally {
		await sandbox.close();
	}
	console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
