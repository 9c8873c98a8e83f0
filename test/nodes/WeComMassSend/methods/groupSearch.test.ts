/** The group picker (searchCustomerGroups): "name · owner" shown, chat ID saved, WeCom's cursor as the page token. */
import { SEEDED_GROUPS, generatedGroupId } from '../../../../tools/sandbox/groupChats';
import { listSearch } from '../../../helpers/loadOptions';
import { apiCalls, bodyOf, useSandbox } from '../../../helpers/sandbox';

const sandbox = useSandbox();
const parameters = { resource: 'customerGroup', operation: 'get' };

test('a page of 20 groups shown as "name · owner", each read once; the next page follows WeCom’s cursor', async () => {
	const first = await listSearch('searchCustomerGroups', parameters);
	expect(first.results.slice(0, 3)).toEqual([
		{ name: 'VIP 客户群 · zhangsan', value: SEEDED_GROUPS.vip },
		{ name: '门店福利群 · lisi', value: SEEDED_GROUPS.store },
		{ name: '老客户群 · wangwu', value: SEEDED_GROUPS.inherited },
	]);
	expect(first.results).toHaveLength(20);
	expect(first.paginationToken).toEqual(expect.any(String));
	const calls = apiCalls(sandbox());
	expect(calls.map((c) => c.path.split('/').pop())).toEqual(['list', ...Array(20).fill('get')]);
	expect(bodyOf(calls[0])).toEqual({ status_filter: 0, limit: 20 });

	sandbox().resetCalls();
	const second = await listSearch(
		'searchCustomerGroups',
		parameters,
		undefined,
		first.paginationToken as string,
	);
	expect(second.results[0]).toEqual({
		name: expect.stringMatching(/^批量群 18 · member\d{4}$/),
		value: generatedGroupId(17),
	});
	expect(bodyOf(apiCalls(sandbox())[0]).cursor).toBe(first.paginationToken);
});

test('the search matches the group name or owner; pages without a match are skipped', async () => {
	expect((await listSearch('searchCustomerGroups', parameters, '门店')).results).toEqual([
		{ name: '门店福利群 · lisi', value: SEEDED_GROUPS.store },
	]);
	sandbox().resetCalls();
	const deep = await listSearch('searchCustomerGroups', parameters, '批量群 45');
	expect(deep.results.map((r) => r.value)).toEqual([generatedGroupId(44)]);
	// Groups 41–60 are the third page of 20: two pages without a match were read first.
	expect(apiCalls(sandbox()).filter((c) => c.path.endsWith('/list'))).toHaveLength(3);
});
