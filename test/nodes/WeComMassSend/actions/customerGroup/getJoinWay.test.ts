/** Customer Group → Get Join Way (groupchat/get_join_way). */
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { createJoinWay, op } from './joinWayShared';

const sandbox = useSandbox();

test('the join way with its groups, state and QR code; an empty Join Way Config ID is refused first', async () => {
	const way = await createJoinWay();
	sandbox().resetCalls();
	const read = await runMassSend(op('getJoinWay', { joinWayConfigId: way.config_id }));
	expect(read.json()[0]).toEqual(way);
	expect(apiCalls(sandbox()).map((c) => [c.method, c.path, bodyOf(c)])).toEqual([
		['POST', '/cgi-bin/externalcontact/groupchat/get_join_way', { config_id: way.config_id }],
	]);
	sandbox().resetCalls();
	const empty = await runMassSend(op('getJoinWay', { joinWayConfigId: ' ' }), [{}], {
		continueOnFail: true,
	});
	expect(empty.json()[0]).toMatchObject({
		field: 'joinWayConfigId',
		error: '"Join Way Config ID" is required',
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
});
