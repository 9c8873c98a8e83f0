/** Contact Way → End Temporary Session (close_temp_chat). */
import type { IDataObject } from 'n8n-workflow';

import { SEEDED_CUSTOMERS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const end = (userId: string | IDataObject, externalUserId: string) => ({
	resource: 'contactWay',
	operation: 'endTempSession',
	userId,
	externalUserId,
});

test('the member picker’s value and the customer go to WeCom as userid and external_userid', async () => {
	const result = await runMassSend(
		end({ __rl: true, mode: 'list', value: 'zhangsan' }, SEEDED_CUSTOMERS.lilei),
	);
	expect(result.json()).toEqual([
		{ userid: 'zhangsan', external_userid: SEEDED_CUSTOMERS.lilei, ended: true },
	]);
	const [call] = apiCalls(sandbox());
	expect(call).toMatchObject({ method: 'POST', path: '/cgi-bin/externalcontact/close_temp_chat' });
	expect(bodyOf(call)).toEqual({ userid: 'zhangsan', external_userid: SEEDED_CUSTOMERS.lilei });
});

test('no member is refused first; a member who does not have the customer is WeCom’s error', async () => {
	const missing = await runMassSend(
		end({ __rl: true, mode: 'id', value: '={{ "" }}' }, SEEDED_CUSTOMERS.lilei),
		[{}],
		{ continueOnFail: true },
	);
	expect(missing.json()[0]).toMatchObject({ field: 'userId', error: '"Member" is required' });
	expect(apiCalls(sandbox())).toHaveLength(0);
	const wrong = await runMassSend(end('wangwu', SEEDED_CUSTOMERS.lilei), [{}], {
		continueOnFail: true,
	});
	expect(wrong.json()[0]).toMatchObject({ errcode: 84061, api: 'close_temp_chat' });
});
