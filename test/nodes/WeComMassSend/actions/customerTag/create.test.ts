/** Customer Tag → Create (add_corp_tag): names of at most 30 characters, one group, never repeated after a lost answer. */
import type { IDataObject } from 'n8n-workflow';

import { SEEDED_TAGS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const create = (extra: IDataObject) => ({ resource: 'customerTag', operation: 'create', ...extra });
const tags = (...names: string[]) => ({ tag: names.map((name, i) => ({ name, order: i })) });

test('a new group with its tags: the wire body and WeCom’s answer with the new IDs', async () => {
	const result = await runMassSend(
		create({ groupName: '客户意向', tags: tags('高意向', '低意向'), options: { groupOrder: 5 } }),
	);
	expect(result.error).toBeUndefined();
	const [group] = result.json();
	expect(group).toMatchObject({ group_name: '客户意向', order: 5 });
	expect((group.tag as IDataObject[]).map((t) => t.name)).toEqual(['高意向', '低意向']);
	expect((group.tag as IDataObject[]).every((t) => typeof t.id === 'string' && t.id !== '')).toBe(
		true,
	);
	const [call] = apiCalls(sandbox());
	expect(call).toMatchObject({ method: 'POST', path: '/cgi-bin/externalcontact/add_corp_tag' });
	expect(bodyOf(call)).toEqual({
		group_name: '客户意向',
		order: 5,
		tag: [
			{ name: '高意向', order: 0 },
			{ name: '低意向', order: 1 },
		],
	});
	expect(sandbox().contacts.tagGroups.find((g) => g.group_name === '客户意向')?.tag).toHaveLength(
		2,
	);
});

test('Tag Group ID adds to an existing group; a name WeCom already has there is its 40071', async () => {
	const ok = await runMassSend(
		create({ tags: tags('新客户'), options: { groupId: SEEDED_TAGS.levelGroup } }),
	);
	expect(ok.json()[0]).toMatchObject({ group_id: SEEDED_TAGS.levelGroup });
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({
		group_id: SEEDED_TAGS.levelGroup,
		tag: [{ name: '新客户', order: 0 }],
	});

	const taken = await runMassSend(
		create({ tags: tags('VIP'), options: { groupId: SEEDED_TAGS.levelGroup } }),
		[{}],
		{ continueOnFail: true },
	);
	expect(taken.json()[0]).toMatchObject({
		errcode: 40071,
		api: 'add_corp_tag',
		error: expect.stringContaining('already exists'),
	});
});

test.each([
	[
		{ groupName: '', tags: tags('A') },
		'groupName',
		expect.stringContaining('"Tag Group Name" is required'),
	],
	[
		{ groupName: '组'.repeat(31), tags: tags('A') },
		'groupName',
		'"Tag Group Name" has 31 characters; WeCom allows at most 30',
	],
	[
		{ groupName: 'G', tags: tags('签'.repeat(31)) },
		'tags',
		expect.stringContaining('has 31 characters; WeCom allows at most 30'),
	],
	[{ groupName: 'G', tags: tags('A', 'A') }, 'tags', expect.stringContaining('is given twice')],
	[{ groupName: 'G', tags: {} }, 'tags', 'Add at least one tag under "Tags"'],
	[
		{ groupName: 'G', tags: tags('A'), options: { groupId: 'etX' } },
		'groupName',
		expect.stringContaining('not both'),
	],
])('%j is refused before any request', async (parameters, field, error) => {
	const result = await runMassSend(create(parameters as IDataObject), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({ field, error });
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('30 Chinese characters are allowed: WeCom counts characters, not bytes', async () => {
	const result = await runMassSend(
		create({ groupName: '组'.repeat(30), tags: tags('签'.repeat(30)) }),
	);
	expect(result.error).toBeUndefined();
});

test('a lost answer is not repeated', async () => {
	sandbox().fault({ api: 'add_corp_tag', kind: 'doneThenReset' } as never);
	const result = await runMassSend(create({ groupName: 'G', tags: tags('A') }), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({ api: 'add_corp_tag', mayHaveReachedWeCom: true });
	expect(sandbox().callsTo('add_corp_tag')).toHaveLength(1);
});
