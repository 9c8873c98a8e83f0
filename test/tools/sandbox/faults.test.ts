import { useSandbox } from './client';

const json = async (r: Promise<Response>): Promise<any> => (await r).json();

describe('sandbox faults', () => {
	const { sb, client } = useSandbox();
	const follow = async (token: string) =>
		fetch(`${sb().url}/cgi-bin/externalcontact/get_follow_user_list?access_token=${token}`);

	it('errcode: default errmsg, `times`, then normal; recorded with fault set', async () => {
		const c = client();
		const t = await c.token();
		sb().fault({ api: 'get_follow_user_list', kind: 'errcode', errcode: -1, times: 2 });
		expect(await json(follow(t))).toEqual({ errcode: -1, errmsg: 'system busy' });
		expect((await json(follow(t))).errcode).toBe(-1);
		expect((await json(follow(t))).errcode).toBe(0);
		const calls = sb().callsTo('get_follow_user_list');
		expect(calls.map((x) => x.fault)).toEqual(['errcode', 'errcode', undefined]);
		expect(calls.map((x) => x.errcode)).toEqual([-1, -1, 0]);
		sb().fault({ kind: 'errcode', errcode: 45033 });
		expect((await json(follow(t))).errmsg).toBe('api concurrent out of limit');
		sb().fault({ kind: 'errcode', errcode: 45009, errmsg: 'custom' });
		expect((await json(follow(t))).errmsg).toBe('custom');
	});

	it('matches by api suffix and honours skip', async () => {
		const c = client();
		sb().fault({ api: 'add_msg_template', kind: 'errcode', errcode: 45033, skip: 1 });
		const t = await c.token(); // gettoken is not affected
		const body = { sender: 'zhangsan', text: { content: 'x' } };
		expect((await c.call('add_msg_template', body, t)).errcode).toBe(0);
		expect((await c.call('add_msg_template', body, t)).errcode).toBe(45033);
		expect((await c.call('add_msg_template', body, t)).errcode).toBe(0);
	});

	it('http500 answers HTTP 500 with a text body', async () => {
		const c = client();
		const t = await c.token();
		sb().fault({ kind: 'http500' });
		const res = await follow(t);
		expect(res.status).toBe(500);
		expect(res.headers.get('content-type')).toMatch(/text\/plain/);
		expect(sb().calls.at(-1)).toMatchObject({ httpStatus: 500, fault: 'http500' });
	});

	it('reset destroys the socket without an answer', async () => {
		const c = client();
		const t = await c.token();
		sb().fault({ api: 'get_follow_user_list', kind: 'reset' });
		await expect(follow(t)).rejects.toThrow();
		expect(sb().calls.at(-1)).toMatchObject({ httpStatus: 0, fault: 'reset' });
		expect((await json(follow(t))).errcode).toBe(0);
	});

	it('slow waits delayMs then answers normally', async () => {
		const c = client();
		const t = await c.token();
		sb().fault({ kind: 'slow', delayMs: 300 });
		const t0 = Date.now();
		const res = await json(follow(t));
		expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
		expect(res.errcode).toBe(0);
		expect(sb().calls.at(-1)?.fault).toBe('slow');
	});

	it('expireToken expires the presented token and answers 42001', async () => {
		const c = client();
		const t = await c.token();
		sb().fault({ api: 'get_follow_user_list', kind: 'expireToken' });
		expect((await json(follow(t))).errcode).toBe(42001);
		expect((await json(follow(t))).errcode).toBe(42001);
		expect((await json(follow(await c.token()))).errcode).toBe(0);
	});

	it('Infinity keeps firing until clearFaults', async () => {
		const c = client();
		const t = await c.token();
		sb().fault({ api: 'get_follow_user_list', kind: 'errcode', errcode: 48002, times: Infinity });
		for (let i = 0; i < 4; i++) expect((await json(follow(t))).errcode).toBe(48002);
		sb().clearFaults();
		expect((await json(follow(t))).errcode).toBe(0);
		expect(() => sb().fault({ kind: 'errcode' })).toThrow();
	});
});
