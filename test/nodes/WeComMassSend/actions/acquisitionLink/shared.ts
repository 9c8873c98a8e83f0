/** Parameters the Acquisition Link tests share. */
import { runMassSend } from '../../../../helpers/engine';

export const op = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'acquisitionLink',
	operation,
	...extra,
});

/** Creates a link through the node and returns its output item. */
export async function createLink(extra: Record<string, unknown> = {}) {
	const result = await runMassSend(
		op('create', { linkName: '小红书投放', members: 'zhangsan, lisi', departments: '2', ...extra }),
	);
	return result.json()[0];
}
