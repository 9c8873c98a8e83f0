/** The cheap read the credential test uses to prove the secret can reach 客户联系. */
import { MEMBER_NAMES } from '../contacts';
import { fail, ok, type RouteTable } from '../route';
import { MEMBERS } from '../members';

export const contactRoutes: RouteTable = {
	'/cgi-bin/externalcontact/get_follow_user_list': {
		method: 'GET',
		auth: true,
		body: 'raw',
		handle: () => ok({ follow_user: [...MEMBERS] }),
	},
	// 获取部门成员 (page 90200): the member picker's names, when the secret may read the directory.
	'/cgi-bin/user/simplelist': {
		method: 'GET',
		auth: true,
		body: 'raw',
		handle: ({ state, query }) => {
			if (!state.contacts.directoryReadable)
				fail(60011, 'no privilege to access/modify contact/party/agent');
			if (!query.department_id) fail(40058, 'department_id missing');
			if (query.department_id !== '1') fail(60003, 'department not found');
			return ok({
				userlist: MEMBERS.map((userid) => ({
					userid,
					name: MEMBER_NAMES[userid] ?? userid,
					department: [1],
				})),
			});
		},
	},
};
