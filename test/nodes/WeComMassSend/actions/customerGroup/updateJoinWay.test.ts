/** Customer Group → Update / Get / Delete Join Way (groupchat/update_join_way, get_join_way, del_join_way). */
import { SEEDED_GROUPS } from '../../../../../tools/sandbox/groupChats';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { createJoinWay, op } from './joinWayShared';

const sandbox = useSandbox();

test('Update Join Way keeps what is not changed; Get Join Way shows it; Delete removes it', async () => {
	const way = await createJoinWay();
	sandbox().resetCalls();
	const updated = await runMassSend(
		op('updateJoinWay', { joinWayConfigId: way.config_id, updateFields: { state: 'store_group' } }),
	);
	expect(updated.error).toBeUndefined();
	const update = apiCalls(sandbox()).find((c) => c.path.endsWith('update_join_way'))!;
	expect(bodyOf(update)).toMatchObject({
		config_id: way.config_id,
		scene: 2,
		chat_id_list: [SEEDED_GROUPS.vip, SEEDED_GROUPS.store],
		remark: '海报群码',
		state: 'store_group',
	});
	const read = await runMassSend(op('getJoinWay', { joinWayConfigId: way.config_id }));
	expect(read.json()[0]).toMatchObject({ state: 'store_group', remark: '海报群码' });
	const deleted = await runMassSend(op('deleteJoinWay', { joinWayConfigId: way.config_id }));
	expect(deleted.json()).toEqual([{ config_id: way.config_id, deleted: true }]);
	const gone = await runMassSend(op('getJoinWay', { joinWayConfigId: way.config_id }), [{}], {
		continueOnFail: true,
	});
	expect(gone.json()[0]).toMatchObject({ errcode: 41044, api: 'groupchat/get_join_way' });
});
