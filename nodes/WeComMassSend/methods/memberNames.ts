/**
 * Members' names for the member picker, where the credential may read them: 获取部门成员
 * (user/simplelist, page 90200) over the whole corp. A 客户联系 secret usually may not (WeCom
 * answers 60011), a third-party app gets the user ID as the name: then the picker shows IDs, as
 * before. Names are a convenience, so no failure here reaches the editor.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { wecomApi } from '../../shared/transport/api';
import { weComApiRequest } from '../../shared/transport/request';

export const LIST_MEMBER_NAMES = wecomApi('GET', 'user/simplelist', {
	changesData: false,
	name: 'user/simplelist',
});

/** WeCom's root department: fetch_child=1 from here covers every member the app may see. */
const ROOT_DEPARTMENT = 1;

/** userid → name, only for members whose real name WeCom gave; empty when the directory is closed. */
export async function memberNames(this: ILoadOptionsFunctions): Promise<Map<string, string>> {
	const names = new Map<string, string>();
	try {
		const response = await weComApiRequest.call(this, {
			api: LIST_MEMBER_NAMES,
			qs: { department_id: ROOT_DEPARTMENT, fetch_child: 1 },
		});
		for (const entry of Array.isArray(response.userlist)
			? (response.userlist as Array<{ userid?: unknown; name?: unknown }>)
			: []) {
			const userid = String(entry.userid ?? '');
			const name = String(entry.name ?? '').trim();
			if (userid && name && name !== userid) names.set(userid, name);
		}
	} catch {
		// No directory access (60011 and the like): the picker falls back to user IDs.
	}
	return names;
}

/** "张三 (zhangsan)" when the name is known, the user ID otherwise. */
export function memberLabel(userid: string, names: Map<string, string>): string {
	const name = names.get(userid);
	return name ? `${name} (${userid})` : userid;
}
