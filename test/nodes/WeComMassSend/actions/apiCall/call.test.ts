/**
 * API Call: any WeCom API with the credential's token, driven through n8n-core against the
 * sandbox's externalcontact/get (获取客户详情), get_corp_tag_list (获取企业标签库) and mark_tag
 * (编辑客户企业标签), the three examples of the README.
 */
import type { IDataObject } from 'n8n-workflow';

import { WeComMassSend } from '../../../../../nodes/WeComMassSend/WeComMassSend.node';
import type { Sandbox } from '../../../../../tools/sandbox';
import {
	POPULAR_FOLLOWERS,
	SEEDED_CUSTOMERS,
	SEEDED_TAGS,
} from '../../../../../tools/sandbox/contacts';
import {
	MASS_SEND_TYPE,
	massSendNode,
	registerNodeType,
	runMassSend,
	runNodes,
} from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const TOOL_TYPE = `${MASS_SEND_TYPE}Tool`;
registerNodeType(TOOL_TYPE, new WeComMassSend());

const currentSandbox = useSandbox();
let sandbox: Sandbox;
beforeEach(() => {
	sandbox = currentSandbox();
});

const getCustomer = (externalUserId: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'apiCall',
	operation: 'call',
	method: 'GET',
	path: '/cgi-bin/externalcontact/get',
	queryParameters: { parameters: [{ name: 'external_userid', value: externalUserId }] },
	...extra,
});

const post = (path: string, body: unknown, extra: IDataObject = {}): IDataObject => ({
	resource: 'apiCall',
	operation: 'call',
	method: 'POST',
	path,
	jsonBody: typeof body === 'string' ? body : JSON.stringify(body),
	...extra,
});

const markTag = (body: IDataObject) => post('/cgi-bin/externalcontact/mark_tag', body);

function tagsOf(customer: IDataObject, userid: string): string[] {
	const follow = (customer.follow_user as IDataObject[]).find((f) => f.userid === userid);
	return ((follow?.tags as IDataObject[]) ?? []).map((t) => String(t.tag_id));
}

function tokensIn(sandbox: Sandbox, text: string): string[] {
	return sandbox.issuedTokens().filter((token) => text.includes(token));
}

describe('the README examples', () => {
	test('GET externalcontact/get (获取客户详情): the answer without errcode/errmsg, the token only in the query', async () => {
		const result = await runMassSend(getCustomer(SEEDED_CUSTOMERS.lilei));
		expect(result.error).toBeUndefined();
		const [customer] = result.json();
		expect(Object.keys(customer).sort()).toEqual(['external_contact', 'follow_user']);
		expect(customer.external_contact).toMatchObject({
			external_userid: SEEDED_CUSTOMERS.lilei,
			name: '李雷',
		});
		expect((customer.follow_user as IDataObject[]).map((f) => f.userid)).toEqual([
			'zhangsan',
			'lisi',
		]);
		expect(tagsOf(customer, 'zhangsan')).toEqual([SEEDED_TAGS.vip]);

		const [call] = apiCalls(sandbox);
		expect(call).toMatchObject({
			method: 'GET',
			path: '/cgi-bin/externalcontact/get',
			body: undefined,
		});
		expect(call.query).toEqual({
			external_userid: SEEDED_CUSTOMERS.lilei,
			access_token: sandbox.issuedTokens()[0],
		});
		expect(tokensIn(sandbox, JSON.stringify(result.run.data))).toEqual([]);
	});

	test('POST get_corp_tag_list (获取企业标签库) with a JSON body', async () => {
		const all = await runMassSend(post('/cgi-bin/externalcontact/get_corp_tag_list', {}));
		expect((all.json()[0].tag_group as IDataObject[]).map((g) => g.group_name)).toEqual([
			'客户等级',
			'客户来源',
		]);

		const vipOnly = await runMassSend(
			post('/cgi-bin/externalcontact/get_corp_tag_list', { tag_id: [SEEDED_TAGS.vip] }),
		);
		expect(vipOnly.json()).toEqual([
			{
				tag_group: [
					expect.objectContaining({
						group_id: SEEDED_TAGS.levelGroup,
						tag: [expect.objectContaining({ id: SEEDED_TAGS.vip, name: 'VIP' })],
					}),
				],
			},
		]);
		const calls = apiCalls(sandbox);
		expect(calls.map((c) => [c.method, c.path])).toEqual([
			['POST', '/cgi-bin/externalcontact/get_corp_tag_list'],
			['POST', '/cgi-bin/externalcontact/get_corp_tag_list'],
		]);
		expect(bodyOf(calls[1])).toEqual({ tag_id: [SEEDED_TAGS.vip] });
	});

	test('POST mark_tag (编辑客户企业标签) changes the tags that a following GET reads, in one workflow', async () => {
		const nodes = [
			massSendNode(
				markTag({
					userid: 'lisi',
					external_userid: SEEDED_CUSTOMERS.lilei,
					add_tag: [SEEDED_TAGS.online, SEEDED_TAGS.store],
				}),
				{ name: 'Mark Tag' },
			),
			massSendNode(getCustomer(SEEDED_CUSTOMERS.lilei), { name: 'Get Customer' }),
		];
		const result = await runNodes(nodes);
		expect(result.error).toBeUndefined();
		expect(result.json('Mark Tag')).toEqual([{}]);
		const [customer] = result.json('Get Customer');
		expect(tagsOf(customer, 'lisi').sort()).toEqual([SEEDED_TAGS.online, SEEDED_TAGS.store].sort());
		expect(tagsOf(customer, 'zhangsan')).toEqual([SEEDED_TAGS.vip]);
	});
});

describe('the token', () => {
	test('expired in the middle of a run (HTTP 200, errcode 42001): renewed once, the call repeated, every item served', async () => {
		const items = [SEEDED_CUSTOMERS.lilei, SEEDED_CUSTOMERS.hanmeimei, SEEDED_CUSTOMERS.lilei].map(
			(id) => ({ id }),
		);
		// The second call finds the token expired, as WeCom reports it: HTTP 200 with errcode 42001.
		sandbox.fault({ api: 'externalcontact/get', kind: 'expireToken', skip: 1 });
		const result = await runMassSend(getCustomer('={{ $json.id }}'), items);
		expect(result.error).toBeUndefined();
		expect(result.json().map((c) => (c.external_contact as IDataObject).name)).toEqual([
			'李雷',
			'韩梅梅',
			'李雷',
		]);

		expect(sandbox.callsTo('gettoken')).toHaveLength(2);
		const calls = sandbox.callsTo('externalcontact/get');
		expect(calls.map((c) => c.errcode)).toEqual([0, 42001, 0, 0]);
		const [first, second] = sandbox.issuedTokens();
		expect(calls.map((c) => c.query.access_token)).toEqual([first, first, second, second]);
	});

	test('a POST refused with 42001 is repeated once with the new token (WeCom did nothing) and applied once', async () => {
		sandbox.fault({ api: 'mark_tag', kind: 'expireToken' });
		const result = await runMassSend(
			markTag({
				userid: 'wangwu',
				external_userid: SEEDED_CUSTOMERS.hanmeimei,
				add_tag: [SEEDED_TAGS.vip],
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.callsTo('mark_tag').map((c) => c.errcode)).toEqual([42001, 0]);
		expect(sandbox.callsTo('gettoken')).toHaveLength(2);
	});

	test('access_token typed into the path or the query is refused before anything is sent, and not echoed', async () => {
		const secretLooking = 'TYPED_TOKEN_abcdef123456';
		const inPath = await runMassSend(
			{
				resource: 'apiCall',
				operation: 'call',
				method: 'GET',
				path: `/cgi-bin/externalcontact/get?access_token=${secretLooking}`,
			},
			[{}],
			{ continueOnFail: true },
		);
		const inQuery = await runMassSend(
			getCustomer(SEEDED_CUSTOMERS.lilei, {
				queryParameters: { parameters: [{ name: ' Access_Token ', value: secretLooking }] },
			}),
			[{}],
			{ continueOnFail: true },
		);
		expect(inPath.json()[0]).toMatchObject({ field: 'path' });
		expect(inQuery.json()[0]).toMatchObject({ field: 'queryParameters' });
		for (const run of [inPath, inQuery]) {
			expect(String(run.json()[0].error)).toMatch(
				/access_token: the node adds the credential’s token itself/,
			);
			expect(JSON.stringify(run.json())).not.toContain(secretLooking);
		}
		expect(sandbox.calls).toHaveLength(0);
	});
});

describe('bad input is refused before any request, naming the field', () => {
	test.each([
		[
			'a full URL',
			'https://qyapi.weixin.qq.com/cgi-bin/externalcontact/get',
			/without https:\/\/ or a host/,
		],
		[
			'a protocol-relative URL',
			'//evil.example/cgi-bin/externalcontact/get',
			/without https:\/\/ or a host/,
		],
		['a path outside /cgi-bin/', '/externalcontact/get', /must start with \/cgi-bin\//],
		[
			'a path climbing out of /cgi-bin/',
			'/cgi-bin/../admin/get',
			/without empty, "\." or "\.\." parts/,
		],
		['an encoded path', '/cgi-bin/externalcontact%2Fget', /may contain only letters/],
		['gettoken', '/cgi-bin/gettoken', /fetches and refreshes the access token itself/],
		['an empty path', '  ', /is required/],
	])('%s', async (_label, path, rule) => {
		const result = await runMassSend({
			resource: 'apiCall',
			operation: 'call',
			method: 'GET',
			path,
		});
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/^(Item 0: )?"Path" /);
		expect(result.error?.message).toMatch(rule);
		expect(result.error?.context).toMatchObject({ field: 'path', itemIndex: 0 });
		expect(sandbox.calls).toHaveLength(0);
	});

	test.each([
		['not JSON', '{"tag_id": [', /"JSON Body" is not valid JSON/],
		['an array', '[1, 2]', /"JSON Body" must be a JSON object/],
	])('a JSON body that is %s', async (_label, body, rule) => {
		const result = await runMassSend(post('/cgi-bin/externalcontact/get_corp_tag_list', body));
		expect(result.error?.message).toMatch(rule);
		expect(result.error?.context).toMatchObject({ field: 'jsonBody' });
		expect(sandbox.calls).toHaveLength(0);
	});

	test('a JSON body from an expression (an object) is sent as it is', async () => {
		const result = await runMassSend(
			{
				...post('/cgi-bin/externalcontact/get_corp_tag_list', ''),
				jsonBody: '={{ { tag_id: [$json.tag] } }}',
			},
			[{ tag: SEEDED_TAGS.store }],
		);
		expect(result.error).toBeUndefined();
		expect(bodyOf(apiCalls(sandbox)[0])).toEqual({ tag_id: [SEEDED_TAGS.store] });
	});
});

describe('WeCom errors', () => {
	test('errcode ≠ 0 becomes a NodeApiError with errcode, errmsg and WeCom’s meaning', async () => {
		const result = await runMassSend(getCustomer('wmNoSuchCustomer000000000000001'));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'WeCom externalcontact/get failed: [40096] invalid external userid (invalid external userid)',
		);
		expect(result.error?.context).toMatchObject({
			errcode: 40096,
			errmsg: 'invalid external userid',
			api: 'externalcontact/get',
		});
		expect(result.error?.description).toMatch(/Check the customer IDs/);
	});

	test('with Continue On Fail a failed item carries errcode/errmsg/api and the next item goes on', async () => {
		const items = [{ tag: 'etNoSuchTag' }, { tag: SEEDED_TAGS.store }];
		const withExpression = await runMassSend(
			{
				...post('/cgi-bin/externalcontact/mark_tag', ''),
				jsonBody: `={{ { userid: 'zhangsan', external_userid: '${SEEDED_CUSTOMERS.lilei}', add_tag: [$json.tag] } }}`,
			},
			items,
			{ continueOnFail: true },
		);
		const [failed, passed] = withExpression.json();
		expect(failed).toMatchObject({ errcode: 40068, api: 'externalcontact/mark_tag' });
		expect(String(failed.errmsg)).toMatch(/invalid tagid/);
		expect(String(failed.error)).toMatch(/\[40068\] .*\(invalid tag id\)/);
		expect(String(failed.description)).toMatch(/get_corp_tag_list/);
		expect(passed).toEqual({});
		expect(
			sandbox
				.callsTo('mark_tag')
				.slice(-2)
				.map((c) => c.errcode),
		).toEqual([40068, 0]);
	});
});

describe('repeats: only reads', () => {
	test.each([
		['HTTP 500', 'http500' as const],
		['a dropped connection', 'reset' as const],
		['an answer lost after WeCom answered', 'doneThenReset' as const],
	])('a GET survives %s', async (_label, kind) => {
		sandbox.fault({ api: 'externalcontact/get', kind });
		const result = await runMassSend(getCustomer(SEEDED_CUSTOMERS.hanmeimei));
		expect(result.error).toBeUndefined();
		expect((result.json()[0].external_contact as IDataObject).name).toBe('韩梅梅');
		expect(sandbox.callsTo('externalcontact/get')).toHaveLength(2);
	});

	test('a POST whose answer is lost after WeCom did it is not sent again; the error says it may have happened', async () => {
		sandbox.fault({ api: 'mark_tag', kind: 'doneThenReset' });
		const result = await runMassSend(
			markTag({
				userid: 'wangwu',
				external_userid: SEEDED_CUSTOMERS.hanmeimei,
				add_tag: [SEEDED_TAGS.online],
			}),
			[{}],
			{ continueOnFail: true },
		);
		expect(sandbox.callsTo('mark_tag')).toHaveLength(1);
		const [item] = result.json();
		expect(item.api).toBe('externalcontact/mark_tag');
		// It speaks of this call, not of another operation's risks.
		expect(String(item.description)).toMatch(
			/^WeCom may have done it: .* so externalcontact\/mark_tag was not sent again\. Check in WeCom/,
		);
		expect(String(item.description)).not.toMatch(/remind|task|code/);

		// It did happen: the tag is there, once.
		const after = await runMassSend(getCustomer(SEEDED_CUSTOMERS.hanmeimei));
		expect(tagsOf(after.json()[0], 'wangwu')).toEqual([SEEDED_TAGS.online]);
	});

	test('a POST facing HTTP 500 before WeCom did anything is still not repeated (the node cannot know)', async () => {
		sandbox.fault({ api: 'get_corp_tag_list', kind: 'http500' });
		const result = await runMassSend(post('/cgi-bin/externalcontact/get_corp_tag_list', {}));
		expect(result.error?.message).toMatch(
			/externalcontact\/get_corp_tag_list: request failed \(HTTP 500\)/,
		);
		expect(sandbox.callsTo('get_corp_tag_list')).toHaveLength(1);
	});
});

describe('cursor pagination', () => {
	const paged = (extra: IDataObject) => ({
		cursorPagination: true,
		listField: 'follow_user',
		...extra,
	});

	test('GET: Return All follows next_cursor in the query through 1,200 followers in pages of 500', async () => {
		const result = await runMassSend(
			getCustomer(SEEDED_CUSTOMERS.popular, paged({ returnAll: true })),
		);
		expect(result.error).toBeUndefined();
		const items = result.json();
		expect(items).toHaveLength(POPULAR_FOLLOWERS);
		expect(new Set(items.map((i) => i.userid)).size).toBe(POPULAR_FOLLOWERS);
		const calls = sandbox.callsTo('externalcontact/get');
		expect(calls).toHaveLength(3);
		expect(calls[0].query.cursor).toBeUndefined();
		expect(calls[1].query.cursor).toBeTruthy();
		expect(calls[2].query.cursor).not.toBe(calls[1].query.cursor);
	});

	test('GET: Limit stops at the limit without reading further pages', async () => {
		const result = await runMassSend(
			getCustomer(SEEDED_CUSTOMERS.popular, paged({ returnAll: false, limit: 501 })),
		);
		expect(result.json()).toHaveLength(501);
		expect(sandbox.callsTo('externalcontact/get')).toHaveLength(2);
	});

	test('POST: the cursor goes into the body; pages of 20 give the same messages as one page of 100', async () => {
		const now = Math.floor(Date.now() / 1000);
		const query = { chat_type: 'single', start_time: now - 20 * 86400, end_time: now };
		const pagedParams = { cursorPagination: true, listField: 'group_msg_list', returnAll: true };
		const small = await runMassSend(
			post('/cgi-bin/externalcontact/get_groupmsg_list_v2', { ...query, limit: 20 }, pagedParams),
		);
		const large = await runMassSend(
			post('/cgi-bin/externalcontact/get_groupmsg_list_v2', { ...query, limit: 100 }, pagedParams),
		);
		const ids = (run: typeof small) => run.json().map((m) => m.msgid);
		expect(ids(small).length).toBeGreaterThan(40);
		expect(ids(small)).toEqual(ids(large));
		const smallCalls = sandbox.callsTo('get_groupmsg_list_v2').slice(0, -1);
		expect(smallCalls.length).toBe(Math.ceil(ids(small).length / 20));
		expect(bodyOf(smallCalls[0]).cursor).toBeUndefined();
		expect(bodyOf(smallCalls[1])).toMatchObject({
			...query,
			limit: 20,
			cursor: expect.any(String),
		});
	});

	test('entries that are not objects become { <list field>: entry } items', async () => {
		const result = await runMassSend({
			resource: 'apiCall',
			operation: 'call',
			method: 'GET',
			path: '/cgi-bin/externalcontact/get_follow_user_list',
			cursorPagination: true,
			listField: 'follow_user',
			returnAll: true,
		});
		expect(result.json()).toEqual([
			{ follow_user: 'zhangsan' },
			{ follow_user: 'lisi' },
			{ follow_user: 'wangwu' },
		]);
	});

	test('a List Field the answer does not have fails naming the fields it does have', async () => {
		const result = await runMassSend(
			getCustomer(SEEDED_CUSTOMERS.lilei, paged({ listField: 'followers', returnAll: true })),
		);
		expect(result.error?.message).toMatch(
			/the answer has no "followers" field \(its fields: external_contact, follow_user\)/,
		);
		expect(result.error?.context).toMatchObject({ field: 'listField' });
	});
});

describe('as an AI agent tool', () => {
	test('GET works; POST refuses unless Allow Use by AI Agents is on', async () => {
		const read = await runMassSend(getCustomer(SEEDED_CUSTOMERS.lilei), [{}], { type: TOOL_TYPE });
		expect(read.error).toBeUndefined();

		const body = {
			userid: 'zhangsan',
			external_userid: SEEDED_CUSTOMERS.lilei,
			add_tag: [SEEDED_TAGS.store],
		};
		sandbox.resetCalls();
		const refused = await runMassSend(markTag(body), [{}], { type: TOOL_TYPE });
		expect(refused.error?.context).toMatchObject({ field: 'options.allowAsAiTool' });
		expect(sandbox.calls).toHaveLength(0);

		const allowed = await runMassSend(
			{ ...markTag(body), options: { allowAsAiTool: true } },
			[{}],
			{ type: TOOL_TYPE },
		);
		expect(allowed.error).toBeUndefined();
		expect(sandbox.callsTo('mark_tag')).toHaveLength(1);
	});

	test('a GET that changes data (user/delete) refuses too, before any request', async () => {
		sandbox.resetCalls();
		const refused = await runMassSend(
			{
				...getCustomer(SEEDED_CUSTOMERS.lilei),
				path: '/cgi-bin/user/delete',
				queryParameters: { parameters: [{ name: 'userid', value: 'zhangsan' }] },
			},
			[{}],
			{ type: TOOL_TYPE },
		);
		expect(refused.error?.context).toMatchObject({ field: 'options.allowAsAiTool' });
		expect(sandbox.calls).toHaveLength(0);
	});
});
