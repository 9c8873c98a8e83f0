/** Creates contact ways through the node, as a user's flow would, for the tests of the other operations. */
import { runMassSend } from '../../../../helpers/engine';

export async function createWays(
	states: string[],
	extra: Record<string, unknown> = {},
): Promise<string[]> {
	const result = await runMassSend(
		{
			resource: 'contactWay',
			operation: 'create',
			members: 'zhangsan',
			state: '={{ $json.state }}',
			...extra,
		},
		states.map((state) => ({ state })),
	);
	if (result.error) throw result.error;
	return result.json().map((item) => String(item.config_id));
}
