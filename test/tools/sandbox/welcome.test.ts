import { useSandbox } from './client';

describe('sandbox send_welcome_msg', () => {
	const { sb, client } = useSandbox();

	it('delivers once, then 41051; records the delivery', async () => {
		const c = client();
		const t = await c.token();
		const code = sb().issueWelcomeCode({ userId: 'lisi', externalUserId: 'wmX' });
		const body = { welcome_code: code, text: { content: 'Hi %NICKNAME%' } };
		expect(await c.call('send_welcome_msg', body, t)).toEqual({ errcode: 0, errmsg: 'ok' });
		expect((await c.call('send_welcome_msg', body, t)).errcode).toBe(41051);
		expect(sb().welcomeSends).toHaveLength(1);
		expect(sb().welcomeSends[0]).toMatchObject({ code, body });
	});

	it('answers 41050 for unknown or expired codes', async () => {
		const c = client();
		const t = await c.token();
		expect(
			await c.call('send_welcome_msg', { welcome_code: 'nope', text: { content: 'x' } }, t),
		).toEqual({
			errcode: 41050,
			errmsg: 'welcome_code expired',
		});
		const code = sb().issueWelcomeCode({ ttlMs: 50 });
		await new Promise((r) => setTimeout(r, 80));
		expect(
			(await c.call('send_welcome_msg', { welcome_code: code, text: { content: 'x' } }, t)).errcode,
		).toBe(41050);
		expect(sb().welcomeSends).toHaveLength(0);
	});

	it('answers 41096 while held by another app, then succeeds', async () => {
		const c = client();
		const t = await c.token();
		const code = sb().issueWelcomeCode();
		sb().holdWelcomeCode(code, 150);
		const body = { welcome_code: code, text: { content: 'x' } };
		expect((await c.call('send_welcome_msg', body, t)).errcode).toBe(41096);
		await new Promise((r) => setTimeout(r, 200));
		expect((await c.call('send_welcome_msg', body, t)).errcode).toBe(0);
	});

	it('validates content: both empty, text bytes, attachment count and shapes', async () => {
		const c = client();
		const t = await c.token();
		const code = sb().issueWelcomeCode();
		const send = (extra: object) => c.call('send_welcome_msg', { welcome_code: code, ...extra }, t);
		expect((await send({})).errcode).toBe(40058);
		expect((await send({ text: { content: 'a'.repeat(4001) } })).errcode).toBe(40058);
		const link = { msgtype: 'link', link: { title: 't', url: 'https://x' } };
		expect((await send({ attachments: Array(10).fill(link) })).errcode).toBe(40058);
		expect(
			(await send({ attachments: [{ msgtype: 'video', video: { media_id: 'missing' } }] })).errcode,
		).toBe(40007);
		expect((await c.call('send_welcome_msg', { text: { content: 'x' } }, t)).errmsg).toBe(
			'welcome_code missing',
		);
		// Failed validation must not burn the code.
		expect((await send({ attachments: [link] })).errcode).toBe(0);
	});
});
