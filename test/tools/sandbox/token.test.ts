import { startSandbox } from '../../../tools/sandbox';
import { useSandbox } from './client';

describe('sandbox access tokens', () => {
	const { sb, client } = useSandbox();

	it('starts quickly with the fixed default config on 127.0.0.1', async () => {
		const t0 = Date.now();
		const other = await startSandbox();
		const ms = Date.now() - t0;
		await other.close();
		expect(ms).toBeLessThan(2000);
		expect(sb().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sb().config.corpId).toBe('ww5a1b2c3d4e5f6789');
		expect(sb().config.callbackToken).toBe('sandboxToken123');
		expect(sb().config.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(Buffer.from(sb().config.encodingAESKey + '=', 'base64')).toHaveLength(32);
	});

	it('issues a new token on every call and rejects wrong corpid or secret', async () => {
		const c = client();
		const a = await c.token();
		const b = await c.token();
		expect(a).toHaveLength(64);
		expect(a).not.toBe(b);
		expect(sb().issuedTokens()).toEqual([a, b]);
		const badCorp = await c.get('/cgi-bin/gettoken', {
			corpid: 'wwnope',
			corpsecret: sb().config.secret,
		});
		expect(badCorp.errcode).toBe(40013);
		const badSecret = await c.get('/cgi-bin/gettoken', {
			corpid: sb().config.corpId,
			corpsecret: 'x',
		});
		expect(badSecret).toEqual({
			errcode: 40001,
			errmsg:
				'invalid credential, hint: [sandbox], more info at https://open.work.weixin.qq.com/devtool/query?e=40001',
		});
		// Both old and new tokens stay usable, like WeCom.
		expect(
			(await c.get('/cgi-bin/externalcontact/get_follow_user_list', { access_token: a })).errcode,
		).toBe(0);
		expect(
			(await c.get('/cgi-bin/externalcontact/get_follow_user_list', { access_token: b }))
				.follow_user,
		).toEqual(['zhangsan', 'lisi', 'wangwu']);
	});

	it('answers 41001 / 40014 / 42001 for missing, unknown and expired tokens', async () => {
		const c = client();
		expect((await c.get('/cgi-bin/externalcontact/get_follow_user_list')).errcode).toBe(41001);
		expect(
			(await c.get('/cgi-bin/externalcontact/get_follow_user_list', { access_token: 'nope' }))
				.errcode,
		).toBe(40014);
		const t = await c.token();
		sb().expireAllTokens();
		expect(
			await c.get('/cgi-bin/externalcontact/get_follow_user_list', { access_token: t }),
		).toEqual({
			errcode: 42001,
			errmsg: 'access_token expired',
		});
		const fresh = await c.token();
		expect(
			(await c.get('/cgi-bin/externalcontact/get_follow_user_list', { access_token: fresh }))
				.errcode,
		).toBe(0);
		sb().invalidateAllTokens();
		expect(
			(await c.get('/cgi-bin/externalcontact/get_follow_user_list', { access_token: fresh }))
				.errcode,
		).toBe(40014);
	});

	it('expires tokens when their ttl runs out', async () => {
		const short = await startSandbox({ tokenTtlSeconds: 1 });
		try {
			const res: any = await (
				await fetch(
					`${short.url}/cgi-bin/gettoken?corpid=${short.config.corpId}&corpsecret=${short.config.secret}`,
				)
			).json();
			expect(res.expires_in).toBe(1);
			const probe = async () =>
				(
					(await (
						await fetch(
							`${short.url}/cgi-bin/externalcontact/get_follow_user_list?access_token=${res.access_token}`,
						)
					).json()) as any
				).errcode;
			expect(await probe()).toBe(0);
			await new Promise((r) => setTimeout(r, 1100));
			expect(await probe()).toBe(42001);
		} finally {
			await short.close();
		}
	});

	it('records calls without control endpoints, and callsTo filters by suffix', async () => {
		const c = client();
		await c.token();
		await c.control('config');
		await c.call('remind_groupmsg_send', { msgid: 'nope' });
		expect(sb().calls.map((x) => x.path)).toEqual([
			'/cgi-bin/gettoken',
			'/cgi-bin/gettoken',
			'/cgi-bin/externalcontact/remind_groupmsg_send',
		]);
		const remind = sb().callsTo('remind_groupmsg_send');
		expect(remind).toHaveLength(1);
		expect(remind[0]).toMatchObject({
			method: 'POST',
			body: { msgid: 'nope' },
			httpStatus: 200,
			errcode: 40058,
		});
		expect(remind[0].query.access_token).toHaveLength(64);
		expect(remind[0].seq).toBeGreaterThan(sb().calls[0].seq);
		sb().resetCalls();
		expect(sb().calls).toHaveLength(0);
	});

	it('accepts a 25 MB body limit and answers 413 above it', async () => {
		const res = await fetch(`${sb().url}/cgi-bin/media/upload?type=file`, {
			method: 'POST',
			body: Buffer.alloc(25 * 1024 * 1024 + 10),
		});
		expect(res.status).toBe(413);
		expect(sb().calls[0].httpStatus).toBe(413);
	});
});
