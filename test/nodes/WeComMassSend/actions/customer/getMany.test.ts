/** Customer → Get Many (batch/get_by_user): members split into 100 per call, pages of 100, Return All / Limit. */
import {
	BUSY_MEMBER,
	BUSY_MEMBER_CUSTOMERS,
	SEEDED_CUSTOMERS,
	SEEDED_TAGS,
} from '../../../../../tools/sandbox/contacts';
import type { IDataObject } from 'n8n-workflow';

import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const getMany = (memberUserIds: unknown, paging: Record<string, unknown> = { returnAll: true }) =>
	({
		resource: 'customer',
		operation: 'getMany',
		memberUserIds,
		...paging,
	}) as IDataObject;

test('Return All over a member with 2,500 customers: every pair once, in pages of 100, the fewest requests', async () => {
	const result = await runMassSend(getMany({ __rl: true, mode: 'id', value: BUSY_MEMBER }));
	expect(result.error).toBeUndefined();
	const items = result.json();
	expect(items).toHaveLength(BUSY_MEMBER_CUSTOMERS);
	const ids = items.map(
		(item) => (item.external_contact as { external_userid: string }).external_userid,
	);
	expect(new Set(ids).size).toBe(BUSY_MEMBER_CUSTOMERS);
	expect(items[0].follow_info).toMatchObject({
		userid: BUSY_MEMBER,
		tag_id: [SEEDED_TAGS.online],
		state: 'qr-even',
		add_way: 1,
	});
	expect(Object.keys(items[0]).sort()).toEqual(['external_contact', 'follow_info']);

	const calls = apiCalls(sandbox());
	expect(calls).toHaveLength(BUSY_MEMBER_CUSTOMERS / 100);
	expect(
		calls.every(
			(call) =>
				call.method === 'POST' && call.path === '/cgi-bin/externalcontact/batch/get_by_user',
		),
	).toBe(true);
	expect(calls.map((call) => bodyOf(call).limit)).toEqual(calls.map(() => 100));
	expect(bodyOf(calls[0])).toEqual({ userid_list: [BUSY_MEMBER], limit: 100 });
	expect(
		calls
			.slice(1)
			.every((call) => typeof bodyOf(call).cursor === 'string' && bodyOf(call).cursor !== ''),
	).toBe(true);
});

test('a Limit asks WeCom for exactly what is missing and stops there', async () => {
	const result = await runMassSend(getMany(BUSY_MEMBER, { returnAll: false, limit: 130 }));
	expect(result.json()).toHaveLength(130);
	expect(apiCalls(sandbox()).map((call) => bodyOf(call).limit)).toEqual([100, 30]);
});

test('one item per customer–member pair: a customer two members added is two items, each with that member’s remark and tags', async () => {
	const result = await runMassSend(getMany('zhangsan, lisi, wangwu'));
	const lilei = result
		.json()
		.filter(
			(item) =>
				(item.external_contact as { external_userid: string }).external_userid ===
				SEEDED_CUSTOMERS.lilei,
		);
	expect(lilei.map((item) => item.follow_info)).toEqual([
		expect.objectContaining({
			userid: 'zhangsan',
			remark: '李雷-老客户',
			tag_id: [SEEDED_TAGS.vip],
		}),
		expect.objectContaining({ userid: 'lisi', remark: '', tag_id: [] }),
	]);
	expect(bodyOf(apiCalls(sandbox())[0]).userid_list).toEqual(['zhangsan', 'lisi', 'wangwu']);
});

test('more than 100 members are sent 100 per call, and a Limit reached in the first batch sends no second one', async () => {
	const members = [BUSY_MEMBER, ...Array.from({ length: 150 }, (_, i) => `nobody${i}`)];
	const all = await runMassSend(getMany(members.join(', '), { returnAll: false, limit: 100000 }));
	expect(all.json()).toHaveLength(BUSY_MEMBER_CUSTOMERS);
	const lists = apiCalls(sandbox()).map((call) => bodyOf(call).userid_list as string[]);
	expect(lists.every((list) => list.length <= 100)).toBe(true);
	expect(new Set(lists.map((list) => list.join(','))).size).toBe(2);
	expect(lists[lists.length - 1]).toHaveLength(51);

	sandbox().resetCalls();
	const limited = await runMassSend(getMany(members.join('\n'), { returnAll: false, limit: 5 }));
	expect(limited.json()).toHaveLength(5);
	expect(apiCalls(sandbox())).toHaveLength(1);
});

test('no member is refused before any request, naming the field', async () => {
	const result = await runMassSend(getMany({ __rl: true, mode: 'id', value: ' , ' }), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({
		error: '"Members" needs at least one member',
		field: 'memberUserIds',
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('members from an expression array work, and WeCom’s refusal keeps its errcode', async () => {
	sandbox().fault({ api: 'batch/get_by_user', kind: 'errcode', errcode: 48002 } as never);
	const result = await runMassSend(getMany('={{ ["zhangsan"] }}'), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({ errcode: 48002, api: 'batch/get_by_user' });
	expect(bodyOf(apiCalls(sandbox())[0]).userid_list).toEqual(['zhangsan']);
});
