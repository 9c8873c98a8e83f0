/**
 * The package in n8n's queue mode, as teams run it (tools/n8n/topology.js): Redis, Postgres,
 * n8n main (EXECUTIONS_MODE=queue), one webhook processor and two workers, each process with the
 * package installed from its npm tarball, on both n8n lines with their default settings. Callbacks
 * go to the webhook processor; the workers run the executions against the in-process WeCom sandbox.
 *   - 1,000 callbacks, 50 concurrent: 1,000 × 200, one send_welcome_msg per code, workers ran every execution;
 *   - the campaign example (create → remind → report) on a worker = the same in one process;
 *   - one access token for every process (n8n persists it in the credential);
 *   - the same event to the webhook processor and to main: one send_welcome_msg, with Remove Duplicates;
 *   - Redis killed for 6 s and restarted empty while callbacks arrive: nothing answered and lost.
 * Timings are printed and written to artifacts/queue-e2e.json, never asserted.
 *   npm run build && npx jest -c jest.e2e.config.js test/e2e/queue    (N8N_E2E_LINES=1 or 2)
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startSandbox, type RecordedCall, type Sandbox } from '../../tools/sandbox';
import { ensureN8n } from '../../tools/n8n/install';
import { assertBuilt } from '../../tools/n8n/package';
import { QueueTopology } from '../../tools/n8n/topology';
import { percentiles, pollUntil, request, runPool, sleep, type Answer } from './reliability/http';
import {
	CREDENTIAL,
	campaignExample,
	campaignOnWebhook,
	dedupedWelcomeWorkflow,
	welcomeWorkflow,
} from './queue/workflows';
import { BURST_EVENTS, BURST_SENDERS, burstPaceLabel, waitForTurn } from './support/burst';
import { LINES, importWorkflows, nodeJson } from './support/scenarioKit';

const LOAD_EVENTS = BURST_EVENTS;
const LOAD_CONCURRENCY = BURST_SENDERS;
const WORKERS = 2;
const REDELIVERED_EVENTS = 20;
/** Redis outage while callbacks arrive: one every 300 ms, Redis down for 6 s. */
const OUTAGE_MS = 6_000;
const OUTAGE_INTERVAL_MS = 300;
const OUTAGE_CALLBACKS = 30;

const ROOT = path.resolve(__dirname, '..', '..');
const report: Record<string, unknown> = {};
function writeArtifact() {
	fs.mkdirSync(path.join(ROOT, 'artifacts'), { recursive: true });
	fs.writeFileSync(
		path.join(ROOT, 'artifacts', 'queue-e2e.json'),
		`${JSON.stringify({ generatedAt: new Date().toISOString(), lines: report }, null, 2)}\n`,
	);
}

const callBody = (call: RecordedCall) => (call.body ?? {}) as Record<string, any>;
const apiOf = (call: RecordedCall) =>
	call.path.replace('/cgi-bin/', '').replace('externalcontact/', '');

describe.each(LINES)(
	'queue mode on n8n line %s (main + webhook processor + 2 workers, Postgres, Redis)',
	(line) => {
		let topo: QueueTopology;
		let sandbox: Sandbox;
		const secrets = {
			corpId: `wwq${randomBytes(6).toString('hex')}`,
			secret: `qSecret${randomBytes(18).toString('hex')}`,
			callbackToken: `qTok${randomBytes(8).toString('hex')}`,
			encodingAESKey: randomBytes(32).toString('base64').slice(0, 43),
		};
		const ids = {
			welcome: `q${line}welcome0000000`,
			deduped: `q${line}deduped0000000`,
			campaignHook: `q${line}campaignhook00`,
			campaign: campaignExample().id as string,
		};
		const hooks = {
			welcome: `5a1c0e00-${line}000-4000-8000-00000000000a`,
			deduped: `5a1c0e00-${line}000-4000-8000-00000000000b`,
			campaign: `5a1c0e00-${line}000-4000-8000-00000000000c`,
		};
		const lineReport: Record<string, unknown> = {};
		const began = Date.now();
		/** The campaign run in one process (n8n execute), compared with the run on a worker. */
		let oneProcess: { rows: any[]; apis: string[]; msgid: string };
		let gettokenAtStart = 0;

		const urlOn = (baseUrl: string, webhookId: string, p = 'wecom') =>
			`${baseUrl}/webhook/${webhookId}/${p}`;
		const post = (url: string, event: Record<string, string | number>, timeoutMs = 30_000) => {
			const built = sandbox.buildCallback(event);
			return request(url, { method: 'POST', query: built.query, body: built.body, timeoutMs });
		};
		const s7For = (code: string) =>
			sandbox.callsTo('send_welcome_msg').filter((c) => String(callBody(c).welcome_code) === code);
		const finished = (rows: Array<{ status: string }>) =>
			rows.filter((e) => !['new', 'running', 'waiting', 'queued'].includes(e.status));

		beforeAll(
			async () => {
				assertBuilt();
				await ensureN8n(line);
				sandbox = await startSandbox(secrets);
				topo = await QueueTopology.create({ line, workers: WORKERS });
				await topo.main.importCredentials([
					{
						...CREDENTIAL,
						type: 'weComApi',
						data: {
							corpId: secrets.corpId,
							secret: secrets.secret,
							callbackToken: secrets.callbackToken,
							encodingAESKey: secrets.encodingAESKey,
							baseUrl: sandbox.url,
						},
					},
				]);
				await importWorkflows(topo.main, [
					welcomeWorkflow(ids.welcome, hooks.welcome),
					dedupedWelcomeWorkflow(ids.deduped, hooks.deduped),
					campaignOnWebhook(ids.campaignHook, hooks.campaign, `queue-campaign-${line}`),
					campaignExample(),
				]);
				for (const id of [ids.welcome, ids.deduped, ids.campaignHook]) await topo.main.activate(id);

				// The campaign in one process first (`n8n execute` falls back to regular mode): the reference
				// for the worker run, and the process whose access token the others should reuse.
				const mark = sandbox.calls.length;
				const res = await topo.main.execute(ids.campaign);
				if (res.code !== 0 || res.data?.data?.resultData?.error)
					throw new Error(
						`campaign in one process failed:\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-3000)}`,
					);
				const calls = sandbox.calls.slice(mark).filter((c) => !c.path.endsWith('gettoken'));
				const [created] = nodeJson(res.data.data.resultData.runData, 'Create Mass Message');
				oneProcess = {
					rows: nodeJson(res.data.data.resultData.runData, 'Spreadsheet Rows'),
					apis: calls.map(apiOf),
					msgid: created.msgid,
				};
				gettokenAtStart = sandbox.callsTo('gettoken').length;

				await topo.start({ waitForWebhook: `${hooks.welcome}/wecom` });
				// The webhook processor reads the webhooks main registered; wait for the trigger's own answer
				// (URL verification → the echostr plaintext) on each, which starts no run.
				for (const [base, hook] of [
					[topo.webhook.baseUrl, hooks.welcome],
					[topo.webhook.baseUrl, hooks.deduped],
					[topo.main.baseUrl, hooks.deduped],
				]) {
					const ready = await pollUntil(
						async () => {
							const echo = sandbox.buildEcho();
							const get = await request(urlOn(base, hook), {
								method: 'GET',
								query: echo.query,
								timeoutMs: 5_000,
							});
							return get.status === 200 && get.text === echo.plaintext;
						},
						90_000,
						250,
					);
					if (!ready)
						throw new Error(
							`the WeCom Trigger does not answer at ${urlOn(base, hook)}:\n${topo.describe()}\n${topo.webhook.logTail(40)}`,
						);
				}
			},
			20 * 60 * 1000,
		);

		afterAll(async () => {
			await topo?.stop();
			await sandbox?.close();
			lineReport.n8nVersion = topo?.main?.version;
			lineReport.totalMs = Date.now() - began;
			report[line] = lineReport;
			writeArtifact();
		}, 120_000);

		test(
			`${LOAD_EVENTS} callbacks, ${LOAD_CONCURRENCY} concurrent${burstPaceLabel()}, to the webhook processor: ${LOAD_EVENTS} × 200, one send_welcome_msg per code, every execution run by a worker`,
			async () => {
				const url = urlOn(topo.webhook.baseUrl, hooks.welcome);
				const records: Array<{ code: string; answer: Answer }> = new Array(LOAD_EVENTS);
				const t0 = Date.now();
				await runPool(
					Array.from({ length: LOAD_EVENTS }, (_, i) => i),
					LOAD_CONCURRENCY,
					async (i) => {
						await waitForTurn(i, t0);
						const event = sandbox.addExternalContactEvent({ state: `q-load-${i}` });
						records[i] = { code: String(event.WelcomeCode), answer: await post(url, event) };
					},
				);
				const sentMs = Date.now() - t0;
				const codes = new Set(records.map((r) => r.code));
				expect(codes.size).toBe(LOAD_EVENTS);
				const accepted = records.filter((r) => r.answer.status === 200).length;
				const greeted = () => sandbox.welcomeSends.filter((s) => codes.has(s.code)).length;
				// A code lives 20 s: a send that has not come 60 s after the last callback will not come.
				await pollUntil(
					() => greeted() >= accepted,
					Math.max(0, t0 + sentMs + 60_000 - Date.now()),
					250,
				);
				let rows = await topo.executions(ids.welcome);
				await pollUntil(
					async () => finished((rows = await topo.executions(ids.welcome))).length >= accepted,
					120_000,
					1_000,
				);
				const ranBy = topo.workerOf();
				const perWorker: Record<string, number> = {};
				for (const r of rows)
					perWorker[ranBy.get(r.id) ?? 'no worker'] =
						(perWorker[ranBy.get(r.id) ?? 'no worker'] ?? 0) + 1;

				const perCode = new Map<string, number>();
				for (const c of sandbox.callsTo('send_welcome_msg')) {
					const code = String(callBody(c).welcome_code);
					if (codes.has(code)) perCode.set(code, (perCode.get(code) ?? 0) + 1);
				}
				const lost = [...codes].filter((c) => !perCode.has(c));
				const sentAt = new Map(records.map((r) => [r.code, r.answer.sentAt]));
				const sends = sandbox.welcomeSends.filter((s) => codes.has(s.code));
				const figures = {
					answerStatuses: records.reduce<Record<string, number>>(
						(a, r) => ({ ...a, [r.answer.status]: (a[r.answer.status] ?? 0) + 1 }),
						{},
					),
					s7Calls: [...perCode.values()].reduce((a, b) => a + b, 0),
					lost: lost.length,
					duplicated: [...perCode.values()].filter((n) => n > 1).length,
					executions: rows.length,
					executionStatuses: rows.reduce<Record<string, number>>(
						(a, r) => ({ ...a, [r.status]: (a[r.status] ?? 0) + 1 }),
						{},
					),
					executionsPerWorker: perWorker,
					allSentMs: sentMs,
					answerMs: percentiles(records.map((r) => r.answer.ms)),
					callbackToS7Ms: percentiles(sends.map((s) => s.at - (sentAt.get(s.code) ?? s.at))),
				};
				lineReport.load = figures;
				writeArtifact();
				console.log(`[queue] line ${line} load: ${JSON.stringify(figures, null, 2)}`);

				expect(
					records
						.filter((r) => r.answer.status !== 200)
						.map((r) => `${r.answer.status} ${r.answer.error ?? r.answer.text.slice(0, 200)}`),
				).toEqual([]);
				expect(lost).toEqual([]);
				expect(figures.duplicated).toBe(0);
				expect(figures.s7Calls).toBe(LOAD_EVENTS);
				expect(sends.filter((s) => s.code !== undefined)).toHaveLength(LOAD_EVENTS);
				expect(rows).toHaveLength(LOAD_EVENTS);
				expect(
					rows.filter((r) => r.status !== 'success').map((r) => `${r.id}: ${r.status}`),
				).toEqual([]);
				// n8n's records: every execution was started by a worker (main and the webhook processor ran none).
				expect(rows.filter((r) => !ranBy.has(r.id)).map((r) => r.id)).toEqual([]);
				expect(Object.keys(perWorker).sort()).toEqual(
					Array.from({ length: WORKERS }, (_, i) => `worker${i + 1}`),
				);
				for (const p of [topo.main, topo.webhook]) expect(p.log()).not.toMatch(/started execution/);
			},
			10 * 60 * 1000,
		);

		test(
			'the campaign example (create → remind → tasks → report) runs on a worker with the same results as in one process',
			async () => {
				const mark = sandbox.calls.length;
				const answer = await request(`${topo.webhook.baseUrl}/webhook/queue-campaign-${line}`, {
					method: 'POST',
					body: '{}',
					headers: { 'Content-Type': 'application/json' },
					timeoutMs: 120_000,
				});
				expect(answer.status).toBe(200);
				const rows = JSON.parse(answer.text) as any[];
				const calls = sandbox.calls.slice(mark).filter((c) => !c.path.endsWith('gettoken'));
				const [execution] = await topo.executions(ids.campaignHook);
				const msgid = callBody(calls.find((c) => apiOf(c) === 'remind_groupmsg_send')!).msgid;
				lineReport.campaign = {
					oneProcess,
					worker: { rows, apis: calls.map(apiOf), msgid },
					execution,
					ranBy: topo.workerOf().get(execution?.id),
				};

				expect(oneProcess.rows).toHaveLength(3);
				expect(calls.map(apiOf)).toEqual(oneProcess.apis);
				expect(calls.every((c) => c.httpStatus === 200 && c.errcode === 0)).toBe(true);
				// The same rows, each naming its own run's message.
				const normal = (r: any[], id: string) =>
					r
						.map((row) => ({ ...row, msgid: row.msgid === id ? '<msgid>' : row.msgid }))
						.sort((a, b) => String(a.customer).localeCompare(String(b.customer)));
				expect(normal(rows, msgid)).toEqual(normal(oneProcess.rows, oneProcess.msgid));
				expect(msgid).not.toBe(oneProcess.msgid);
				expect(execution.status).toBe('success');
				expect(topo.workerOf().get(execution.id)).toMatch(/^worker\d$/);
			},
			5 * 60 * 1000,
		);

		test('one access token for every process: fetched once, reused by the workers through the credential n8n stores', () => {
			const gettoken = sandbox.callsTo('gettoken');
			const tokens = sandbox.issuedTokens();
			const used = new Set(
				sandbox.calls
					.filter((c) => !c.path.endsWith('gettoken'))
					.map((c) => String(c.query.access_token)),
			);
			// Processes that called WeCom: the one-process run (n8n execute) and the workers.
			const callers = 1 + WORKERS;
			lineReport.token = {
				gettokenCalls: gettoken.length,
				gettokenByTheOneProcessRun: gettokenAtStart,
				tokensIssued: tokens.length,
				tokensUsed: used.size,
				processesCallingWeCom: callers,
				tokenLifetimes: 1,
			};
			console.log(`[queue] line ${line} token: ${JSON.stringify(lineReport.token)}`);
			expect(gettokenAtStart).toBe(1);
			expect(gettoken.length).toBeLessThanOrEqual(callers);
			expect([...used].every((t) => tokens.includes(t))).toBe(true);
		});

		test(
			`re-delivery, WeCom's callback path routed to one process (the supported setup): ${REDELIVERED_EVENTS} events each posted twice to the webhook processor → one run and one send_welcome_msg per event`,
			async () => {
				const url = urlOn(topo.webhook.baseUrl, hooks.welcome);
				const before = (await topo.executions(ids.welcome)).length;
				const codes: string[] = [];
				await runPool(
					Array.from({ length: REDELIVERED_EVENTS }, (_, i) => i),
					5,
					async (i) => {
						const event = sandbox.addExternalContactEvent({ state: `q-same-process-${i}` });
						codes.push(String(event.WelcomeCode));
						expect((await post(url, event)).status).toBe(200);
						// WeCom re-sends after 5 s without an answer, re-encrypted (another nonce and signature).
						await pollUntil(() => s7For(String(event.WelcomeCode)).length > 0, 30_000, 100);
						expect((await post(url, event)).status).toBe(200);
					},
				);
				await sleep(3_000);
				const rows = await topo.executions(ids.welcome);
				lineReport.redeliverySameProcess = {
					events: REDELIVERED_EVENTS,
					s7PerEvent: codes.map((c) => s7For(c).length),
					newExecutions: rows.length - before,
				};
				expect(codes.map((c) => s7For(c).length)).toEqual(Array(REDELIVERED_EVENTS).fill(1));
				expect(rows.length - before).toBe(REDELIVERED_EVENTS);
			},
			3 * 60 * 1000,
		);

		test(
			`re-delivery across processes: ${REDELIVERED_EVENTS} events, each posted to the webhook processor and then to main, one event at a time → one send_welcome_msg per event (Remove Duplicates on the event key)`,
			async () => {
				const before = (await topo.executions(ids.deduped)).length;
				const results: Array<{ code: string; first: number; second: number }> = [];
				// One event at a time: n8n keeps a node's seen keys in one database row that each run reads
				// and rewrites, so two runs recording keys at the same moment can lose one (README: queue mode).
				for (let i = 0; i < REDELIVERED_EVENTS; i++) {
					const event = sandbox.addExternalContactEvent({ state: `q-redelivery-${i}` });
					const code = String(event.WelcomeCode);
					const first = await post(urlOn(topo.webhook.baseUrl, hooks.deduped), event);
					await pollUntil(() => s7For(code).length > 0, 30_000, 100);
					const second = await post(urlOn(topo.main.baseUrl, hooks.deduped), event);
					await pollUntil(
						async () => finished(await topo.executions(ids.deduped)).length >= before + 2 * (i + 1),
						30_000,
						200,
					);
					results.push({ code, first: first.status, second: second.status });
				}
				await sleep(2_000);
				const rows = await topo.executions(ids.deduped);
				const s7 = results.map((r) => s7For(r.code).length);
				lineReport.redeliveryAcrossProcesses = {
					events: REDELIVERED_EVENTS,
					answers: results.map((r) => `${r.first}/${r.second}`),
					s7PerEvent: s7,
					executions: rows.length - before,
				};
				console.log(
					`[queue] line ${line} re-delivery across processes: ${JSON.stringify(lineReport.redeliveryAcrossProcesses)}`,
				);

				expect(results.every((r) => r.first === 200 && r.second === 200)).toBe(true);
				expect(s7).toEqual(Array(REDELIVERED_EVENTS).fill(1));
				// Both deliveries start a run (each process's re-delivery filter is its own); the second
				// stops at Remove Duplicates.
				expect(rows.length - before).toBe(2 * REDELIVERED_EVENTS);
				expect(rows.filter((r) => r.status !== 'success')).toEqual([]);
			},
			5 * 60 * 1000,
		);

		test(
			'control: without Remove Duplicates the same pair reaches WeCom twice (each process filters re-deliveries only in its own memory)',
			async () => {
				const pairs: number[] = [];
				for (let i = 0; i < 3; i++) {
					const event = sandbox.addExternalContactEvent({ state: `q-control-${i}` });
					const code = String(event.WelcomeCode);
					expect((await post(urlOn(topo.webhook.baseUrl, hooks.welcome), event)).status).toBe(200);
					await pollUntil(() => s7For(code).length > 0, 30_000, 100);
					expect((await post(urlOn(topo.main.baseUrl, hooks.welcome), event)).status).toBe(200);
					await pollUntil(() => s7For(code).length > 1, 30_000, 100);
					pairs.push(s7For(code).length);
				}
				lineReport.redeliveryWithoutDedupe = { s7PerEvent: pairs };
				// WeCom refuses the second use of a code, but the call was made: what the setup above avoids.
				expect(pairs).toEqual([2, 2, 2]);
			},
			3 * 60 * 1000,
		);

		test(
			`Redis killed for ${OUTAGE_MS / 1000} s and restarted empty while callbacks arrive every ${OUTAGE_INTERVAL_MS} ms: no callback answered 200 and then lost`,
			async () => {
				const url = urlOn(topo.webhook.baseUrl, hooks.welcome);
				const sent: Array<{ code: string; answer: Promise<Answer>; at: number }> = [];
				let outage = { downAt: 0, upAt: 0 };
				const sender = (async () => {
					for (let i = 0; i < OUTAGE_CALLBACKS; i++) {
						const event = sandbox.addExternalContactEvent({ state: `q-outage-${i}` });
						sent.push({
							code: String(event.WelcomeCode),
							answer: post(url, event, 60_000),
							at: Date.now(),
						});
						await sleep(OUTAGE_INTERVAL_MS);
					}
				})();
				await sleep(1_500);
				outage.downAt = Date.now();
				await topo.redis.stop();
				await sleep(OUTAGE_MS);
				await topo.redis.start();
				outage.upAt = Date.now();
				await sender;
				const answers = await Promise.all(sent.map((s) => s.answer));
				const answered = sent.filter((_, i) => answers[i].status === 200);
				await pollUntil(() => answered.every((s) => s7For(s.code).length > 0), 90_000, 250);
				await sleep(2_000);
				const lost = answered.filter((s) => s7For(s.code).length === 0).map((s) => s.code);
				const duplicated = sent.filter((s) => s7For(s.code).length > 1).map((s) => s.code);
				const alive = await Promise.all(
					topo
						.processes()
						.map((p) => request(`${p.baseUrl}/healthz`, { method: 'GET', timeoutMs: 10_000 })),
				);
				lineReport.redisOutage = {
					callbacks: sent.length,
					outageMs: outage.upAt - outage.downAt,
					answerStatuses: answers.reduce<Record<string, number>>(
						(a, r) => ({ ...a, [r.status]: (a[r.status] ?? 0) + 1 }),
						{},
					),
					answerMs: percentiles(answers.map((a) => a.ms)),
					answeredThenLost: lost.length,
					duplicated: duplicated.length,
					greeted: sent.filter((s) => s7For(s.code).length > 0).length,
					healthAfter: alive.map((a) => a.status),
				};
				console.log(`[queue] line ${line} Redis outage: ${JSON.stringify(lineReport.redisOutage)}`);
				writeArtifact();

				expect(answered.length).toBeGreaterThan(0);
				expect(lost).toEqual([]);
				expect(duplicated).toEqual([]);
				expect(alive.map((a) => a.status)).toEqual(topo.processes().map(() => 200));
			},
			5 * 60 * 1000,
		);
	},
);
