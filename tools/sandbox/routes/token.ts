/** gettoken: the only API that needs no access_token. */
import { fail, ok, type RouteTable } from '../route';

export const tokenRoutes: RouteTable = {
	'/cgi-bin/gettoken': {
		method: 'GET',
		auth: false,
		body: 'raw',
		handle({ state, query }) {
			if (!query.corpid) fail(41002, 'corpid missing');
			if (!query.corpsecret) fail(41004, 'corpsecret missing');
			if (query.corpid !== state.config.corpId)
				fail(
					40013,
					'invalid corpid, hint: [sandbox], more info at https://open.work.weixin.qq.com/devtool/query?e=40013',
				);
			if (query.corpsecret !== state.config.secret)
				fail(
					40001,
					'invalid credential, hint: [sandbox], more info at https://open.work.weixin.qq.com/devtool/query?e=40001',
				);
			return ok({ access_token: state.issueToken(), expires_in: state.tokenTtlSeconds });
		},
	},
};
