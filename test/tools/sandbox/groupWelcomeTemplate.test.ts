import { useSandbox } from './client';

describe('sandbox group_welcome_template group welcome templates', () => {
	const { sb, client } = useSandbox();

	it('add → get (POST) → edit → del', async () => {
		const c = client();
		const t = await c.token();
		const added = await c.call(
			'group_welcome_template/add',
			{
				text: { content: 'Welcome %NICKNAME%' },
				link: { title: 'g', url: 'https://x' },
				notify: 0,
			},
			t,
		);
		expect(added.errcode).toBe(0);
		const id = added.template_id;
		expect(sb().templates.get(id)).toMatchObject({ notify: 0 });
		expect(await c.call('group_welcome_template/get', { template_id: id }, t)).toEqual({
			errcode: 0,
			errmsg: 'ok',
			text: { content: 'Welcome %NICKNAME%' },
			link: { title: 'g', url: 'https://x' },
		});
		expect(
			(await c.call('group_welcome_template/edit', { template_id: id, text: { content: 'v2' } }, t))
				.errcode,
		).toBe(0);
		const got = await c.call('group_welcome_template/get', { template_id: id }, t);
		expect(got.text.content).toBe('v2');
		expect(got.link).toEqual({ title: 'g', url: 'https://x' });
		expect(
			(
				await c.call(
					'group_welcome_template/edit',
					{ template_id: 'nope', text: { content: 'v2' } },
					t,
				)
			).errcode,
		).toBe(40058);
		expect(
			(await c.call('group_welcome_template/del', { template_id: id, agentid: 1000005 }, t))
				.errcode,
		).toBe(0);
		expect((await c.call('group_welcome_template/get', { template_id: id }, t)).errcode).toBe(
			40058,
		);
		expect((await c.call('group_welcome_template/del', { template_id: id }, t)).errcode).toBe(
			40058,
		);
	});

	it('group_welcome_template/get with GET and a query template_id fails', async () => {
		const c = client();
		const t = await c.token();
		const { template_id } = await c.call(
			'group_welcome_template/add',
			{ text: { content: 'x' } },
			t,
		);
		const res = await c.get('/cgi-bin/externalcontact/group_welcome_template/get', {
			access_token: t,
			template_id,
		});
		expect(res.errcode).toBe(40058);
	});

	it('keeps only the first attachment kind by image > link > miniprogram > file > video', async () => {
		const c = client();
		const t = await c.token();
		const video = await c.upload({ type: 'video', filename: 'v.mp4', size: 1000 });
		const file = await c.upload({ type: 'file', filename: 'f.pdf', size: 1000 });
		const { template_id } = await c.call(
			'group_welcome_template/add',
			{
				video: { media_id: video.media_id },
				file: { media_id: file.media_id },
				link: { title: 'l', url: 'https://x' },
			},
			t,
		);
		const got = await c.call('group_welcome_template/get', { template_id }, t);
		expect(got.link).toEqual({ title: 'l', url: 'https://x' });
		expect(got.file).toBeUndefined();
		expect(got.video).toBeUndefined();
		const second = await c.call(
			'group_welcome_template/add',
			{ video: { media_id: video.media_id }, file: { media_id: file.media_id } },
			t,
		);
		const got2 = await c.call('group_welcome_template/get', { template_id: second.template_id }, t);
		expect(
			Object.keys(got2).filter((k) =>
				['image', 'link', 'miniprogram', 'file', 'video'].includes(k),
			),
		).toEqual(['file']);
	});

	it('validates text bytes, notify and emptiness, and caps at 100 templates (41055)', async () => {
		const c = client();
		const t = await c.token();
		const add = (body: object) => c.call('group_welcome_template/add', body, t);
		expect((await add({ text: { content: 'a'.repeat(3001) } })).errcode).toBe(40058);
		expect((await add({ text: { content: 'x' }, notify: 2 })).errmsg).toBe(
			'invalid parameter: notify',
		);
		expect((await add({})).errcode).toBe(40058);
		expect((await add({ file: { media_id: 'missing' } })).errcode).toBe(40007);
		for (let i = 0; i < 100; i++)
			expect((await add({ text: { content: `t${i}` } })).errcode).toBe(0);
		expect(await add({ text: { content: 'one too many' } })).toEqual({
			errcode: 41055,
			errmsg: 'the number of welcome template exceeds limit',
		});
		expect(sb().templates.size).toBe(100);
	});
});
