/** Customer Group → Delete Join Way (groupchat/del_join_way). */
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { createJoinWay, op } from './joinWayShared';

const sandbox = useSandbox();

test('a deleted join way is gone; deleting it again is WeCom’s error; a lost answer is not repeated', async () => {
	const way = await createJoinWay();
	sandbox().resetCalls();
	const deleted = await runMassSend(op('deleteJoinWay', { joinWayConfigId: way.config_id }));
	expect(deleted.json()).toEqual([{ config_id: way.config_id, deleted: true }]);
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({ config_id: way.config_id });
	const again = await runMassSend(op('deleteJoinWay', { joinWayConfigId: way.config_id }), [{}], {
		continueOnFail: true,
	});
	expect(again.json()[0]).toMatchObject({ errcode: 41044, api: 'groupchat/del_join_way' });
	const other = await createJoinWay();
	sandbox().fault({ api: 'groupchat/del_join_way', kind: 'doneThenReset' });
	const lost = await runMassSend(op('deleteJoinWay', { joinWayConfigId: other.config_id }), [{}], {
		continueOnFail: true,
	});
	expect(lost.json()[0]).toMatchObject({
		api: 'groupchat/del_join_way',
		mayHaveReachedWeCom: true,
	});
	expect(
		sandbox()
			.callsTo('groupchat/del_join_way')
			.filter((c) => (c.body as { config_id?: string }).config_id === other.config_id),
	).toHaveLength(1);
});
