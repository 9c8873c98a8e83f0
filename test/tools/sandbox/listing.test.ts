import { nowSeconds, useSandbox, type Client } from './client';

const DAY = 86400;

async function listAll(
	c: Client,
	t: string,
	body: Record<string, unknown>,
): Promise<{ pages: number[]; ids: string[] }> {
	const pages: number[] = [];
	const ids: string[] = [];
	let cursor = '';
	do {
		const res = await c.call('get_groupmsg_list_v2', { ...body, cursor }, t);
		expect(res.errcode).toBe(0);
		pages.push(res.group_msg_list.length);
		ids.push(...res.group_msg_list.map((m: any) => m.msgid));
		cursor = res.next_cursor;
	} while (cursor);
	return { pages, ids };
}

describe('sandbox get_groupmsg_list_v2', () => {
	const { sb, client } = useSandbox();

	it('requires chat_type, start_time and end_time, and at most one month', async () => {
		const c = client();
		const t = await c.token();
		const now = nowSeconds();
		expect(
			await c.call('get_groupmsg_list_v2', { start_time: now - DAY, end_time: now }, t),
		).toEqual({
			errcode: 40058,
			errmsg: 'chat_type missing',
		});
		expect(
			(await c.call('get_groupmsg_list_v2', { chat_type: 'single', end_time: now }, t)).errmsg,
		).toMatch(/start_time/);
		expect(
			(await c.call('get_groupmsg_list_v2', { chat_type: 'single', start_time: now }, t)).errmsg,
		).toMatch(/end_time/);
		expect(
			await c.call(
				'get_groupmsg_list_v2',
				{ chat_type: 'single', start_time: now - 32 * DAY, end_time: now },
				t,
			),
		).toEqual({
			errcode: 40058,
			errmsg: 'time range exceeds one month',
		});
		expect(
			(
				await c.call(
					'get_groupmsg_list_v2',
					{ chat_type: 'single', start_time: now - 31 * DAY, end_time: now },
					t,
				)
			).errcode,
		).toBe(0);
	});

	it('finds all 250 seeded records across three windows, 50 per page when limit > 100', async () => {
		const c = client();
		const t = await c.token();
		const now = nowSeconds();
		const windows = [
			[now - 90 * DAY, now - 60 * DAY],
			[now - 60 * DAY + 1, now - 30 * DAY],
			[now - 30 * DAY + 1, now],
		];
		const ids: string[] = [];
		for (const [start_time, end_time] of windows) {
			const r = await listAll(c, t, { chat_type: 'single', start_time, end_time, limit: 500 });
			expect(Math.max(...r.pages)).toBe(50);
			ids.push(...r.ids);
		}
		expect(ids).toHaveLength(250);
		expect(new Set(ids).size).toBe(250);
		const hundred = await listAll(c, t, {
			chat_type: 'single',
			start_time: now - 30 * DAY,
			end_time: now,
			limit: 100,
		});
		expect(hundred.pages[0]).toBe(Math.min(100, hundred.ids.length));
		expect(hundred.pages.slice(0, -1).every((n) => n === 100)).toBe(true);
	});

	it('sorts by create_time, filters by creator and filter_type, and lists new messages', async () => {
		const c = client();
		const t = await c.token();
		const now = nowSeconds();
		const base = {
			chat_type: 'single',
			start_time: now - 30 * DAY,
			end_time: now + 60,
			limit: 100,
		};
		const all = [];
		let cursor = '';
		do {
			const res = await c.call('get_groupmsg_list_v2', { ...base, cursor }, t);
			all.push(...res.group_msg_list);
			cursor = res.next_cursor;
		} while (cursor);
		const times = all.map((m: any) => m.create_time);
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(all[0]).toEqual({
			msgid: expect.stringMatching(/^msg/),
			creator: expect.any(String),
			create_time: expect.any(Number),
			create_type: expect.any(Number),
			text: { content: expect.any(String) },
			attachments: [],
		});
		const lisi = await listAll(c, t, { ...base, creator: 'lisi' });
		expect(lisi.ids.length).toBeGreaterThan(0);
		expect(lisi.ids.length).toBeLessThan(all.length);
		const personal = await listAll(c, t, { ...base, filter_type: 1 });
		const corp = await listAll(c, t, { ...base, filter_type: 0 });
		expect(personal.ids.length + corp.ids.length).toBe(all.length);
		expect(personal.ids.length).toBeGreaterThan(0);

		const created = await c.call(
			'add_msg_template',
			{ sender: 'lisi', text: { content: 'new one' } },
			t,
		);
		const group = sb().seedMassMessage({ chatType: 'group', members: 1, resultsPerMember: 1 });
		const again = await listAll(c, t, base);
		expect(again.ids).toContain(created.msgid);
		expect(again.ids).not.toContain(group);
		const groups = await listAll(c, t, { ...base, chat_type: 'group' });
		expect(groups.ids).toEqual([group]);
	});
});

describe('sandbox get_groupmsg_task', () => {
	const { sb, client } = useSandbox();

	it('refuses legacy messages', async () => {
		const c = client();
		const msgid = sb().seedMassMessage({ members: 2, resultsPerMember: 2, legacy: true });
		expect(await c.call('get_groupmsg_task', { msgid })).toEqual({
			errcode: 40058,
			errmsg: 'invalid msgid: messages created before 2020-11-17 have no task list',
		});
		// get_groupmsg_send_result still works for them.
		expect(
			(await c.call('get_groupmsg_send_result', { msgid, userid: 'zhangsan' })).send_list,
		).toHaveLength(2);
	});

	it('pages 500 by default, 1000 at most, and falls back to 500 above the maximum', async () => {
		const c = client();
		const t = await c.token();
		const msgid = sb().seedMassMessage({ members: 2200, resultsPerMember: 1 });
		const first = async (limit?: number) =>
			(await c.call('get_groupmsg_task', { msgid, ...(limit ? { limit } : {}) }, t)).task_list
				.length;
		expect(await first()).toBe(500);
		expect(await first(1000)).toBe(1000);
		expect(await first(1001)).toBe(500);
		expect(await first(7)).toBe(7);
		const users: string[] = [];
		let cursor = '';
		do {
			const res = await c.call('get_groupmsg_task', { msgid, cursor, limit: 1000 }, t);
			users.push(...res.task_list.map((x: any) => x.userid));
			cursor = res.next_cursor;
		} while (cursor);
		expect(users).toHaveLength(2200);
		expect(new Set(users).size).toBe(2200);
		expect(users.slice(0, 4)).toEqual(['zhangsan', 'lisi', 'wangwu', 'member0004']);
	});

	it('shows status 2 with a send_time once a member has sent', async () => {
		const c = client();
		const t = await c.token();
		const msgid = sb().seedMassMessage({ members: 3, resultsPerMember: 1 });
		sb().markSent(msgid, 'lisi');
		const res = await c.call('get_groupmsg_task', { msgid }, t);
		const byUser = Object.fromEntries(res.task_list.map((x: any) => [x.userid, x]));
		expect(byUser.lisi.status).toBe(2);
		expect(byUser.lisi.send_time).toBeGreaterThan(1600000000);
		expect(byUser.zhangsan).toEqual({ userid: 'zhangsan', status: 0, send_time: 0 });
		expect(() => sb().markSent(msgid, 'nobody')).toThrow();
	});
});

describe('sandbox get_groupmsg_send_result', () => {
	const { sb, client } = useSandbox();

	it('serves a 300 × 2,500 seed lazily: 3 pages of 1,000 for one member, unique ids', async () => {
		const c = client();
		const t = await c.token();
		const before = process.memoryUsage().heapUsed;
		const msgid = sb().seedMassMessage({ members: 300, resultsPerMember: 2500 });
		sb().markSent(msgid);
		const ids: string[] = [];
		const statuses = new Set<number>();
		let cursor = '';
		let pages = 0;
		do {
			const res = await c.call(
				'get_groupmsg_send_result',
				{ msgid, userid: 'member0150', cursor, limit: 1000 },
				t,
			);
			expect(res.errcode).toBe(0);
			pages++;
			for (const x of res.send_list) {
				ids.push(x.external_userid);
				statuses.add(x.status);
				expect(x.userid).toBe('member0150');
				expect('chat_id' in x).toBe(false);
			}
			cursor = res.next_cursor;
		} while (cursor);
		expect(pages).toBe(3);
		expect(ids).toHaveLength(2500);
		expect(new Set(ids).size).toBe(2500);
		expect([...statuses].sort()).toEqual([1, 2, 3]);
		// 750,000 materialised objects would cost well over 50 MB.
		expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
		const other = await c.call(
			'get_groupmsg_send_result',
			{ msgid, userid: 'member0151', limit: 1000 },
			t,
		);
		expect(other.send_list[0].external_userid).not.toBe(ids[0]);
	});

	it('requires userid, caps limit, shows 0 until sent, and is deterministic', async () => {
		const c = client();
		const t = await c.token();
		const msgid = sb().seedMassMessage({ members: 2, resultsPerMember: 1200 });
		expect((await c.call('get_groupmsg_send_result', { msgid }, t)).errmsg).toBe('userid missing');
		expect(
			(await c.call('get_groupmsg_send_result', { msgid: 'x', userid: 'lisi' }, t)).errcode,
		).toBe(40058);
		const unsent = await c.call(
			'get_groupmsg_send_result',
			{ msgid, userid: 'lisi', limit: 5000 },
			t,
		);
		expect(unsent.send_list).toHaveLength(500);
		expect(unsent.send_list.every((x: any) => x.status === 0 && x.send_time === 0)).toBe(true);
		sb().markSent(msgid, 'lisi');
		const a = await c.call('get_groupmsg_send_result', { msgid, userid: 'lisi', limit: 20 }, t);
		const b = await c.call('get_groupmsg_send_result', { msgid, userid: 'lisi', limit: 20 }, t);
		expect(a).toEqual(b);
		expect(a.send_list.filter((x: any) => x.status === 1).every((x: any) => x.send_time > 0)).toBe(
			true,
		);
		expect(
			(await c.call('get_groupmsg_send_result', { msgid, userid: 'zhangsan', limit: 3 }, t))
				.send_list[0].status,
		).toBe(0);
		expect(
			(await c.call('get_groupmsg_send_result', { msgid, userid: 'nobody' }, t)).send_list,
		).toEqual([]);
	});
});
