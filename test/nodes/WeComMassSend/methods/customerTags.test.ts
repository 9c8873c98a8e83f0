/** The tag picker (searchCustomerTags): "group / tag" names, tag IDs saved, searchable, one get_corp_tag_list per page. */
import { SEEDED_TAGS } from '../../../../tools/sandbox/contacts';
import { listSearch } from '../../../helpers/loadOptions';
import { apiCalls, bodyOf, useSandbox } from '../../../helpers/sandbox';

const sandbox = useSandbox();
const parameters = { resource: 'customerTag', operation: 'updateOnCustomer' };

test('every tag as "group / tag", saving the tag ID, from one call to get_corp_tag_list for the whole library', async () => {
	const result = await listSearch('searchCustomerTags', parameters);
	expect(result.results).toEqual([
		{ name: '客户等级 / VIP', value: SEEDED_TAGS.vip },
		{ name: '客户等级 / 普通客户', value: SEEDED_TAGS.regular },
		{ name: '客户来源 / 线上活动', value: SEEDED_TAGS.online },
		{ name: '客户来源 / 门店', value: SEEDED_TAGS.store },
	]);
	expect(result.paginationToken).toBeUndefined();
	const calls = apiCalls(sandbox());
	expect(calls).toHaveLength(1);
	expect(calls[0]).toMatchObject({
		method: 'POST',
		path: '/cgi-bin/externalcontact/get_corp_tag_list',
	});
	expect(bodyOf(calls[0])).toEqual({ tag_id: [], group_id: [] });
});

test('the search matches the group name, the tag name or the ID, ignoring case', async () => {
	expect(
		(await listSearch('searchCustomerTags', parameters, '来源')).results.map((r) => r.value),
	).toEqual([SEEDED_TAGS.online, SEEDED_TAGS.store]);
	expect(
		(await listSearch('searchCustomerTags', parameters, 'vip')).results.map((r) => r.value),
	).toEqual([SEEDED_TAGS.vip]);
	expect(
		(await listSearch('searchCustomerTags', parameters, 'tagstore')).results.map((r) => r.value),
	).toEqual([SEEDED_TAGS.store]);
});

test('a library of 250 tags comes to the editor 100 at a time', async () => {
	const group = sandbox().contacts.tagGroups[0];
	for (let i = 0; i < 246; i++)
		group.tag.push({ id: `etMany${i}`, name: `T${i}`, create_time: 0, order: 0 });
	const first = await listSearch('searchCustomerTags', parameters);
	expect(first.results).toHaveLength(100);
	const third = await listSearch('searchCustomerTags', parameters, undefined, '200');
	expect(third.results).toHaveLength(50);
	expect(third.paginationToken).toBeUndefined();
});
