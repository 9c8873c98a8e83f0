import { SEEDED_CUSTOMERS, SEEDED_TAGS } from '../../../tools/sandbox/contacts';
import { useSandbox } from './client';

/** The sandbox side of the API Call examples: WeCom's rules for the three customer-contact APIs. */
describe('sandbox externalcontact/get, get_corp_tag_list, mark_tag', () => {
	const { client } = useSandbox();

	it('get: unknown customers get 40096; no token gets 41001', async () => {
		const c = client();
		const t = await c.token();
		expect(
			await c.get('/cgi-bin/externalcontact/get', { access_token: t, external_userid: 'wmNobody' }),
		).toEqual({
			errcode: 40096,
			errmsg: 'invalid external userid',
		});
		expect(
			(await c.get('/cgi-bin/externalcontact/get', { external_userid: SEEDED_CUSTOMERS.lilei }))
				.errcode,
		).toBe(41001);
	});

	it('get_corp_tag_list: group_id wins over tag_id (page 92117: tag_id is ignored); group_id alone selects whole groups', async () => {
		const c = client();
		const t = await c.token();
		const both = await c.call(
			'get_corp_tag_list',
			{ tag_id: [SEEDED_TAGS.store], group_id: [SEEDED_TAGS.levelGroup] },
			t,
		);
		expect(both.tag_group.map((g: any) => [g.group_id, g.tag.map((x: any) => x.id)])).toEqual([
			[SEEDED_TAGS.levelGroup, [SEEDED_TAGS.vip, SEEDED_TAGS.regular]],
		]);
		const group = await c.call('get_corp_tag_list', { group_id: [SEEDED_TAGS.levelGroup] }, t);
		expect(group.tag_group.map((g: any) => [g.group_id, g.tag.length])).toEqual([
			[SEEDED_TAGS.levelGroup, 2],
		]);
	});

	it('mark_tag: unknown tag 40068, a member who did not add the customer 84061, nothing to do 40058; nothing changes on error', async () => {
		const c = client();
		const t = await c.token();
		const base = { userid: 'wangwu', external_userid: SEEDED_CUSTOMERS.hanmeimei };
		expect(
			(await c.call('mark_tag', { ...base, add_tag: [SEEDED_TAGS.vip, 'etNoSuchTag'] }, t)).errcode,
		).toBe(40068);
		expect(
			(await c.call('mark_tag', { ...base, userid: 'zhangsan', add_tag: [SEEDED_TAGS.vip] }, t))
				.errcode,
		).toBe(84061);
		expect((await c.call('mark_tag', { ...base }, t)).errcode).toBe(40058);
		const after = await c.get('/cgi-bin/externalcontact/get', {
			access_token: t,
			external_userid: SEEDED_CUSTOMERS.hanmeimei,
		});
		expect(after.follow_user[0].tags).toEqual([]);
	});

	it('reset brings the seeded tags back', async () => {
		const c = client();
		const t = await c.token();
		await c.call(
			'mark_tag',
			{
				userid: 'zhangsan',
				external_userid: SEEDED_CUSTOMERS.lilei,
				remove_tag: [SEEDED_TAGS.vip],
			},
			t,
		);
		c.sb.reset();
		const t2 = await c.token();
		const after = await c.get('/cgi-bin/externalcontact/get', {
			access_token: t2,
			external_userid: SEEDED_CUSTOMERS.lilei,
		});
		expect(after.follow_user[0].tags.map((x: any) => x.tag_id)).toEqual([SEEDED_TAGS.vip]);
	});
});
