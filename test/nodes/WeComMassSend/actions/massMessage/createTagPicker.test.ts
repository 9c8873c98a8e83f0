/** Mass Message → Create with tags picked in the Tag Filter (the tag picker), beside typed IDs and today's JSON. */
import type { IDataObject } from 'n8n-workflow';

import { SEEDED_TAGS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const create = (extra: IDataObject) => ({
	resource: 'massMessage',
	operation: 'create',
	chatType: 'single',
	text: 'hi',
	...extra,
});
const pick = (value: string, mode = 'list') => ({ tag: { __rl: true, mode, value } });

test('picked tags and typed IDs of a group are one tag_list; groups are ANDed', async () => {
	const result = await runMassSend(
		create({
			tagFilter: {
				groups: [
					{ tags: { tags: [pick(SEEDED_TAGS.vip), pick(SEEDED_TAGS.regular)] }, tagIds: 'etTyped' },
					{ tags: { tags: [pick(`={{ "${SEEDED_TAGS.online}" }}`, 'id')] } },
				],
			},
		}),
	);
	expect(result.error).toBeUndefined();
	const [call] = sandbox().callsTo('add_msg_template');
	expect(call.method).toBe('POST');
	expect(bodyOf(call).tag_filter).toEqual({
		group_list: [
			{ tag_list: [SEEDED_TAGS.vip, SEEDED_TAGS.regular, 'etTyped'] },
			{ tag_list: [SEEDED_TAGS.online] },
		],
	});
});

test('a saved workflow with only typed Tag IDs sends what it sent before', async () => {
	await runMassSend(create({ tagFilter: { groups: [{ tagIds: 'etVip, etGold' }] } }));
	expect(bodyOf(sandbox().callsTo('add_msg_template')[0]).tag_filter).toEqual({
		group_list: [{ tag_list: ['etVip', 'etGold'] }],
	});
});

test('picked tags and the JSON filter together are refused before any request', async () => {
	const result = await runMassSend(
		create({
			tagFilter: { groups: [{ tags: { tags: [pick(SEEDED_TAGS.vip)] } }] },
			tagFilterJson: '{"group_list":[{"tag_list":["etB"]}]}',
		}),
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0]).toMatchObject({ field: 'tagFilterJson' });
	expect(sandbox().callsTo('add_msg_template')).toHaveLength(0);
});
