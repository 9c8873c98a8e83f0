import { startSandbox, type Sandbox } from '../../sandbox';
import { clearTokenCache } from '../../nodes/shared/transport/token';
import { runMassSend, useCredential } from '../helpers/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset();
	clearTokenCache();
	useCredential({ corpId: sandbox.config.corpId, secret: sandbox.config.secret, baseUrl: sandbox.url });
});

test('remind goes through the engine to the sandbox', async () => {
	const msgid = sandbox.seedMassMessage({ members: 2, resultsPerMember: 3 });
	const result = await runMassSend({ resource: 'massMessage', operation: 'remind', msgId: msgid });
	expect(result.error).toBeUndefined();
	expect(result.json()).toEqual([{ msgid, reminded: true }]);
	expect(sandbox.callsTo('gettoken')).toHaveLength(1);
	expect(sandbox.callsTo('remind_groupmsg_send')).toHaveLength(1);
});
