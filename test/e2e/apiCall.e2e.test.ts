/**
 * API Call and the member pickers in a real n8n, on both lines, with the package installed from its
 * npm tarball and the WeCom sandbox in this process:
 *  - one workflow (`n8n execute`): n8n's HTTP Request node with the WeCom API credential meets an
 *    expired token (HTTP 200, errcode 42001) and "succeeds" with the error as data; the API Call
 *    nodes after it renew the token once and run the README examples (mark_tag, externalcontact/get,
 *    get_corp_tag_list); two Creates hold the Sender as a plain string (as saved before the
 *    locator) and as a locator value;
 *  - the editor's "From List" search (`n8n start`, REST resource-locator-results) returns the
 *    sandbox's members.
 *
 *   npm run build && npx jest -c jest.e2e.config.js test/e2e/apiCall    (N8N_E2E_LINES=1 or 2)
 */
import { N8nInstance } from '../../tools/n8n/instance';
import { ensureN8n } from '../../tools/n8n/install';
import { assertBuilt, packAndInstall } from '../../tools/n8n/package';
import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { SEEDED_CUSTOMERS, SEEDED_TAGS } from '../../tools/sandbox/contacts';
import { LINES, PKG, nodeError, nodeJson, setupOwner, timed } from './support/scenarioKit';

const SETUP_TIMEOUT = 20 * 60 * 1000;
const TEST_TIMEOUT = 5 * 60 * 1000;
const CREDENTIAL = { id: 'wecomApiCallE2e1', name: 'WeCom (sandbox, API Call)' };
const WORKFLOW_ID = 'wecomE2eApiCal01';

function apiCallWorkflow(sandboxUrl: string) {
	const credentials = { weComApi: { ...CREDENTIAL } };
	const mass = (id: string, name: string, x: number, parameters: Record<string, unknown>) => ({
		id,
		name,
		type: `${PKG}.weComMassSend`,
		typeVersion: 1,
		position: [x, 0],
		parameters,
		credentials,
	});
	const nodes = [
		{
			id: 'ac1',
			name: 'Run Now',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'ac2',
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [200, 0],
			parameters: {
				method: 'GET',
				url: `${sandboxUrl}/cgi-bin/externalcontact/get`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'weComApi',
				sendQuery: true,
				queryParameters: {
					parameters: [{ name: 'external_userid', value: SEEDED_CUSTOMERS.lilei }],
				},
				options: {},
			},
			credentials,
		},
		mass('ac3', 'Mark Tag', 400, {
			resource: 'apiCall',
			operation: 'call',
			method: 'POST',
			path: '/cgi-bin/externalcontact/mark_tag',
			jsonBody: JSON.stringify({
				userid: 'lisi',
				external_userid: SEEDED_CUSTOMERS.lilei,
				add_tag: [SEEDED_TAGS.online],
			}),
		}),
		mass('ac4', 'Get Customer', 600, {
			resource: 'apiCall',
			operation: 'call',
			method: 'GET',
			path: '/cgi-bin/externalcontact/get',
			queryParameters: { parameters: [{ name: 'external_userid', value: SEEDED_CUSTOMERS.lilei }] },
		}),
		mass('ac5', 'Tag Library', 800, {
			resource: 'apiCall',
			operation: 'call',
			method: 'POST',
			path: '/cgi-bin/externalcontact/get_corp_tag_list',
			jsonBody: JSON.stringify({ tag_id: [SEEDED_TAGS.online] }),
		}),
		mass('ac6', 'Create Plain Sender', 1000, {
			resource: 'massMessage',
			operation: 'create',
			chatType: 'single',
			externalUserIds: 'wmCustomer001',
			sender: 'lisi',
			text: 'plain-string sender',
			options: {},
		}),
		mass('ac7', 'Create Locator Sender', 1200, {
			resource: 'massMessage',
			operation: 'create',
			chatType: 'single',
			externalUserIds: 'wmCustomer002',
			sender: { __rl: true, mode: 'list', value: 'wangwu' },
			text: 'locator sender',
			options: {},
		}),
	];
	const names = nodes.map((n) => n.name);
	const connections = Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
	return {
		id: WORKFLOW_ID,
		name: 'e2e: API Call and member locators',
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

describe.each(LINES)('n8n line %s: API Call and member pickers', (line) => {
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
		await timed(times, line, 'setup: import credential + workflow', async () => {
			await n8n.importCredentials([
				{ ...CREDENTIAL, type: 'weComApi', data: { ...sandbox.config, baseUrl: sandbox.url } },
			]);
			await n8n.importWorkflow(apiCallWorkflow(sandbox.url));
		});
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
	});

	test(
		'HTTP Request passes 42001 off as data; API Call renews the token once and runs GET and POST; both Sender shapes run',
		async () => {
			// The first externalcontact/get (the HTTP Request node's) finds its token expired, as WeCom reports it.
			sandbox.fault({ api: 'externalcontact/get', kind: 'expireToken' });
			const res = await timed(times, line, 'API Call workflow (execute)', () =>
				n8n.execute(WORKFLOW_ID),
			);
			const runData = res.data?.data?.resultData?.runData;
			expect(res.data?.data?.resultData?.error).toBeUndefined();
			expect(res.code).toBe(0);

			// n8n's HTTP Request: no error, no refresh, WeCom's complaint as the output.
			expect(nodeError(runData, 'HTTP Request')).toBeUndefined();
			expect(nodeJson(runData, 'HTTP Request')).toEqual([
				{ errcode: 42001, errmsg: 'access_token expired' },
			]);

			// API Call: the stale token is refused once, a new one fetched, the POST repeated (WeCom did nothing).
			expect(sandbox.callsTo('mark_tag').map((c) => c.errcode)).toEqual([42001, 0]);
			expect(sandbox.callsTo('gettoken')).toHaveLength(2);
			const [first, second] = sandbox.issuedTokens();
			expect(sandbox.callsTo('mark_tag').map((c) => c.query.access_token)).toEqual([first, second]);
			expect(nodeJson(runData, 'Mark Tag')).toEqual([{}]);

			const [customer] = nodeJson(runData, 'Get Customer');
			expect(customer.external_contact).toMatchObject({
				external_userid: SEEDED_CUSTOMERS.lilei,
				name: '李雷',
			});
			const lisi = customer.follow_user.find((f: any) => f.userid === 'lisi');
			expect(lisi.tags.map((t: any) => t.tag_id)).toEqual([SEEDED_TAGS.online]);
			expect(nodeJson(runData, 'Tag Library')).toEqual([
				{
					tag_group: [
						expect.objectContaining({
							group_id: SEEDED_TAGS.sourceGroup,
							tag: [expect.objectContaining({ id: SEEDED_TAGS.online })],
						}),
					],
				},
			]);

			expect(sandbox.callsTo('add_msg_template').map((c) => (c.body as any).sender)).toEqual([
				'lisi',
				'wangwu',
			]);
			for (const name of ['Create Plain Sender', 'Create Locator Sender']) {
				expect(nodeJson(runData, name)).toEqual([
					expect.objectContaining({ msgid: expect.stringMatching(/^msg/), failedCount: 0 }),
				]);
			}

			const printed = res.stdout + res.stderr;
			for (const token of sandbox.issuedTokens()) expect(printed).not.toContain(token);
			expect(printed).not.toContain(sandbox.config.secret);
		},
		TEST_TIMEOUT,
	);

	test(
		'the editor’s "From List" search for Sender returns the sandbox’s members (n8n start, REST)',
		async () => {
			await timed(times, line, 'n8n start → /healthz', () => n8n.start({ timeoutMs: 180000 }));
			// setupOwner waits for n8n to mount its REST routes (/healthz answers seconds earlier).
			const session = await timed(times, line, 'REST routes up + owner setup', () =>
				setupOwner(n8n, 120000),
			);
			const search = async (filter?: string) => {
				const res = await fetch(
					`${n8n.baseUrl}/rest/dynamic-node-parameters/resource-locator-results`,
					{
						method: 'POST',
						headers: {
							'content-type': 'application/json',
							'browser-id': 'wecom-e2e-browser',
							cookie: session.cookie,
						},
						body: JSON.stringify({
							path: 'parameters.sender',
							nodeTypeAndVersion: { name: `${PKG}.weComMassSend`, version: 1 },
							methodName: 'searchMembers',
							...(filter !== undefined ? { filter } : {}),
							currentNodeParameters: {
								resource: 'massMessage',
								operation: 'create',
								chatType: 'single',
								sender: { __rl: true, mode: 'list', value: '' },
							},
							credentials: { weComApi: { ...CREDENTIAL } },
						}),
						signal: AbortSignal.timeout(60000),
					},
				);
				const text = await res.text();
				expect({ status: res.status, text: text.slice(0, 300) }).toMatchObject({ status: 200 });
				return JSON.parse(text).data;
			};
			const mark = sandbox.calls.length;
			const all = await timed(times, line, 'REST resource-locator-results', () => search());
			expect(all.results.map((r: any) => r.value)).toEqual(['lisi', 'wangwu', 'zhangsan']);
			expect((await search('AN')).results).toEqual([
				{ name: 'wangwu', value: 'wangwu' },
				{ name: 'zhangsan', value: 'zhangsan' },
			]);
			const listed = sandbox.calls
				.slice(mark)
				.filter((c) => c.path.endsWith('/get_follow_user_list'));
			expect(listed.map((c) => [c.method, c.errcode])).toEqual([
				['GET', 0],
				['GET', 0],
			]);
		},
		TEST_TIMEOUT,
	);
});
