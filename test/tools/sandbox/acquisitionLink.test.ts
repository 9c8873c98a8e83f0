import { GENERATED_LINKS, SEEDED_LINK } from '../../../tools/sandbox/acquisitionLinks';
import { useSandbox } from './client';

/** The sandbox's 获客助手 (pages 97297, 97298, 97375). */
describe('sandbox customer_acquisition/*', () => {
	const { client } = useSandbox();

	it('create_link: a name and a range with at most 500 members and 100 departments', async () => {
		const c = client();
		expect(
			(await c.call('customer_acquisition/create_link', { range: { user_list: ['zhangsan'] } }))
				.errcode,
		).toBe(40058);
		expect(
			(await c.call('customer_acquisition/create_link', { link_name: 'x', range: {} })).errcode,
		).toBe(40058);
		const users = Array.from({ length: 501 }, (_, i) => `u${i}`);
		expect(
			(
				await c.call('customer_acquisition/create_link', {
					link_name: 'x',
					range: { user_list: users },
				})
			).errcode,
		).toBe(40058);
		const departments = Array.from({ length: 101 }, (_, i) => i + 1);
		expect(
			(
				await c.call('customer_acquisition/create_link', {
					link_name: 'x',
					range: { department_list: departments },
				})
			).errcode,
		).toBe(40058);
		const made = await c.call('customer_acquisition/create_link', {
			link_name: 'x',
			range: { user_list: ['zhangsan'] },
		});
		expect(made.link).toMatchObject({
			link_name: 'x',
			url: expect.stringContaining(made.link.link_id),
		});
		const read = await c.call('customer_acquisition/get', { link_id: made.link.link_id });
		expect(read).toMatchObject({
			range: { user_list: ['zhangsan'], department_list: [] },
			skip_verify: true,
		});
	});

	it('list_link: limit at most 100; customer: limit at most 1,000; both follow the cursor', async () => {
		const c = client();
		expect((await c.call('customer_acquisition/list_link', { limit: 101 })).errcode).toBe(40058);
		const first = await c.call('customer_acquisition/list_link', { limit: 100 });
		const second = await c.call('customer_acquisition/list_link', {
			limit: 100,
			cursor: first.next_cursor,
		});
		expect(first.link_id_list.length + second.link_id_list.length).toBe(GENERATED_LINKS + 1);
		expect(second.next_cursor).toBe('');
		expect(
			(await c.call('customer_acquisition/customer', { link_id: SEEDED_LINK, limit: 1001 }))
				.errcode,
		).toBe(40058);
		expect(
			(await c.call('customer_acquisition/customer', { link_id: 'caNone', limit: 1 })).errcode,
		).toBe(40058);
	});

	it('quota is a GET; statistic needs a window in order', async () => {
		const c = client();
		const quota = await c.get('/cgi-bin/externalcontact/customer_acquisition_quota', {
			access_token: await c.token(),
		});
		expect(quota).toMatchObject({
			errcode: 0,
			total: expect.any(Number),
			balance: expect.any(Number),
		});
		expect(
			(
				await c.call('customer_acquisition/statistic', {
					link_id: SEEDED_LINK,
					start_time: 2,
					end_time: 1,
				})
			).errcode,
		).toBe(40058);
		expect(
			await c.call('customer_acquisition/statistic', {
				link_id: SEEDED_LINK,
				start_time: 1700000000,
				end_time: 1700000000,
			}),
		).toMatchObject({ new_customer_cnt: 1, click_link_customer_cnt: 2 });
	});
});
