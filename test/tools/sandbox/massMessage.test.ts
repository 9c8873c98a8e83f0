import { useSandbox } from './client';

describe('sandbox add_msg_template', () => {
	const { sb, client } = useSandbox();

	it('validates chat_type, sender, text size, attachments and emptiness', async () => {
		const c = client();
		const t = await c.token();
		const call = (body: unknown) => c.call('add_msg_template', body, t);
		expect(
			await call({ chat_type: 'both', sender: 'zhangsan', text: { content: 'x' } }),
		).toMatchObject({
			errcode: 40058,
			errmsg: 'invalid parameter: chat_type',
		});
		expect((await call({ chat_type: 'group', text: { content: 'x' } })).errmsg).toMatch(/sender/);
		expect((await call({ text: { content: 'x' } })).errcode).toBe(40058);
		expect((await call({ sender: 'zhangsan' })).errcode).toBe(40058);
		expect(
			(await call({ sender: 'zhangsan', text: { content: '' }, attachments: [] })).errcode,
		).toBe(40058);
		// 4,000 bytes is the limit: 1,334 three-byte characters is 4,002 bytes.
		expect((await call({ sender: 'zhangsan', text: { content: '群'.repeat(1333) } })).errcode).toBe(
			0,
		);
		expect(
			(await call({ sender: 'zhangsan', text: { content: '群'.repeat(1334) } })).errmsg,
		).toMatch(/text.content/);
		const link = { msgtype: 'link', link: { title: 't', url: 'https://example.com' } };
		expect((await call({ sender: 'zhangsan', attachments: Array(9).fill(link) })).errcode).toBe(0);
		expect((await call({ sender: 'zhangsan', attachments: Array(10).fill(link) })).errmsg).toMatch(
			/attachments/,
		);
		expect(
			(await call({ sender: 'zhangsan', attachments: [{ msgtype: 'link', link: { url: 'u' } }] }))
				.errmsg,
		).toBe('attachments[0].link.title missing');
		expect(
			(
				await call({
					sender: 'zhangsan',
					attachments: [{ msgtype: 'image', image: { media_id: 'nope' } }],
				})
			).errcode,
		).toBe(40007);
		expect(
			(
				await call({
					sender: 'zhangsan',
					attachments: [{ msgtype: 'image', image: { pic_url: 'https://x/y.png' } }],
				})
			).errcode,
		).toBe(0);
		const up = await c.upload({ type: 'image', filename: 'a.png', size: 100 });
		const mini = { title: 'm', pic_media_id: up.media_id, appid: 'wx1', page: '/p' };
		expect(
			(
				await call({
					sender: 'zhangsan',
					attachments: [{ msgtype: 'miniprogram', miniprogram: mini }],
				})
			).errcode,
		).toBe(0);
		expect(
			(
				await call({
					sender: 'zhangsan',
					attachments: [{ msgtype: 'miniprogram', miniprogram: { ...mini, appid: undefined } }],
				})
			).errmsg,
		).toBe('attachments[0].miniprogram.appid missing');
		expect(
			(await call({ external_userid: Array(10001).fill('wm1'), text: { content: 'x' } })).errmsg,
		).toMatch(/external_userid/);
		expect(
			(
				await call({
					chat_type: 'group',
					sender: 'zhangsan',
					chat_id_list: Array(2001).fill('wr1'),
					text: { content: 'x' },
				})
			).errcode,
		).toBe(40058);
	});

	it('puts unknown customers in fail_list and spreads the rest over members', async () => {
		const c = client();
		const t = await c.token();
		const customers = [
			'wmA1',
			'woB2',
			'wmunknown3',
			'xx4',
			...Array.from({ length: 30 }, (_, i) => `wmC${i}`),
		];
		const res = await c.call(
			'add_msg_template',
			{ external_userid: customers, text: { content: 'hi' } },
			t,
		);
		expect(res.errcode).toBe(0);
		expect(res.msgid).toMatch(/^msg/);
		expect(res.fail_list).toEqual(['wmunknown3', 'xx4']);
		const tasks = await c.call('get_groupmsg_task', { msgid: res.msgid }, t);
		expect(tasks.task_list.map((x: any) => x.userid)).toEqual(['zhangsan', 'lisi', 'wangwu']);
		expect(tasks.task_list.every((x: any) => x.status === 0 && x.send_time === 0)).toBe(true);
		const all: string[] = [];
		for (const m of ['zhangsan', 'lisi', 'wangwu']) {
			const r = await c.call('get_groupmsg_send_result', { msgid: res.msgid, userid: m }, t);
			all.push(...r.send_list.map((x: any) => x.external_userid));
		}
		expect(all.sort()).toEqual(
			customers
				.filter((x) => x.startsWith('wm') || x.startsWith('wo'))
				.filter((x) => !x.includes('unknown'))
				.sort(),
		);
	});

	it('answers 41048 when no customer is valid and there is no sender', async () => {
		const c = client();
		const res = await c.call('add_msg_template', {
			external_userid: ['wmunknown1', 'bad'],
			text: { content: 'x' },
		});
		expect(res.errcode).toBe(41048);
		const withSender = await c.call('add_msg_template', {
			external_userid: ['bad'],
			sender: 'lisi',
			text: { content: 'x' },
		});
		expect(withSender).toMatchObject({ errcode: 0, fail_list: ['bad'] });
	});

	it('group messages go to the sender and report chat_id only', async () => {
		const c = client();
		const t = await c.token();
		const res = await c.call(
			'add_msg_template',
			{
				chat_type: 'group',
				sender: 'wangwu',
				chat_id_list: ['wrA', 'wrB'],
				text: { content: 'x' },
			},
			t,
		);
		expect(res.errcode).toBe(0);
		sb().markSent(res.msgid);
		const r = await c.call('get_groupmsg_send_result', { msgid: res.msgid, userid: 'wangwu' }, t);
		expect(r.send_list.map((x: any) => x.chat_id)).toEqual(['wrA', 'wrB']);
		expect(r.send_list.every((x: any) => !('external_userid' in x))).toBe(true);
	});
});

describe('sandbox remind_groupmsg_send remind and cancel_groupmsg_send cancel', () => {
	const { client } = useSandbox();

	it('allows 3 reminders per msgid per 24 h, the 4th answers 45009', async () => {
		const c = client();
		const t = await c.token();
		const { msgid } = await c.call(
			'add_msg_template',
			{ sender: 'zhangsan', text: { content: 'x' } },
			t,
		);
		for (let i = 0; i < 3; i++)
			expect((await c.call('remind_groupmsg_send', { msgid }, t)).errcode).toBe(0);
		expect(await c.call('remind_groupmsg_send', { msgid }, t)).toEqual({
			errcode: 45009,
			errmsg: 'api freq out of limit: remind at most 3 times per 24 hours for one msgid',
		});
		expect((await c.call('remind_groupmsg_send', { msgid: 'msgUnknown' }, t)).errmsg).toBe(
			'invalid msgid',
		);
		expect((await c.call('remind_groupmsg_send', {}, t)).errcode).toBe(40058);
	});

	it('cancel is idempotent, refuses unknown msgids and leaves unsent tasks at status 0', async () => {
		const c = client();
		const t = await c.token();
		const { msgid } = await c.call(
			'add_msg_template',
			{ sender: 'zhangsan', text: { content: 'x' } },
			t,
		);
		expect((await c.call('cancel_groupmsg_send', { msgid }, t)).errcode).toBe(0);
		expect((await c.call('cancel_groupmsg_send', { msgid }, t)).errcode).toBe(0);
		expect((await c.call('cancel_groupmsg_send', { msgid: 'nope' }, t)).errcode).toBe(40058);
		const tasks = await c.call('get_groupmsg_task', { msgid }, t);
		expect(tasks.task_list).toEqual([{ userid: 'zhangsan', status: 0, send_time: 0 }]);
	});

	it('rejects GET on POST APIs and malformed JSON', async () => {
		const c = client();
		const t = await c.token();
		const get = await c.get('/cgi-bin/externalcontact/add_msg_template', { access_token: t });
		expect(get.errcode).toBe(40058);
		const bad = await fetch(
			`${c.sb.url}/cgi-bin/externalcontact/add_msg_template?access_token=${t}`,
			{ method: 'POST', body: '{nope' },
		);
		expect(((await bad.json()) as any).errcode).toBe(47001);
	});
});
