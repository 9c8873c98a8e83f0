import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useSandbox } from './client';

function receiver(): Promise<{
	url: string;
	server: Server;
	got: Array<{ url: string; body: string; type?: string }>;
}> {
	const got: Array<{ url: string; body: string; type?: string }> = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			got.push({ url: req.url ?? '', body, type: req.headers['content-type'] });
			res.end('success');
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?x=1`,
				server,
				got,
			}),
		),
	);
}

describe('sandbox control endpoints over HTTP', () => {
	const { sb, client } = useSandbox();

	it('config, tokens, calls, reset-calls, expire-tokens', async () => {
		const c = client();
		const cfg = await c.control('config');
		expect(cfg.json).toMatchObject({ url: sb().url, ...sb().config, tokenTtlSeconds: 7200 });
		const t = await c.token();
		expect((await c.control('tokens')).json).toEqual([t]);
		const calls = await c.control('calls');
		expect(calls.json.map((x: any) => x.path)).toEqual(['/cgi-bin/gettoken']);
		expect((await c.control('calls?api=add_msg_template')).json).toEqual([]);
		expect((await c.control('reset-calls', 'POST')).json).toEqual({ ok: true });
		expect(sb().calls).toHaveLength(0);
		await c.control('expire-tokens', 'POST');
		expect(
			(await c.get('/cgi-bin/externalcontact/get_follow_user_list', { access_token: t })).errcode,
		).toBe(42001);
		expect((await c.control('calls', 'POST')).status).toBe(405);
		expect((await c.control('nope')).status).toBe(404);
	});

	it('faults POST and DELETE', async () => {
		const c = client();
		const t = await c.token();
		expect(
			(
				await c.control('faults', 'POST', {
					api: 'get_follow_user_list',
					kind: 'errcode',
					errcode: -1,
					times: -1,
				})
			).status,
		).toBe(200);
		expect(
			(await c.get('/cgi-bin/externalcontact/get_follow_user_list', { access_token: t })).errcode,
		).toBe(-1);
		expect(
			(await c.get('/cgi-bin/externalcontact/get_follow_user_list', { access_token: t })).errcode,
		).toBe(-1);
		await c.control('faults', 'DELETE');
		expect(
			(await c.get('/cgi-bin/externalcontact/get_follow_user_list', { access_token: t })).errcode,
		).toBe(0);
		expect((await c.control('faults', 'POST', { kind: 'explode' })).status).toBe(400);
	});

	it('welcome-code, welcome-sends, seed, mark-sent, reset', async () => {
		const c = client();
		const { json: wc } = await c.control('welcome-code', 'POST', { userId: 'lisi', ttlMs: 5000 });
		expect(typeof wc.code).toBe('string');
		expect(
			(await c.call('send_welcome_msg', { welcome_code: wc.code, text: { content: 'hi' } }))
				.errcode,
		).toBe(0);
		const sends = (await c.control('welcome-sends')).json;
		expect(sends).toHaveLength(1);
		expect(sends[0]).toMatchObject({ code: wc.code, body: { welcome_code: wc.code } });

		const { json: seeded } = await c.control('seed', 'POST', {
			members: 2,
			resultsPerMember: 3,
			msgid: 'msgE2E1',
		});
		expect(seeded).toEqual({ msgid: 'msgE2E1' });
		await c.control('mark-sent', 'POST', { msgid: 'msgE2E1', userid: 'lisi' });
		const tasks = await c.call('get_groupmsg_task', { msgid: 'msgE2E1' });
		expect(tasks.task_list.map((x: any) => x.status)).toEqual([0, 2]);
		expect((await c.control('mark-sent', 'POST', { msgid: 'unknown' })).status).toBe(400);

		sb().fault({ kind: 'errcode', errcode: -1 });
		await c.control('reset', 'POST');
		expect(sb().calls).toHaveLength(0);
		expect(sb().welcomeSends).toHaveLength(0);
		expect(sb().issuedTokens()).toEqual([]);
		expect((await c.call('get_groupmsg_task', { msgid: 'msgE2E1' })).errcode).toBe(40058);
		// The fault was cleared too, and the history seed is back.
		const t = await c.token();
		const list = await c.call(
			'get_groupmsg_list_v2',
			{
				chat_type: 'single',
				start_time: Math.floor(Date.now() / 1000) - 30 * 86400,
				end_time: Math.floor(Date.now() / 1000),
			},
			t,
		);
		expect(list.errcode).toBe(0);
		expect(list.group_msg_list.length).toBeGreaterThan(0);
	});

	it('emit posts an add_external_contact callback with a fresh, usable welcome code', async () => {
		const c = client();
		const r = await receiver();
		try {
			const { json } = await c.control('emit', 'POST', { url: r.url });
			expect(json).toMatchObject({ status: 200, body: 'success', ms: expect.any(Number) });
			expect(json.event).toMatchObject({
				ChangeType: 'add_external_contact',
				ToUserName: sb().config.corpId,
				FromUserName: 'sys',
			});
			expect(r.got).toHaveLength(1);
			expect(r.got[0].type).toBe('text/xml');
			const q = new URL(r.got[0].url, 'http://x').searchParams;
			expect(q.get('x')).toBe('1');
			expect(q.get('msg_signature')).toMatch(/^[0-9a-f]{40}$/);
			expect(r.got[0].body).toMatch(
				/^<xml><ToUserName><!\[CDATA\[ww5a1b2c3d4e5f6789\]\]><\/ToUserName><Encrypt><!\[CDATA\[/,
			);
			expect(
				(
					await c.call('send_welcome_msg', {
						welcome_code: json.event.WelcomeCode,
						text: { content: 'x' },
					})
				).errcode,
			).toBe(0);
			const custom = await c.control('emit', 'POST', {
				url: r.url,
				event: { MsgType: 'event', Event: 'x' },
			});
			expect(custom.json.event).toEqual({ MsgType: 'event', Event: 'x' });
		} finally {
			r.server.close();
		}
	});
});
