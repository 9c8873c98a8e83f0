/** Customer Tag → Get Many (get_corp_tag_list): one item per group, the tag and group filters as WeCom applies them. */
import type { IDataObject } from 'n8n-workflow';

import { SEEDED_TAGS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const getMany = (extra: IDataObject = {}) => ({
	resource: 'customerTag',
	operation: 'getMany',
	returnAll: true,
	...extra,
});
const picked = (...ids: string[]) => ({
	tags: ids.map((value) => ({ tag: { __rl: true, mode: 'list', value } })),
});

test('the whole library: one item per group with its tags, from one call', async () => {
	const result = await runMassSend(getMany());
	expect(result.json().map((g) => g.group_name)).toEqual(['客户等级', '客户来源']);
	expect((result.json()[0].tag as IDataObject[]).map((t) => t.id)).toEqual([
		SEEDED_TAGS.vip,
		SEEDED_TAGS.regular,
	]);
	const calls = apiCalls(sandbox());
	expect(calls).toHaveLength(1);
	expect(calls[0]).toMatchObject({
		method: 'POST',
		path: '/cgi-bin/externalcontact/get_corp_tag_list',
	});
	expect(bodyOf(calls[0])).toEqual({ tag_id: [], group_id: [] });
});

test('picked tags: only those, in their groups; group IDs: whole groups', async () => {
	const byTag = await runMassSend(getMany({ filters: { tags: picked(SEEDED_TAGS.store) } }));
	expect(byTag.json()).toEqual([
		expect.objectContaining({
			group_id: SEEDED_TAGS.sourceGroup,
			tag: [expect.objectContaining({ id: SEEDED_TAGS.store })],
		}),
	]);
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({ tag_id: [SEEDED_TAGS.store], group_id: [] });

	sandbox().resetCalls();
	const byGroup = await runMassSend(getMany({ filters: { groupIds: SEEDED_TAGS.levelGroup } }));
	expect((byGroup.json()[0].tag as IDataObject[]).map((t) => t.id)).toEqual([
		SEEDED_TAGS.vip,
		SEEDED_TAGS.regular,
	]);
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({
		tag_id: [],
		group_id: [SEEDED_TAGS.levelGroup],
	});
});

test('tags and groups together are refused before any request: WeCom would drop the tag filter', async () => {
	const result = await runMassSend(
		getMany({ filters: { tags: picked(SEEDED_TAGS.vip), groupIds: SEEDED_TAGS.sourceGroup } }),
		[{}],
		{
			continueOnFail: true,
		},
	);
	expect(result.json()[0]).toMatchObject({
		field: 'filters.tags',
		error: expect.stringContaining('not both'),
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('a Limit counts groups', async () => {
	expect((await runMassSend(getMany({ returnAll: false, limit: 1 }))).json()).toHaveLength(1);
});
