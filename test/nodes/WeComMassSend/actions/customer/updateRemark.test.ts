/** Customer → Update Remark (externalcontact/remark): WeCom's lengths in characters, never repeated after a lost answer. */
import { SEEDED_CUSTOMERS } from '../../../../../tools/sandbox/contacts';
import type { IDataObject } from 'n8n-workflow';

import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const update = (
	updateFields: Record<string, unknown>,
	userId: unknown = 'zhangsan',
	externalUserId = SEEDED_CUSTOMERS.lilei,
) =>
	({
		resource: 'customer',
		operation: 'updateRemark',
		userId,
		externalUserId,
		updateFields,
	}) as IDataObject;

test('the remark, description, company and mobiles reach WeCom as its fields, and WeCom keeps them', async () => {
	const remark = '二十个字的备注二十个字的备注二十个字的备';
	expect([...remark]).toHaveLength(20);
	const result = await runMassSend(
		update(
			{
				remark,
				description: '对接采购',
				remarkCompany: '腾讯',
				remarkMobiles: '13800000001, 13800000002',
			},
			{ __rl: true, mode: 'list', value: 'zhangsan' },
		),
	);
	expect(result.error).toBeUndefined();
	expect(result.json()[0]).toMatchObject({
		userid: 'zhangsan',
		external_userid: SEEDED_CUSTOMERS.lilei,
		updated: true,
		remark,
	});
	const [call] = apiCalls(sandbox());
	expect(call).toMatchObject({ method: 'POST', path: '/cgi-bin/externalcontact/remark' });
	expect(bodyOf(call)).toEqual({
		userid: 'zhangsan',
		external_userid: SEEDED_CUSTOMERS.lilei,
		remark,
		description: '对接采购',
		remark_company: '腾讯',
		remark_mobiles: ['13800000001', '13800000002'],
	});
	const follow = sandbox()
		.contacts.customers.get(SEEDED_CUSTOMERS.lilei)!
		.followers.get('zhangsan')!;
	expect(follow).toMatchObject({
		remark,
		description: '对接采购',
		remark_corp_name: '腾讯',
		remark_mobiles: ['13800000001', '13800000002'],
	});
});

test('Mobiles added but empty clears them, as WeCom’s [""] does', async () => {
	sandbox()
		.contacts.customers.get(SEEDED_CUSTOMERS.lilei)!
		.followers.get('zhangsan')!.remark_mobiles = ['13800000009'];
	await runMassSend(update({ remarkMobiles: '' }));
	expect(bodyOf(apiCalls(sandbox())[0]).remark_mobiles).toEqual(['']);
	expect(
		sandbox().contacts.customers.get(SEEDED_CUSTOMERS.lilei)!.followers.get('zhangsan')!
			.remark_mobiles,
	).toEqual([]);
});

test.each([
	[
		{ remark: '一'.repeat(21) },
		'updateFields.remark',
		'"Remark" has 21 characters; WeCom allows at most 20',
	],
	[
		{ description: 'x'.repeat(151) },
		'updateFields.description',
		'"Description" has 151 characters; WeCom allows at most 150',
	],
	[
		{ remarkCompany: '公'.repeat(21) },
		'updateFields.remarkCompany',
		'"Company" has 21 characters; WeCom allows at most 20',
	],
	[{}, 'updateFields', expect.stringContaining('Add at least one field under "Update Fields"')],
])('%j is refused before any request, naming the field', async (fields, field, error) => {
	const result = await runMassSend(update(fields), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({ error, field });
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('a member who has not added the customer is WeCom’s 84061 with the fix', async () => {
	const result = await runMassSend(update({ remark: 'x' }, 'wangwu'), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({ errcode: 84061, api: 'externalcontact/remark' });
	expect(String(result.json()[0].error)).toContain('no customer relationship');
});

test('a lost answer is not repeated and says WeCom may have done it', async () => {
	sandbox().fault({ api: 'externalcontact/remark', kind: 'doneThenReset' } as never);
	const result = await runMassSend(update({ remark: 'VIP' }), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({
		api: 'externalcontact/remark',
		mayHaveReachedWeCom: true,
	});
	expect(sandbox().callsTo('externalcontact/remark')).toHaveLength(1);
	expect(
		sandbox().contacts.customers.get(SEEDED_CUSTOMERS.lilei)!.followers.get('zhangsan')!.remark,
	).toBe('VIP');
});
