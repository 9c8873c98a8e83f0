/** The cheap read the credential test uses to prove the secret can reach 客户联系. */
import { ok, type RouteTable } from '../route';
import { MEMBERS } from '../state';

export const contactRoutes: RouteTable = {
	'/cgi-bin/externalcontact/get_follow_user_list': {
		method: 'GET',
		auth: true,
		body: 'raw',
		handle: () => ok({ follow_user: [...MEMBERS] }),
	},
};
