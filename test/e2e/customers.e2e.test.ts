/**
 * Customer and Customer Tag in a real n8n, on both lines, with the package installed from its npm
 * tarball and the WeCom sandbox in this process:
 *  - one workflow (`n8n execute`) runs every operation of both resources and Mass Message → Create
 *    with a picked tag in its Tag Filter; the test checks what reached the sandbox (method, path,
 *    body) and what n8n recorded for each node;
 *  - the editor's "From List" search for a tag (`n8n start`, REST resource-locator-results) returns
 *    "group / tag" names with tag IDs.
 *
 *   npm run build && npx jest -c jest.e2e.config.js test/e2e/customers    (N8N_E2E_LINES=1 or 2)
 */
import { N8nInstance } from '../../tools/n8n/instance';
import { ensureN8n } from '../../tools/n8n/install';
import { assertBuilt, packAndInstall } from '../../tools/n8n/package';
import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { BUSY_MEMBER, SEEDED_CUSTOMERS, SEEDED_TAGS } from '../../tools/sandbox/contacts';
import {
	LINES,
	PKG,
	importWorkflows,
	loadExample,
	nodeError,
	nodeJson,
	parseFlatted,
	poll,
	setupOwner,
	storedExecutions,
	timed,
} from './support/scenarioKit';

const SETUP_TIMEOUT = 20 * 60 * 1000;
const TEST_TIMEOUT = 5 * 60 * 1000;
const CREDENTIAL = { id: 'wecomCustomersE2e', name: 'WeCom (sandbox, customers)' };
const WORKFLOW_ID = 'wecomE2eCustomer';
/** The credential the examples name. */
const EXAMPLE_CREDENTIAL = { id: 'wecom-sandbox', name: 'WeCom (sandbox)' };
const tagByState = loadExample('customer-get-tag-by-state.json');
const tagSegment = loadExample('tag-segment-campaign.json');

const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });
const pick = (value: string) => ({ tags: [{ tag: rl(value) }] });

function customersWorkflow() {
	const credentials = { weComApi: { ...CREDENTIAL } };
	const steps: Array<[string, Record<string, unknown>]> = [
		[
			'Get Customer',
			{ resource: 'customer', operation: 'get', externalUserId: SEEDED_CUSTOMERS.lilei },
		],
		[
			'Get Many Customers',
			{
				resource: 'customer',
				operation: 'getMany',
				memberUserIds: rl(`${BUSY_MEMBER}, zhangsan`, 'id'),
				returnAll: false,
				limit: 250,
			},
		],
		[
			'Update Remark',
			{
				resource: 'customer',
				operation: 'updateRemark',
				userId: rl('zhangsan'),
				externalUserId: SEEDED_CUSTOMERS.lilei,
				updateFields: { remark: '李雷（老客户）', remarkMobiles: '13800000001' },
			},
		],
		[
			'Create Tags',
			{
				resource: 'customerTag',
				operation: 'create',
				groupName: '客户意向',
				tags: {
					tag: [
						{ name: '高意向', order: 2 },
						{ name: '低意向', order: 1 },
					],
				},
			},
		],
		[
			'Get Tag Library',
			{
				resource: 'customerTag',
				operation: 'getMany',
				returnAll: true,
				filters: { groupIds: SEEDED_TAGS.levelGroup },
			},
		],
		[
			'Rename Tag',
			{
				resource: 'customerTag',
				operation: 'update',
				id: rl(SEEDED_TAGS.regular),
				updateFields: { name: '普通' },
			},
		],
		[
			'Tag Customer',
			{
				resource: 'customerTag',
				operation: 'updateOnCustomer',
				userId: rl('zhangsan'),
				externalUserId: SEEDED_CUSTOMERS.lilei,
				tagsToAdd: pick(SEEDED_TAGS.online),
				tagsToRemove: pick(SEEDED_TAGS.vip),
			},
		],
		['Delete Tag', { resource: 'customerTag', operation: 'delete', tags: pick(SEEDED_TAGS.store) }],
		[
			'Mass Message to Tag',
			{
				resource: 'massMessage',
				operation: 'create',
				chatType: 'single',
				sender: rl('lisi'),
				text: '本周优惠',
				tagFilter: { groups: [{ tags: pick(SEEDED_TAGS.online) }] },
			},
		],
	];
	const trigger = {
		id: 'cu0',
		name: 'Run Now',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	// Each step hangs off the trigger (one input item each), top to bottom in the order above.
	const nodes = steps.map(([name, parameters], i) => ({
		id: `cu${i + 1}`,
		name,
		type: `${PKG}.weComMassSend`,
		typeVersion: 1,
		position: [300, i * 120],
		parameters,
		credentials,
	}));
	const connections = {
		'Run Now': { main: [nodes.map((n) => ({ node: n.name, type: 'main', index: 0 }))] },
	};
	return {
		id: WORKFLOW_ID,
		name: 'e2e: customers and customer tags',
		nodes: [trigger, ...nodes],
		connections,
		settings: { executionOrder: 'v1' },
	};
}

describe.each(LINES)('n8n line %s: Customer and Customer Tag', (line) => {
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
			const data = { ...sandbox.config, baseUrl: sandbox.url };
			await n8n.importCredentials([
				{ ...CREDENTIAL, type: 'weComApi', data },
				{ ...EXAMPLE_CREDENTIAL, type: 'weComApi', data },
			]);
			await importWorkflows(n8n, [customersWorkflow(), tagByState, tagSegment]);
			await n8n.activate(tagByState.id);
		});
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
	});

	test(
		'every Customer and Customer Tag operation, and a mass message to a picked tag: the wire and n8n’s record',
		async () => {
			const res = await timed(times, line, 'customers workflow (execute)', () =>
				n8n.execute(WORKFLOW_ID),
			);
			const runData = res.data?.data?.resultData?.runData;
			expect(res.data?.data?.resultData?.error).toBeUndefined();
			for (const name of Object.keys(runData ?? {}))
				expect(nodeError(runData, name)).toBeUndefined();
			const body = (api: string, i = 0) => sandbox.callsTo(api)[i]?.body as any;
			const methodAndPath = (api: string) =>
				sandbox.callsTo(api).map((c) => `${c.method} ${c.path}`);

			const [customer] = nodeJson(runData, 'Get Customer');
			expect(customer.external_contact).toMatchObject({
				external_userid: SEEDED_CUSTOMERS.lilei,
				name: '李雷',
			});
			expect(methodAndPath('externalcontact/get')).toEqual(['GET /cgi-bin/externalcontact/get']);

			// 250 of zhaoliu's 2,500 customers: two pages of 100 and one of 50, nothing more.
			const many = nodeJson(runData, 'Get Many Customers');
			expect(many).toHaveLength(250);
			expect(many[0].follow_info).toMatchObject({
				userid: BUSY_MEMBER,
				tag_id: [SEEDED_TAGS.online],
			});
			expect(methodAndPath('batch/get_by_user')).toEqual(
				Array(3).fill('POST /cgi-bin/externalcontact/batch/get_by_user'),
			);
			expect(sandbox.callsTo('batch/get_by_user').map((c) => (c.body as any).limit)).toEqual([
				100, 100, 50,
			]);
			expect(body('batch/get_by_user').userid_list).toEqual([BUSY_MEMBER, 'zhangsan']);

			expect(body('externalcontact/remark')).toEqual({
				userid: 'zhangsan',
				external_userid: SEEDED_CUSTOMERS.lilei,
				remark: '李雷（老客户）',
				remark_mobiles: ['13800000001'],
			});
			expect(
				sandbox.contacts.customers.get(SEEDED_CUSTOMERS.lilei)!.followers.get('zhangsan')!.remark,
			).toBe('李雷（老客户）');

			expect(body('add_corp_tag')).toEqual({
				group_name: '客户意向',
				tag: [
					{ name: '高意向', order: 2 },
					{ name: '低意向', order: 1 },
				],
			});
			expect(nodeJson(runData, 'Create Tags')[0].tag.map((t: any) => t.name)).toEqual([
				'高意向',
				'低意向',
			]);

			expect(body('get_corp_tag_list')).toEqual({ tag_id: [], group_id: [SEEDED_TAGS.levelGroup] });
			expect(nodeJson(runData, 'Get Tag Library').map((g) => g.group_id)).toEqual([
				SEEDED_TAGS.levelGroup,
			]);

			expect(body('edit_corp_tag')).toEqual({ id: SEEDED_TAGS.regular, name: '普通' });
			expect(body('mark_tag')).toEqual({
				userid: 'zhangsan',
				external_userid: SEEDED_CUSTOMERS.lilei,
				add_tag: [SEEDED_TAGS.online],
				remove_tag: [SEEDED_TAGS.vip],
			});
			expect(body('del_corp_tag')).toEqual({ tag_id: [SEEDED_TAGS.store] });
			expect(body('add_msg_template')).toMatchObject({
				sender: 'lisi',
				tag_filter: { group_list: [{ tag_list: [SEEDED_TAGS.online] }] },
			});
			for (const api of [
				'remark',
				'add_corp_tag',
				'get_corp_tag_list',
				'edit_corp_tag',
				'mark_tag',
				'del_corp_tag',
				'add_msg_template',
			]) {
				expect(sandbox.callsTo(api).map((c) => c.method)).toEqual(['POST']);
			}
			const printed = res.stdout + res.stderr;
			for (const token of sandbox.issuedTokens()) expect(printed).not.toContain(token);
			expect(printed).not.toContain(sandbox.config.secret);
			expect(res.code).toBe(0);
		},
		TEST_TIMEOUT,
	);

	test(
		'example tag-segment-campaign: the picked tag reaches add_msg_template as its tag_filter (n8n execute)',
		async () => {
			const before = sandbox.callsTo('add_msg_template').length;
			const res = await timed(times, line, 'tag segment example (execute)', () =>
				n8n.execute(tagSegment.id),
			);
			expect(res.data?.data?.resultData?.error).toBeUndefined();
			const calls = sandbox.callsTo('add_msg_template').slice(before);
			expect(calls.map((c) => c.method)).toEqual(['POST']);
			expect(calls[0].body).toMatchObject({
				chat_type: 'single',
				tag_filter: { group_list: [{ tag_list: [SEEDED_TAGS.vip] }] },
				text: { content: '本周 VIP 专享优惠，欢迎咨询' },
			});
			// No Sender and no customer list: WeCom picks every member's customers with the tag.
			expect((calls[0].body as any).sender).toBeUndefined();
			expect((calls[0].body as any).external_userid).toBeUndefined();
			expect(nodeJson(res.data?.data?.resultData?.runData, 'Create Mass Message')).toEqual([
				expect.objectContaining({ msgid: expect.stringMatching(/^msg/) }),
			]);
		},
		TEST_TIMEOUT,
	);

	test(
		'the editor’s "From List": a tag shows "group / tag" and saves the tag ID; a member shows "name (userid)" (n8n start, REST)',
		async () => {
			await timed(times, line, 'n8n start → /healthz', () => n8n.start({ timeoutMs: 180000 }));
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
							path: 'parameters.tagsToAdd.tags[0].tag',
							nodeTypeAndVersion: { name: `${PKG}.weComMassSend`, version: 1 },
							methodName: 'searchCustomerTags',
							...(filter !== undefined ? { filter } : {}),
							currentNodeParameters: {
								resource: 'customerTag',
								operation: 'updateOnCustomer',
								tagsToAdd: { tags: [{ tag: rl('') }] },
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
			const found = await timed(times, line, 'REST resource-locator-results (tags)', () =>
				search('来源'),
			);
			// The first test deleted 门店: the picker reads the library as it is now.
			expect(found.results).toEqual([{ name: '客户来源 / 线上活动', value: SEEDED_TAGS.online }]);
			expect(
				sandbox
					.callsTo('get_corp_tag_list')
					.slice(-1)
					.map((c) => [c.method, c.errcode]),
			).toEqual([['POST', 0]]);

			// The member picker shows names where the secret may read the directory (user/simplelist).
			sandbox.contacts.directoryReadable = true;
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
						path: 'parameters.userId',
						nodeTypeAndVersion: { name: `${PKG}.weComMassSend`, version: 1 },
						methodName: 'searchMembers',
						filter: '张',
						currentNodeParameters: {
							resource: 'customerTag',
							operation: 'updateOnCustomer',
							userId: rl(''),
						},
						credentials: { weComApi: { ...CREDENTIAL } },
					}),
					signal: AbortSignal.timeout(60000),
				},
			);
			expect(res.status).toBe(200);
			expect(((await res.json()) as any).data.results).toEqual([
				{ name: '张三 (zhangsan)', value: 'zhangsan' },
			]);
			expect(
				sandbox
					.callsTo('user/simplelist')
					.slice(-1)
					.map((c) => [c.method, c.query.department_id, c.query.fetch_child, c.errcode]),
			).toEqual([['GET', '1', '1', 0]]);
		},
		TEST_TIMEOUT,
	);

	test(
		'example customer-get-tag-by-state: a customer added by QR code (State store) is looked up and tagged 门店 (active workflow, encrypted callback)',
		async () => {
			// The first test deleted 门店 and changed tags: back to the seeded library and customers.
			sandbox.contacts.reset();
			// The customer's follow record carries the State of the QR code wangwu's contact way gave.
			sandbox.contacts.customers.get(SEEDED_CUSTOMERS.hanmeimei)!.followers.get('wangwu')!.state =
				'store';
			const webhookId = tagByState.nodes.find((n: any) => n.name === 'WeCom Trigger').webhookId;
			const event = sandbox.addExternalContactEvent({
				userId: 'wangwu',
				externalUserId: SEEDED_CUSTOMERS.hanmeimei,
				state: 'store',
			});
			const before = sandbox.callsTo('mark_tag').length;
			const answered = await sandbox.emitCallback(
				`${n8n.baseUrl}/webhook/${webhookId}/wecom`,
				event,
			);
			expect(answered.status).toBe(200);
			const [row] = await timed(times, line, 'tag by State example: stored execution', () =>
				storedExecutions(n8n, tagByState.id),
			);
			expect(row.status).toBe('success');
			const runData = parseFlatted(row.data!).resultData.runData;
			expect(nodeJson(runData, 'Get Customer')[0].external_contact).toMatchObject({
				external_userid: SEEDED_CUSTOMERS.hanmeimei,
			});
			const marks = await poll('mark_tag at the sandbox', () =>
				sandbox.callsTo('mark_tag').length > before
					? sandbox.callsTo('mark_tag').slice(before)
					: undefined,
			);
			expect(marks.map((c) => [c.method, c.body])).toEqual([
				[
					'POST',
					{
						userid: 'wangwu',
						external_userid: SEEDED_CUSTOMERS.hanmeimei,
						add_tag: [SEEDED_TAGS.store],
					},
				],
			]);
			expect([
				...sandbox.contacts.customers.get(SEEDED_CUSTOMERS.hanmeimei)!.followers.get('wangwu')!
					.tagIds,
			]).toEqual([SEEDED_TAGS.store]);
		},
		TEST_TIMEOUT,
	);
});
