/** Contact Way → Create (add_contact_way): the QR code that carries a channel's state. */
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const create = (extra: Record<string, unknown> = {}) => ({
	resource: 'contactWay',
	operation: 'create',
	members: 'zhangsan',
	state: 'poster_a',
	...extra,
});

test('a single-member QR code: config_id and qr_code out, WeCom’s field names and numbers on the wire', async () => {
	const result = await runMassSend(create({ options: { remark: '海报A', skipVerify: false } }));
	expect(result.error).toBeUndefined();
	const [item] = result.json();
	expect(item).toMatchObject({
		state: 'poster_a',
		remark: '海报A',
		type: 'single',
		scene: 'qrCode',
		user: ['zhangsan'],
	});
	expect(item.config_id).toMatch(/^cw[0-9a-f]{30}$/);
	expect(item.qr_code).toBe(`https://wework.qpic.cn/wwpic/sandbox_${item.config_id}/0`);
	const [call] = apiCalls(sandbox());
	expect(call).toMatchObject({ method: 'POST', path: '/cgi-bin/externalcontact/add_contact_way' });
	expect(bodyOf(call)).toEqual({
		type: 1,
		scene: 2,
		user: ['zhangsan'],
		state: 'poster_a',
		remark: '海报A',
		skip_verify: false,
	});
});

test('one QR code per channel: each input item makes its own way with its own state', async () => {
	const channels = ['poster', 'store', 'live'].map((state) => ({ state }));
	const result = await runMassSend(create({ state: '={{ $json.state }}' }), channels);
	const items = result.json();
	expect(items.map((i) => i.state)).toEqual(['poster', 'store', 'live']);
	expect(new Set(items.map((i) => i.config_id)).size).toBe(3);
	expect(apiCalls(sandbox()).map((c) => bodyOf(c).state)).toEqual(['poster', 'store', 'live']);
});

test('a multi-member mini-program button with departments; no QR code comes back', async () => {
	const result = await runMassSend(
		create({
			type: 'multiple',
			scene: 'miniProgram',
			members: 'zhangsan, lisi',
			departmentIds: '3',
			options: { style: 2 },
		}),
	);
	const [item] = result.json();
	expect(item.qr_code).toBeUndefined();
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({
		type: 2,
		scene: 1,
		user: ['zhangsan', 'lisi'],
		party: [3],
		state: 'poster_a',
		style: 2,
	});
});

test('a temporary session with its expiries and a closing message with attachments', async () => {
	const result = await runMassSend(
		create({
			options: {
				isTemp: true,
				expiresIn: 3600,
				chatExpiresIn: 7200,
				closingText: '感谢咨询',
				closingLink: { link: { title: '门店地址', url: 'https://example.com/store' } },
			},
		}),
	);
	expect(result.error).toBeUndefined();
	expect(
		bodyOf(apiCalls(sandbox()).find((c) => c.path.endsWith('add_contact_way'))!),
	).toMatchObject({
		is_temp: true,
		expires_in: 3600,
		chat_expires_in: 7200,
		conclusions: {
			text: { content: '感谢咨询' },
			link: { title: '门店地址', url: 'https://example.com/store' },
		},
	});
});

test.each([
	[
		'a state over 30 characters',
		create({ state: 'x'.repeat(31) }),
		'state',
		/"State" is 31 characters; WeCom allows at most 30/,
	],
	[
		'30 Chinese characters are fine, 31 are not',
		create({ state: '渠'.repeat(31) }),
		'state',
		/at most 30/,
	],
	[
		'two members on a Single way',
		create({ members: 'zhangsan, lisi' }),
		'members',
		/exactly one member for a Single/,
	],
	[
		'no member on a Multiple way',
		create({ type: 'multiple', members: '' }),
		'members',
		/at least one member or department/,
	],
	[
		'101 members',
		create({
			type: 'multiple',
			members: Array.from(
				{ length: 101 },
				(_, i) => `member${String(i + 1).padStart(4, '0')}`,
			).join(','),
		}),
		'members',
		/serves at most 100/,
	],
	[
		'a department that is not a number',
		create({ type: 'multiple', departmentIds: 'sales' }),
		'departmentIds',
		/department IDs \(numbers\)/,
	],
	[
		'a temporary session for several members',
		create({ type: 'multiple', options: { isTemp: true } }),
		'type',
		/single member only/,
	],
	[
		'a closing message without a temporary session',
		create({ options: { closingText: 'bye' } }),
		'closingText',
		/^"Closing Text" applies to a temporary session only/,
	],
	[
		'a QR code valid for 15 days',
		create({ options: { isTemp: true, expiresIn: 15 * 86400 } }),
		'expiresIn',
		/1 to 1209600 \(14 days\)/,
	],
	[
		'a closing link without its URL',
		create({ options: { isTemp: true, closingLink: { link: { title: 't' } } } }),
		'closingLink',
		/needs both Title and URL/,
	],
])(
	'%s is refused before any request, naming the field',
	async (_name, parameters, field, message) => {
		const result = await runMassSend(parameters, [{}], { continueOnFail: true });
		expect(result.json()[0]).toMatchObject({ field, error: expect.stringMatching(message) });
		expect(apiCalls(sandbox())).toHaveLength(0);
	},
);

test('exactly 30 Chinese characters of state reach WeCom', async () => {
	const result = await runMassSend(create({ state: '渠'.repeat(30) }));
	expect(result.error).toBeUndefined();
	expect(bodyOf(apiCalls(sandbox())[0]).state).toBe('渠'.repeat(30));
});

test('an unknown member is WeCom’s 40003, shown with the API', async () => {
	const result = await runMassSend(create({ members: 'nobody' }), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({ errcode: 40003, api: 'add_contact_way' });
});

test('a lost answer is never repeated: WeCom may have made the QR code', async () => {
	sandbox().fault({ api: 'add_contact_way', kind: 'doneThenReset' });
	const result = await runMassSend(create(), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({ api: 'add_contact_way', mayHaveReachedWeCom: true });
	expect(sandbox().callsTo('add_contact_way')).toHaveLength(1);
});
