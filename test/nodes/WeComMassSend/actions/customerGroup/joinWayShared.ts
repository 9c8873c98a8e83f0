/** Creates a join way through the node, as a user's flow would, for the join-way tests. */
import { SEEDED_GROUPS } from '../../../../../tools/sandbox/groupChats';
import { runMassSend } from '../../../../helpers/engine';

export const op = (operation: string, extra: Record<string, unknown>) => ({
	resource: 'customerGroup',
	operation,
	...extra,
});

export async function createJoinWay(extra: Record<string, unknown> = {}) {
	const result = await runMassSend(
		op('createJoinWay', {
			chatIds: `${SEEDED_GROUPS.vip}, ${SEEDED_GROUPS.store}`,
			options: { state: 'poster_group', remark: '海报群码' },
			...extra,
		}),
	);
	if (result.error) throw result.error;
	return result.json()[0];
}
