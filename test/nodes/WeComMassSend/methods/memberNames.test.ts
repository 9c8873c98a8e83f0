/** The member picker's names (user/simplelist): shown where the credential may read the directory, user IDs otherwise. */
import { MEMBER_SEARCH_METHOD } from '../../../../nodes/WeComMassSend/actions/common/memberLocator';
import { listSearch } from '../../../helpers/loadOptions';
import { apiCalls, useSandbox } from '../../../helpers/sandbox';

const sandbox = useSandbox();
const parameters = { resource: 'customerTag', operation: 'updateOnCustomer' };

test('with directory access: "name (userid)", the user ID saved, search by name or ID', async () => {
	sandbox().contacts.directoryReadable = true;
	const found = await listSearch(MEMBER_SEARCH_METHOD, parameters);
	expect(found.results).toEqual([
		{ name: '李四 (lisi)', value: 'lisi' },
		{ name: '王五 (wangwu)', value: 'wangwu' },
		{ name: '张三 (zhangsan)', value: 'zhangsan' },
	]);
	const calls = apiCalls(sandbox()).map((c) => [
		c.method,
		c.path,
		c.query.department_id,
		c.query.fetch_child,
		c.errcode,
	]);
	expect(calls).toEqual([
		['GET', '/cgi-bin/externalcontact/get_follow_user_list', undefined, undefined, 0],
		['GET', '/cgi-bin/user/simplelist', '1', '1', 0],
	]);
	expect(
		(await listSearch(MEMBER_SEARCH_METHOD, parameters, '张')).results.map((r) => r.value),
	).toEqual(['zhangsan']);
	expect(
		(await listSearch(MEMBER_SEARCH_METHOD, parameters, 'LISI')).results.map((r) => r.value),
	).toEqual(['lisi']);
});

test('without it (WeCom’s 60011, the usual 客户联系 secret): user IDs, no error, one refused call', async () => {
	const found = await listSearch(MEMBER_SEARCH_METHOD, parameters);
	expect(found.results).toEqual([
		{ name: 'lisi', value: 'lisi' },
		{ name: 'wangwu', value: 'wangwu' },
		{ name: 'zhangsan', value: 'zhangsan' },
	]);
	expect(
		sandbox()
			.callsTo('user/simplelist')
			.map((c) => c.errcode),
	).toEqual([60011]);
});
