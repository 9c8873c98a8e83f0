/** Customer Tag → Add or Remove on Customer (mark_tag): the member, the customer, tags picked or typed. */
import type { IDataObject } from 'n8n-workflow';

import { SEEDED_CUSTOMERS, SEEDED_TAGS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const pick = (value: string, mode = 'list') => ({ tag: { __rl: true, mode, value } });
const mark = (extra: IDataObject) =>
	({
		resource: 'customerTag',
		operation: 'updateOnCustomer',
		userId: { __rl: true, mode: 'list', value: 'zhangsan' },
		externalUserId: SEEDED_CUSTOMERS.lilei,
		...extra,
	}) as IDataObject;
const tagsOf = (userid: string) => [
	...sandbox().contacts.customers.get(SEEDED_CUSTOMERS.lilei)!.followers.get(userid)!.tagIds,
];

test('adds picked tags and removes others in one call; the customer carries them for that member', async () => {
	const result = await runMassSend(
		mark({
			tagsToAdd: { tags: [pick(SEEDED_TAGS.online), pick(SEEDED_TAGS.store)] },
			tagsToRemove: { tags: [pick(SEEDED_TAGS.vip)] },
		}),
	);
	expect(result.json()[0]).toEqual({
		userid: 'zhangsan',
		external_userid: SEEDED_CUSTOMERS.lilei,
		add_tag: [SEEDED_TAGS.online, SEEDED_TAGS.store],
		remove_tag: [SEEDED_TAGS.vip],
	});
	const [call] = apiCalls(sandbox());
	expect(call).toMatchObject({ method: 'POST', path: '/cgi-bin/externalcontact/mark_tag' });
	expect(bodyOf(call)).toEqual({
		userid: 'zhangsan',
		external_userid: SEEDED_CUSTOMERS.lilei,
		add_tag: [SEEDED_TAGS.online, SEEDED_TAGS.store],
		remove_tag: [SEEDED_TAGS.vip],
	});
	expect(tagsOf('zhangsan').sort()).toEqual([SEEDED_TAGS.online, SEEDED_TAGS.store].sort());
	expect(tagsOf('lisi')).toEqual([]);
});

test('an expression giving an array of IDs works in By ID, e.g. a tag chosen by the customer’s State', async () => {
	await runMassSend(
		mark({ tagsToAdd: { tags: [pick(`={{ ["${SEEDED_TAGS.regular}"] }}`, 'id')] } }),
	);
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({
		userid: 'zhangsan',
		external_userid: SEEDED_CUSTOMERS.lilei,
		add_tag: [SEEDED_TAGS.regular],
	});
});

test.each([
	[{}, 'tagsToAdd', expect.stringContaining('at least one tag')],
	[
		{
			tagsToAdd: { tags: [pick(SEEDED_TAGS.vip)] },
			tagsToRemove: { tags: [pick(SEEDED_TAGS.vip)] },
		},
		'tagsToRemove',
		expect.stringContaining('in both'),
	],
	[
		{ externalUserId: ' ', tagsToAdd: { tags: [pick(SEEDED_TAGS.vip)] } },
		'externalUserId',
		'"Customer ID" is required',
	],
])('%j is refused before any request', async (extra, field, error) => {
	const result = await runMassSend(mark(extra as IDataObject), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({ field, error });
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('an unknown tag is 40068 and a member who has not added the customer is 84061, each with its fix', async () => {
	const unknown = await runMassSend(
		mark({ tagsToAdd: { tags: [pick('etDeleted', 'id')] } }),
		[{}],
		{ continueOnFail: true },
	);
	expect(unknown.json()[0]).toMatchObject({ errcode: 40068, api: 'mark_tag' });
	const stranger = await runMassSend(
		mark({ userId: 'wangwu', tagsToAdd: { tags: [pick(SEEDED_TAGS.vip)] } }),
		[{}],
		{ continueOnFail: true },
	);
	expect(stranger.json()[0]).toMatchObject({ errcode: 84061, api: 'mark_tag' });
});

test('a lost answer is not repeated', async () => {
	sandbox().fault({ api: 'mark_tag', kind: 'doneThenReset' } as never);
	const result = await runMassSend(mark({ tagsToAdd: { tags: [pick(SEEDED_TAGS.store)] } }), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({ api: 'mark_tag', mayHaveReachedWeCom: true });
	expect(sandbox().callsTo('mark_tag')).toHaveLength(1);
});
