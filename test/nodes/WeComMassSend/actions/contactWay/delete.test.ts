/** Contact Way → Delete (del_contact_way). */
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { createWays } from './shared';

const sandbox = useSandbox();

test('a deleted way is gone from Get Many, and a second delete is WeCom’s error', async () => {
	const [keep, drop] = await createWays(['keep', 'drop']);
	sandbox().resetCalls();
	const result = await runMassSend({ resource: 'contactWay', operation: 'delete', configId: drop });
	expect(result.json()).toEqual([{ config_id: drop, deleted: true }]);
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({ config_id: drop });
	const list = await runMassSend({ resource: 'contactWay', operation: 'getMany', returnAll: true });
	expect(list.json().map((i) => i.config_id)).toEqual([keep]);
	const again = await runMassSend(
		{ resource: 'contactWay', operation: 'delete', configId: drop },
		[{}],
		{ continueOnFail: true },
	);
	expect(again.json()[0]).toMatchObject({ errcode: 41044, api: 'del_contact_way' });
});
