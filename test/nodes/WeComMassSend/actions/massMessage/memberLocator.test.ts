/**
 * Sender (add_msg_template), Member (get_groupmsg_send_result) and Members (Get Report) as resource locators: the
 * "From List" search reads get_follow_user_list through the editor's own load-options context,
 * and workflows saved with a plain string (before the locator) still run.
 */
import { MEMBER_SEARCH_METHOD } from '../../../../../nodes/WeComMassSend/actions/common/memberLocator';
import { WeComMassSend } from '../../../../../nodes/WeComMassSend/WeComMassSend.node';
import type { Sandbox } from '../../../../../tools/sandbox';
import { runMassSend } from '../../../../helpers/engine';
import { listSearch } from '../../../../helpers/loadOptions';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const currentSandbox = useSandbox();
let sandbox: Sandbox;
beforeEach(() => {
	sandbox = currentSandbox();
});

const createParameters = {
	resource: 'massMessage',
	operation: 'create',
	chatType: 'single',
	text: '本周新品上架',
};
const rl = (mode: 'list' | 'id', value: unknown) => ({ __rl: true, mode, value });

describe('the member list (From List)', () => {
	test('lists the sandbox’s 客户联系 members from get_follow_user_list, with the credential’s token', async () => {
		const found = await listSearch(MEMBER_SEARCH_METHOD, createParameters);
		expect(found).toEqual({
			results: [
				{ name: 'lisi', value: 'lisi' },
				{ name: 'wangwu', value: 'wangwu' },
				{ name: 'zhangsan', value: 'zhangsan' },
			],
		});
		const [call] = apiCalls(sandbox);
		expect(call).toMatchObject({
			method: 'GET',
			path: '/cgi-bin/externalcontact/get_follow_user_list',
			errcode: 0,
		});
		expect(call.query.access_token).toBe(sandbox.issuedTokens()[0]);
	});

	test('search matches part of the user ID, ignoring case', async () => {
		expect(
			(await listSearch(MEMBER_SEARCH_METHOD, createParameters, 'AN')).results.map((r) => r.value),
		).toEqual(['wangwu', 'zhangsan']);
		expect(
			(await listSearch(MEMBER_SEARCH_METHOD, createParameters, 'lis')).results.map((r) => r.value),
		).toEqual(['lisi']);
		expect((await listSearch(MEMBER_SEARCH_METHOD, createParameters, 'nobody')).results).toEqual(
			[],
		);
	});

	test('a token WeCom reports expired while the editor searches is renewed once', async () => {
		sandbox.fault({ api: 'get_follow_user_list', kind: 'expireToken' });
		const found = await listSearch(MEMBER_SEARCH_METHOD, createParameters, 'zhang');
		expect(found.results).toEqual([{ name: 'zhangsan', value: 'zhangsan' }]);
		expect(sandbox.callsTo('get_follow_user_list').map((c) => c.errcode)).toEqual([42001, 0]);
		expect(sandbox.callsTo('gettoken')).toHaveLength(2);
	});

	test('a WeCom refusal reaches the editor as WeCom’s error, with the fix', async () => {
		sandbox.fault({ api: 'get_follow_user_list', kind: 'errcode', errcode: 48002 });
		await expect(listSearch(MEMBER_SEARCH_METHOD, createParameters)).rejects.toMatchObject({
			message: expect.stringMatching(/\[48002\]/),
			description: expect.stringMatching(/可调用应用/),
		});
	});

	test('every member field offers the list and an ID', () => {
		const properties = new WeComMassSend().description.properties;
		for (const name of ['sender', 'userId', 'memberUserIds']) {
			const property = properties.find((p) => p.name === name);
			expect(property?.type).toBe('resourceLocator');
			expect(property?.modes?.map((m) => [m.name, m.typeOptions?.searchListMethod])).toEqual([
				['list', MEMBER_SEARCH_METHOD],
				['id', undefined],
			]);
		}
	});
});

describe('Sender (add_msg_template)', () => {
	test.each([
		['picked from the list', rl('list', 'lisi')],
		['typed by ID', rl('id', 'lisi')],
		['a plain string saved before the locator', 'lisi'],
		['a plain-string expression saved before the locator', '={{ $json.member }}'],
		['an expression in the locator', rl('id', '={{ $json.member }}')],
	])('%s reaches add_msg_template as sender', async (_label, sender) => {
		const result = await runMassSend({ ...createParameters, sender }, [{ member: 'lisi' }]);
		expect(result.error).toBeUndefined();
		expect(bodyOf(sandbox.callsTo('add_msg_template')[0]).sender).toBe('lisi');
	});

	test('an empty locator still counts as no sender', async () => {
		const result = await runMassSend({
			...createParameters,
			chatType: 'group',
			sender: rl('list', ''),
		});
		expect(result.error?.message).toMatch(/"Sender" is required when sending to customer groups/);
		expect(sandbox.calls).toHaveLength(0);
	});
});

describe('Member (get_groupmsg_send_result)', () => {
	test.each([
		['picked from the list', rl('list', 'zhangsan')],
		['a plain string saved before the locator', 'zhangsan'],
	])('%s reads that member’s results', async (_label, userId) => {
		const msgid = sandbox.seedMassMessage({ members: 2, resultsPerMember: 3 });
		const result = await runMassSend({
			resource: 'massMessage',
			operation: 'getSendResults',
			msgId: msgid,
			userId,
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.json()).toHaveLength(3);
		expect(result.json().every((r) => r.userid === 'zhangsan')).toBe(true);
		expect(bodyOf(sandbox.callsTo('get_groupmsg_send_result')[0]).userid).toBe('zhangsan');
	});

	test('an expression that yields nothing is refused before any request, naming the field', async () => {
		const result = await runMassSend(
			{
				resource: 'massMessage',
				operation: 'getSendResults',
				msgId: 'msg1',
				userId: rl('id', '={{ $json.member }}'),
			},
			[{ member: '  ' }],
		);
		expect(result.error?.message).toMatch(/^(Item 0: )?"Member" is required$/);
		expect(result.error?.context).toMatchObject({ field: 'userId', itemIndex: 0 });
		expect(sandbox.calls).toHaveLength(0);
	});
});

describe('Members (Get Report)', () => {
	test.each([
		['one member from the list', rl('list', 'lisi'), ['lisi']],
		['several by ID, as before', rl('id', 'zhangsan, lisi'), ['zhangsan', 'lisi']],
		['a plain string saved before the locator', 'zhangsan\nlisi', ['zhangsan', 'lisi']],
	])(
		'%s: get_groupmsg_send_result is read for exactly those members, get_groupmsg_task not at all',
		async (_label, memberUserIds, members) => {
			const msgid = sandbox.seedMassMessage({ members: 3, resultsPerMember: 2 });
			const result = await runMassSend({
				resource: 'massMessage',
				operation: 'getReport',
				msgId: msgid,
				output: 'summary',
				memberUserIds,
			});
			expect(result.error).toBeUndefined();
			expect(sandbox.callsTo('get_groupmsg_task')).toHaveLength(0);
			expect(sandbox.callsTo('get_groupmsg_send_result').map((c) => bodyOf(c).userid)).toEqual(
				members,
			);
			expect(result.json()[0].total).toBe(2 * members.length);
		},
	);

	test('an empty locator reads every member from the task list (get_groupmsg_task)', async () => {
		const msgid = sandbox.seedMassMessage({ members: 3, resultsPerMember: 2 });
		const result = await runMassSend({
			resource: 'massMessage',
			operation: 'getReport',
			msgId: msgid,
			output: 'summary',
			memberUserIds: rl('list', ''),
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.callsTo('get_groupmsg_task')).toHaveLength(1);
		expect(sandbox.callsTo('get_groupmsg_send_result')).toHaveLength(3);
	});
});
