import {
	checkApiPath,
	checkJsonBody,
	checkQueryParameters,
	isPureRead,
} from '../../../../nodes/WeComMassSend/validation/apiCall';

describe('checkApiPath', () => {
	test.each([
		['/cgi-bin/externalcontact/get', '/cgi-bin/externalcontact/get'],
		['  cgi-bin/externalcontact/mark_tag ', '/cgi-bin/externalcontact/mark_tag'],
		['/cgi-bin/externalcontact/groupchat/list', '/cgi-bin/externalcontact/groupchat/list'],
		['/cgi-bin/user/get', '/cgi-bin/user/get'],
	])('accepts %j as %s', (input, path) => {
		expect(checkApiPath(input)).toEqual({ ok: true, value: path });
	});

	test.each([
		'http://qyapi.weixin.qq.com/cgi-bin/user/get',
		'HTTPS://qyapi.weixin.qq.com/cgi-bin/user/get',
		'//qyapi.weixin.qq.com/cgi-bin/user/get',
		'javascript:alert(1)',
		'/cgi-bin/user/get?userid=1',
		'/cgi-bin/user/get#x',
		'/cgi-bin/',
		'/cgi-bin//user/get',
		'/cgi-bin/./user/get',
		'/cgi-bin/user/../../etc/passwd',
		'/cgi-bin/user/get%3Faccess_token=x',
		'/cgi-bin/user\\get',
		'/cgi-bin/user get',
		'/cgi-binx/user/get',
		'/cgi-bin/GetToken',
		42,
		undefined,
	])('refuses %j', (input) => {
		expect(checkApiPath(input).ok).toBe(false);
	});

	test('an access_token in the path is named as such, without repeating it', () => {
		const result = checkApiPath('/cgi-bin/user/get?userid=a&ACCESS_TOKEN=secretvalue123');
		expect(result).toEqual({
			ok: false,
			reason: expect.stringMatching(/must not carry an access_token/),
		});
		expect(JSON.stringify(result)).not.toContain('secretvalue123');
	});
});

describe('checkQueryParameters', () => {
	test('names are trimmed, values become text', () => {
		expect(
			checkQueryParameters([
				{ name: ' userid ', value: 'zhangsan' },
				{ name: 'offset', value: 0 },
				{ name: 'x' },
			]),
		).toEqual({
			ok: true,
			value: { userid: 'zhangsan', offset: '0', x: '' },
		});
	});

	test.each([
		[[{ name: 'access_token', value: 'abc' }], /must not contain access_token/],
		[[{ name: 'Access_Token ', value: 'abc' }], /must not contain access_token/],
		[[{ name: '', value: 'a' }], /parameter 1 has no name/],
		[
			[
				{ name: 'a', value: '1' },
				{ name: 'a', value: '2' },
			],
			/"a" is given twice/,
		],
		[[{ name: 'a', value: { b: 1 } }], /"a" is an object/],
	])('refuses %j', (entries, reason) => {
		const result = checkQueryParameters(entries);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(reason);
	});
});

describe('checkJsonBody', () => {
	test.each([
		['{"tag_id": ["a"]}', { tag_id: ['a'] }],
		['', {}],
		[{ userid: 'x' }, { userid: 'x' }],
		[undefined, {}],
	])('accepts %j', (input, body) => {
		expect(checkJsonBody(input)).toEqual({ ok: true, value: body });
	});

	test.each([['[1]'], ['"text"'], ['42'], ['{"a":'], [[1, 2]]])('refuses %j', (input) => {
		expect(checkJsonBody(input).ok).toBe(false);
	});
});

describe('isPureRead (may a lost answer be asked again?)', () => {
	test.each([
		['GET', '/cgi-bin/externalcontact/get'],
		['GET', '/cgi-bin/externalcontact/get_follow_user_list'],
		['GET', '/cgi-bin/user/get'],
		['GET', '/cgi-bin/department/list'],
	] as const)('%s %s is a read', (method, path) => expect(isPureRead(method, path)).toBe(true));

	test.each([
		['GET', '/cgi-bin/user/delete'],
		['GET', '/cgi-bin/department/delete'],
		['GET', '/cgi-bin/tag/delete'],
		['GET', '/cgi-bin/user/authsucc'],
		['GET', '/cgi-bin/user/batchdelete'],
		['POST', '/cgi-bin/externalcontact/get_corp_tag_list'],
		['POST', '/cgi-bin/externalcontact/mark_tag'],
	] as const)('%s %s may change data', (method, path) =>
		expect(isPureRead(method, path)).toBe(false),
	);
});
