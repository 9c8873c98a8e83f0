/** Customer Tag → Update (edit_corp_tag): a tag picked from the list or a group by ID, name and order checked first. */
import type { IDataObject } from 'n8n-workflow';

import { SEEDED_TAGS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const update = (id: unknown, updateFields: IDataObject) =>
	({ resource: 'customerTag', operation: 'update', id, updateFields }) as IDataObject;

test('a picked tag is renamed and reordered', async () => {
	const result = await runMassSend(
		update({ __rl: true, mode: 'list', value: SEEDED_TAGS.vip }, { name: '高意向', order: 9 }),
	);
	expect(result.json()[0]).toEqual({
		id: SEEDED_TAGS.vip,
		name: '高意向',
		order: 9,
		updated: true,
	});
	const [call] = apiCalls(sandbox());
	expect(call).toMatchObject({ method: 'POST', path: '/cgi-bin/externalcontact/edit_corp_tag' });
	expect(bodyOf(call)).toEqual({ id: SEEDED_TAGS.vip, name: '高意向', order: 9 });
	expect(sandbox().contacts.findTag(SEEDED_TAGS.vip)?.tag).toMatchObject({
		name: '高意向',
		order: 9,
	});
});

test('a group by ID is renamed', async () => {
	await runMassSend(
		update({ __rl: true, mode: 'id', value: SEEDED_TAGS.sourceGroup }, { name: '渠道' }),
	);
	expect(sandbox().contacts.findGroup(SEEDED_TAGS.sourceGroup)?.group_name).toBe('渠道');
});

test.each([
	[{}, 'updateFields', 'Add "Name" or "Order" under "Update Fields"'],
	[
		{ name: 'x'.repeat(31) },
		'updateFields.name',
		'"Name" has 31 characters; WeCom allows at most 30',
	],
	[{ order: -1 }, 'updateFields.order', expect.stringContaining('Order must be a whole number')],
])('%j is refused before any request', async (fields, field, error) => {
	const result = await runMassSend(
		update({ __rl: true, mode: 'id', value: SEEDED_TAGS.vip }, fields),
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0]).toMatchObject({ field, error });
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('an unknown tag is WeCom’s 40068 with the fix', async () => {
	const result = await runMassSend(
		update({ __rl: true, mode: 'id', value: 'etGone' }, { name: 'x' }),
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0]).toMatchObject({ errcode: 40068, api: 'edit_corp_tag' });
	expect(String(result.json()[0].error)).toContain('invalid tag id');
});

test('a name the group already has is WeCom’s 40071, explained with the fix', async () => {
	const result = await runMassSend(
		update({ __rl: true, mode: 'list', value: SEEDED_TAGS.vip }, { name: '普通客户' }),
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0]).toMatchObject({
		errcode: 40071,
		api: 'edit_corp_tag',
		error: expect.stringContaining('already exists'),
	});
	expect(sandbox().contacts.findTag(SEEDED_TAGS.vip)?.tag.name).toBe('VIP');
});
