/**
 * The weekly campaign with moments end to end in a real n8n, on both supported lines, with
 * examples/weekly-campaign-moment.json as `npm run dev` imports it and the sandbox playing WeCom:
 * a mass message and a moment to the VIP tag, the wait (three days in the example, 1 second here),
 * both reports, the member statistics, and one summary.
 *
 *   npm run build && N8N_E2E_LINES=1 flock /tmp/wecom-e2e.lock npx jest -c jest.e2e.config.js test/e2e/moments
 */
import * as path from 'node:path';

import { N8nInstance } from '../../tools/n8n/instance';
import { assertBuilt, packAndInstall } from '../../tools/n8n/package';
import { ensureN8n } from '../../tools/n8n/install';
import { startSandbox, type RecordedCall, type Sandbox } from '../../tools/sandbox';
import { MOMENT_JOB_POLLS } from '../../tools/sandbox/moments';
import { LINES, importWorkflows, nodeJson, timed } from './support/scenarioKit';

const { loadExamples, CREDENTIAL_ID, CREDENTIAL_NAME } = require('../../tools/dev/setup.js');

const SETUP_TIMEOUT = 20 * 60 * 1000;
const STEP_TIMEOUT = 5 * 60 * 1000;

const examples = loadExamples(path.resolve(__dirname, '..', '..', 'examples')) as Array<{
	file: string;
	workflow: any;
}>;
const campaign = structuredClone(
	examples.find((e) => e.file === 'weekly-campaign-moment.json')!.workflow,
);
// Three days in the example; a test cannot wait that long, and the chain after the wait is the same.
const wait = campaign.nodes.find((n: any) => n.name === 'Three Days Later');
wait.parameters = { ...wait.parameters, amount: 1, unit: 'seconds' };

const apiOf = (call: RecordedCall) => call.path.replace(/^\/cgi-bin\/(externalcontact\/)?/, '');

describe.each(LINES)('n8n line %s: the weekly campaign with a moment', (line) => {
	let n8n: N8nInstance;
	let sandbox: Sandbox;
	const times: Record<string, number> = {};

	beforeAll(async () => {
		assertBuilt();
		await timed(times, line, 'setup: n8n install (cached) + instance', async () => {
			await ensureN8n(line);
			n8n = await N8nInstance.create({ line });
		});
		sandbox = await startSandbox();
		await timed(times, line, 'setup: packAndInstall', () => packAndInstall(n8n.userFolder));
		await timed(times, line, 'setup: import', async () => {
			await n8n.importCredentials([
				{
					id: CREDENTIAL_ID,
					name: CREDENTIAL_NAME,
					type: 'weComApi',
					data: { ...sandbox.config, baseUrl: sandbox.url },
				},
			]);
			await importWorkflows(n8n, [campaign]);
		});
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
		console.log(
			`[e2e line ${line}] wall times:\n${Object.entries(times)
				.map(([k, ms]) => `  ${k}: ${(ms / 1000).toFixed(1)} s`)
				.join('\n')}`,
		);
	});

	test(
		'mass message + moment to the VIP tag → wait → both reports + member statistics → one summary',
		async () => {
			const res = await timed(times, line, 'weekly campaign with moment (execute)', () =>
				n8n.execute(campaign.id),
			);
			expect(res.data?.data?.resultData?.error).toBeUndefined();
			const calls = sandbox.calls.filter(
				(c) => c.path.startsWith('/cgi-bin/') && !c.path.endsWith('/gettoken'),
			);
			const apis = calls.map(apiOf);
			expect(calls.every((c) => c.errcode === 0)).toBe(true);
			// The order of the chain, and the job polled until WeCom finished it.
			expect(apis.slice(0, 2 + MOMENT_JOB_POLLS)).toEqual([
				'add_msg_template',
				'add_moment_task',
				...Array.from({ length: MOMENT_JOB_POLLS }, () => 'get_moment_task_result'),
			]);
			expect(apis[apis.length - 1]).toBe('get_user_behavior_data');
			expect(apis).toContain('get_groupmsg_task');
			expect(apis).toContain('get_moment_task');
			// The same tag for both channels.
			const massBody = calls.find((c) => apiOf(c) === 'add_msg_template')!.body as any;
			const momentBody = calls.find((c) => apiOf(c) === 'add_moment_task')!.body as any;
			expect(momentBody.visible_range).toEqual({
				external_contact_list: { tag_list: ['etSandboxTagVip'] },
			});
			expect(JSON.stringify(massBody)).toContain('etSandboxTagVip');
			const behavior = calls.filter((c) => apiOf(c) === 'get_user_behavior_data');
			expect(behavior).toHaveLength(1);
			expect((behavior[0].body as any).userid).toEqual(['zhangsan', 'lisi', 'wangwu']);

			const runData = res.data.data.resultData.runData;
			const [moment] = nodeJson(runData, 'Moment to VIP');
			expect(moment).toMatchObject({ done: true, moment_id: expect.stringMatching(/^mom/) });
			const [momentReport] = nodeJson(runData, 'Moment Report');
			expect(momentReport).toMatchObject({
				moment_id: moment.moment_id,
				membersPublished: 0,
				members: 3,
			});
			const summary = nodeJson(runData, 'Summary');
			expect(summary).toHaveLength(1);
			expect(summary[0].text).toMatch(/^本周 VIP 活动小结\n群发：\d+ 位成员/);
			expect(summary[0].text).toContain('朋友圈：0/3 位成员已发表');
			expect(summary[0].text).toMatch(/三天内新增客户 \d+ 位/);
		},
		STEP_TIMEOUT,
	);
});
