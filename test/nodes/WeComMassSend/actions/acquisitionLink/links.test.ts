/** Acquisition Link → Create, Get, Get Many, Update, Delete (customer_acquisition/create_link, get, list_link, update_link, delete_link). */
import { GENERATED_LINKS, SEEDED_LINK } from '../../../../../tools/sandbox/acquisitionLinks';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { createLink, op } from './shared';

const sandbox = useSandbox();

test('Create sends the name, range and skip_verify; the item has the link and its URL', async () => {
	const link = await createLink({ skipVerify: false });
	expect(link).toEqual({
		link_id: expect.stringMatching(/^ca/),
		link_name: '小红书投放',
		url: expect.stringContaining(String(link.link_id)),
		create_time: expect.any(Number),
		user_list: ['zhangsan', 'lisi'],
		department_list: [2],
		skip_verify: false,
	});
	const [call] = apiCalls(sandbox());
	expect(call.path).toBe('/cgi-bin/externalcontact/customer_acquisition/create_link');
	expect(bodyOf(call)).toEqual({
		link_name: '小红书投放',
		range: { user_list: ['zhangsan', 'lisi'], department_list: [2] },
		skip_verify: false,
	});
});

test.each([
	[
		'no member and no department',
		{ members: '', departments: '' },
		'members',
		/at least one member/,
	],
	[
		'501 members',
		{ members: Array.from({ length: 501 }, (_, i) => `m${i}`).join(',') },
		'members',
		/501 members; a link takes at most 500/,
	],
	['a department that is not a number', { departments: 'sales' }, 'departments', /whole numbers/],
	[
		'101 departments',
		{ members: '', departments: Array.from({ length: 101 }, (_, i) => i + 1).join(',') },
		'departments',
		/at most 100/,
	],
	[
		'an empty name (from an expression)',
		{ linkName: '={{ "" }}' },
		'linkName',
		/"Link Name" is required/,
	],
])('Create with %s is refused before any request', async (_name, extra, field, message) => {
	const result = await runMassSend(
		op('create', { linkName: 'x', members: 'zhangsan', ...extra }),
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0]).toMatchObject({ field, error: expect.stringMatching(message) });
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('a lost answer to Create is never repeated: WeCom may have made the link', async () => {
	sandbox().fault({ api: 'create_link', kind: 'doneThenReset' });
	const result = await runMassSend(op('create', { linkName: 'x', members: 'zhangsan' }), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({
		api: 'customer_acquisition/create_link',
		mayHaveReachedWeCom: true,
	});
	expect(sandbox().callsTo('create_link')).toHaveLength(1);
});

test('Get flattens the link, its range and skip_verify into one item', async () => {
	const result = await runMassSend(op('get', { linkId: SEEDED_LINK }));
	expect(result.json()).toEqual([
		{
			link_id: SEEDED_LINK,
			link_name: '抖音投放',
			url: expect.stringContaining(SEEDED_LINK),
			create_time: 1700000000,
			user_list: ['zhangsan'],
			department_list: [],
			skip_verify: true,
		},
	]);
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({ link_id: SEEDED_LINK });
});

test('Get Many: Return All reads pages of 100; a Limit asks for exactly that; Include Details reads each link', async () => {
	const all = await runMassSend(op('getMany', { returnAll: true }));
	expect(all.json()).toHaveLength(GENERATED_LINKS + 1);
	expect(apiCalls(sandbox()).map((c) => bodyOf(c).limit)).toEqual([100, 100]);
	expect(typeof bodyOf(apiCalls(sandbox())[1]).cursor).toBe('string');
	sandbox().resetCalls();
	const two = await runMassSend(op('getMany', { limit: 2, includeDetails: true }));
	expect(two.json().map((l) => [l.link_id, l.link_name])).toEqual([
		[SEEDED_LINK, '抖音投放'],
		[expect.any(String), '批量链接 1'],
	]);
	expect(apiCalls(sandbox()).map((c) => c.path.split('/').pop())).toEqual([
		'list_link',
		'get',
		'get',
	]);
	expect(bodyOf(apiCalls(sandbox())[0]).limit).toBe(2);
});

test('Update sends only the chosen fields; members and departments replace the range together', async () => {
	const link = await createLink();
	sandbox().resetCalls();
	const result = await runMassSend(
		op('update', {
			linkId: link.link_id,
			updateFields: { linkName: '小红书投放 2', members: 'wangwu' },
		}),
	);
	expect(result.json()[0]).toMatchObject({ link_id: link.link_id, updated: true });
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({
		link_id: link.link_id,
		link_name: '小红书投放 2',
		range: { user_list: ['wangwu'], department_list: [] },
	});
	const read = await runMassSend(op('get', { linkId: link.link_id }));
	expect(read.json()[0]).toMatchObject({
		link_name: '小红书投放 2',
		user_list: ['wangwu'],
		department_list: [],
		skip_verify: true,
	});
});

test('Update with no fields is refused before any request', async () => {
	const result = await runMassSend(op('update', { linkId: SEEDED_LINK, updateFields: {} }), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({
		field: 'updateFields',
		error: expect.stringMatching(/at least one field/),
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('Delete removes the link; a second delete is WeCom’s error with the API', async () => {
	const link = await createLink();
	const result = await runMassSend(op('delete', { linkId: link.link_id }));
	expect(result.json()).toEqual([{ link_id: link.link_id, deleted: true }]);
	const again = await runMassSend(op('delete', { linkId: link.link_id }), [{}], {
		continueOnFail: true,
	});
	expect(again.json()[0]).toMatchObject({
		errcode: 40058,
		api: 'customer_acquisition/delete_link',
	});
});
