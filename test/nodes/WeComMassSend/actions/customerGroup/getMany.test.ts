/** Customer Group → Get Many (groupchat/list): status and owner filters over WeCom's cursor. */
import { GENERATED_GROUPS, SEEDED_GROUPS } from '../../../../../tools/sandbox/groupChats';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const getMany = (extra: Record<string, unknown> = {}) => ({
	resource: 'customerGroup',
	operation: 'getMany',
	...extra,
});
const ALL = 3 + GENERATED_GROUPS;

test('Return All reads every group in pages of 1,000, following next_cursor', async () => {
	const result = await runMassSend(getMany({ returnAll: true }));
	const items = result.json();
	expect(items).toHaveLength(ALL);
	expect(new Set(items.map((i) => i.chat_id)).size).toBe(ALL);
	const calls = apiCalls(sandbox());
	expect(calls.map((c) => c.path)).toEqual([
		'/cgi-bin/externalcontact/groupchat/list',
		'/cgi-bin/externalcontact/groupchat/list',
	]);
	expect(calls.map((c) => bodyOf(c).limit)).toEqual([1000, 1000]);
	expect(bodyOf(calls[0]).cursor).toBeUndefined();
	expect(typeof bodyOf(calls[1]).cursor).toBe('string');
	expect(bodyOf(calls[0]).status_filter).toBe(0);
});

test('a Limit is asked for exactly; Status and Owners become status_filter and owner_filter', async () => {
	const result = await runMassSend(
		getMany({ limit: 5, status: 'ownerLeft', owners: 'wangwu, zhangsan' }),
	);
	expect(result.json()).toEqual([{ chat_id: SEEDED_GROUPS.inherited, status: 1 }]);
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({
		status_filter: 1,
		owner_filter: { userid_list: ['wangwu', 'zhangsan'] },
		limit: 5,
	});
});

test('more than 100 owners are split into requests of 100, each within WeCom’s limit', async () => {
	const owners = Array.from({ length: 250 }, (_, i) => `member${String(i + 1).padStart(4, '0')}`);
	const result = await runMassSend(getMany({ returnAll: true, owners: owners.join(',') }));
	expect(result.error).toBeUndefined();
	const lists = apiCalls(sandbox()).map((c) => bodyOf(c).owner_filter.userid_list as string[]);
	// The first 100 owners hold all 1,200 generated groups, so their list takes two pages.
	expect(lists.map((l) => l.length)).toEqual([100, 100, 100, 50]);
	expect(lists[1]).toEqual(lists[0]);
	expect([...lists[0], ...lists.slice(2).flat()]).toEqual(owners);
	expect(result.json()).toHaveLength(GENERATED_GROUPS);
});

test('Include Details reads each group with groupchat/get', async () => {
	const result = await runMassSend(
		getMany({ limit: 2, includeDetails: true, owners: 'zhangsan, lisi' }),
	);
	expect(result.json().map((g) => [g.chat_id, g.name, g.owner, g.status])).toEqual([
		[SEEDED_GROUPS.vip, 'VIP 客户群', 'zhangsan', 0],
		[SEEDED_GROUPS.store, '门店福利群', 'lisi', 0],
	]);
	expect(apiCalls(sandbox()).map((c) => c.path.split('/').pop())).toEqual(['list', 'get', 'get']);
});

test('an owner list that is not IDs is refused before any request', async () => {
	const result = await runMassSend(getMany({ owners: '={{ [{ a: 1 }] }}' }), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({
		field: 'owners',
		error: expect.stringMatching(/"Owners": .* not an ID/),
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('WeCom’s 81017 (too many members visible without Owners) fails the item with its errcode; a busy answer is read again', async () => {
	sandbox().fault({ api: 'groupchat/list', kind: 'errcode', errcode: 81017 });
	const refused = await runMassSend(getMany({ limit: 1 }), [{}], { continueOnFail: true });
	expect(refused.json()[0]).toMatchObject({ errcode: 81017, api: 'groupchat/list' });
	sandbox().resetCalls();
	sandbox().fault({ api: 'groupchat/list', kind: 'errcode', errcode: -1 });
	const retried = await runMassSend(getMany({ limit: 1 }));
	expect(retried.json()).toEqual([{ chat_id: SEEDED_GROUPS.vip, status: 0 }]);
	expect(sandbox().callsTo('groupchat/list')).toHaveLength(2);
});
