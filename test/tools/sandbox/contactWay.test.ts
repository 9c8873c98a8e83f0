import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { useSandbox } from './client';

function receiver(): Promise<{ url: string; server: Server; got: string[] }> {
	const got: string[] = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			got.push(body);
			res.end('');
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
				server,
				got,
			}),
		),
	);
}

/** The sandbox's 「联系我」 (page 92228): WeCom's rules, and a scan that sends add_external_contact with the way's State. */
describe('sandbox add/get/list/update/del_contact_way, close_temp_chat', () => {
	const { client } = useSandbox();
	const single = { type: 1, scene: 2, user: ['zhangsan'], state: 'poster' };

	it('add: config_id, and a qr_code only for the QR code scene; get returns it as stored', async () => {
		const c = client();
		const qr = await c.call('add_contact_way', single);
		expect(qr).toMatchObject({
			errcode: 0,
			config_id: expect.any(String),
			qr_code: expect.stringContaining(qr.config_id),
		});
		const mini = await c.call('add_contact_way', { type: 2, scene: 1, party: [2] });
		expect(mini.qr_code).toBeUndefined();
		expect(
			(await c.call('get_contact_way', { config_id: qr.config_id })).contact_way,
		).toMatchObject({ state: 'poster', user: ['zhangsan'], skip_verify: true, is_temp: false });
	});

	it.each([
		['no type', { scene: 2, user: ['zhangsan'] }, 40058],
		['two members on type 1', { ...single, user: ['zhangsan', 'lisi'] }, 40058],
		['a department on type 1', { ...single, party: [2] }, 40058],
		['an unknown member', { ...single, user: ['nobody'] }, 40003],
		['an unknown department', { type: 2, scene: 2, party: [99] }, 60123],
		['a 31-character state', { ...single, state: 's'.repeat(31) }, 40058],
		[
			'a temporary session for type 2',
			{ type: 2, scene: 2, user: ['zhangsan'], is_temp: true },
			40058,
		],
		[
			'a session over 14 days',
			{ ...single, is_temp: true, chat_expires_in: 14 * 86400 + 1 },
			40058,
		],
		[
			'101 members counting departments',
			{
				type: 2,
				scene: 2,
				party: [1],
				user: Array.from({ length: 99 }, (_, i) => `member${String(i + 4).padStart(4, '0')}`),
			},
			40058,
		],
	])('add refuses %s', async (_name, body, errcode) => {
		expect((await client().call('add_contact_way', body)).errcode).toBe(errcode);
	});

	it('list pages with limit and next_cursor, without temporary sessions; limit over 1,000 is refused', async () => {
		const c = client();
		const ids = [];
		for (let i = 0; i < 3; i++)
			ids.push((await c.call('add_contact_way', { ...single, state: `s${i}` })).config_id);
		await c.call('add_contact_way', { ...single, is_temp: true });
		const first = await c.call('list_contact_way', { limit: 2 });
		expect(first.contact_way.map((w: any) => w.config_id)).toEqual(ids.slice(0, 2));
		const second = await c.call('list_contact_way', { limit: 2, cursor: first.next_cursor });
		expect(second.contact_way.map((w: any) => w.config_id)).toEqual(ids.slice(2));
		expect(second.next_cursor).toBeUndefined();
		expect((await c.call('list_contact_way', { limit: 1001 })).errcode).toBe(40058);
	});

	it('update keeps what is not sent; del removes; an unknown config_id is 41044', async () => {
		const c = client();
		const { config_id } = await c.call('add_contact_way', { ...single, remark: 'r' });
		expect((await c.call('update_contact_way', { config_id, state: 'new' })).errcode).toBe(0);
		expect((await c.call('get_contact_way', { config_id })).contact_way).toMatchObject({
			state: 'new',
			remark: 'r',
		});
		expect((await c.call('del_contact_way', { config_id })).errcode).toBe(0);
		expect((await c.call('get_contact_way', { config_id })).errcode).toBe(41044);
	});

	it('scan-contact-way: a new customer follows the way’s member and the callback carries State and a WelcomeCode', async () => {
		const c = client();
		const { config_id } = await c.call('add_contact_way', single);
		const r = await receiver();
		try {
			const { json } = await c.control('scan-contact-way', 'POST', {
				configId: config_id,
				url: r.url,
			});
			expect(json).toMatchObject({
				status: 200,
				event: {
					ChangeType: 'add_external_contact',
					UserID: 'zhangsan',
					State: 'poster',
					WelcomeCode: expect.any(String),
				},
			});
			expect(r.got).toHaveLength(1);
			const customer = json.event.ExternalUserID;
			expect(
				(
					await c.get('/cgi-bin/externalcontact/get', {
						access_token: await c.token(),
						external_userid: customer,
					})
				).follow_user,
			).toEqual([expect.objectContaining({ userid: 'zhangsan' })]);
			expect(
				(
					await c.call('send_welcome_msg', {
						welcome_code: json.event.WelcomeCode,
						text: { content: 'hi' },
					})
				).errcode,
			).toBe(0);
			expect(
				(await c.call('close_temp_chat', { userid: 'zhangsan', external_userid: customer }))
					.errcode,
			).toBe(0);
			expect(
				(await c.call('close_temp_chat', { userid: 'lisi', external_userid: customer })).errcode,
			).toBe(84061);
		} finally {
			r.server.close();
		}
	});
});
