/** Customer Tag → Delete (del_corp_tag): tags or whole groups, at least one. */
import type { IDataObject } from 'n8n-workflow';

import { SEEDED_TAGS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const del = (extra: IDataObject) => ({ resource: 'customerTag', operation: 'delete', ...extra });

test('picked tags and typed IDs go out as one tag_id list; groups as group_id', async () => {
	const result = await runMassSend(
		del({
			tags: {
				tags: [
					{ tag: { __rl: true, mode: 'list', value: SEEDED_TAGS.vip } },
					{ tag: { __rl: true, mode: 'id', value: `${SEEDED_TAGS.regular}, ${SEEDED_TAGS.vip}` } },
				],
			},
			groupIds: SEEDED_TAGS.sourceGroup,
		}),
	);
	expect(result.json()[0]).toEqual({
		tag_id: [SEEDED_TAGS.vip, SEEDED_TAGS.regular],
		group_id: [SEEDED_TAGS.sourceGroup],
		deleted: true,
	});
	const [call] = apiCalls(sandbox());
	expect(call).toMatchObject({ method: 'POST', path: '/cgi-bin/externalcontact/del_corp_tag' });
	expect(bodyOf(call)).toEqual({
		tag_id: [SEEDED_TAGS.vip, SEEDED_TAGS.regular],
		group_id: [SEEDED_TAGS.sourceGroup],
	});
	// Both groups are gone: one named, the other lost its last tag.
	expect(sandbox().contacts.tagGroups).toEqual([]);
});

test('nothing to delete is refused before any request', async () => {
	const result = await runMassSend(del({ tags: {}, groupIds: ' ' }), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({
		field: 'tags',
		error: 'Give at least one tag under "Tags" or one ID in "Tag Group IDs"',
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('an unknown tag is WeCom’s 40068', async () => {
	const result = await runMassSend(del({ groupIds: 'etNoSuchGroup' }), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({ errcode: 40068, api: 'del_corp_tag' });
});
