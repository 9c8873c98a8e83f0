import { createServer, type AddressInfo } from 'node:net';

import type { Sandbox } from '../../../../tools/sandbox';
import { tokenIdentityOf, tokenSourceOf } from '../../../../nodes/shared/transport/token';
import { runMassSend, useCredential } from '../../../helpers/engine';
import { useSandbox } from '../../../helpers/sandbox';
import { pngItem } from '../../WeComMassSend/actions/media/fixtures';

/**
 * The fault that matters for calls that change state: WeCom did the work, then the answer was
 * lost (the connection dropped, or a 5xx came back). The call must reach WeCom exactly once and
 * the error must say that WeCom may have done it.
 */
const currentSandbox = useSandbox();
let sandbox: Sandbox;
beforeEach(() => {
	sandbox = currentSandbox();
});

const LOST = [
	['the connection dropped', 'doneThenReset'],
	['HTTP 500 answered', 'doneThen500'],
] as const;

function expectMayHaveHappened(json: Record<string, unknown>, api: string) {
	expect(json.api).toBe(api);
	expect(json.mayHaveReachedWeCom).toBe(true);
	expect(String(json.description)).toMatch(/WeCom may have done it/);
}

test.each(LOST)(
	'remind_groupmsg_send remind: done by WeCom, %s: reminded once, not twice',
	async (_label, kind) => {
		const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
		sandbox.fault({ api: 'remind_groupmsg_send', kind });
		const result = await runMassSend(
			{ resource: 'massMessage', operation: 'remind', msgId: msgid },
			[{}],
			{ continueOnFail: true },
		);
		const calls = sandbox.callsTo('remind_groupmsg_send');
		expect(calls.map((call) => [call.fault, call.errcode])).toEqual([[kind, 0]]);
		expectMayHaveHappened(result.json()[0], 'remind_groupmsg_send');
		// The next reminder still works: only one of the 3 daily reminders was spent.
		const next = await runMassSend({ resource: 'massMessage', operation: 'remind', msgId: msgid });
		expect(next.error).toBeUndefined();
	},
);

test.each(LOST)(
	'group_welcome_template/del delete: done by WeCom, %s: deleted once, no false "not found" from a repeat',
	async (_label, kind) => {
		const created = await runMassSend({
			resource: 'groupWelcomeTemplate',
			operation: 'create',
			text: 'Welcome %NICKNAME%!',
		});
		const templateId = created.json()[0].template_id as string;
		expect(sandbox.templates.has(templateId)).toBe(true);
		sandbox.fault({ api: 'group_welcome_template/del', kind });
		const result = await runMassSend(
			{ resource: 'groupWelcomeTemplate', operation: 'delete', templateId },
			[{}],
			{ continueOnFail: true },
		);
		expect(sandbox.templates.has(templateId)).toBe(false);
		expect(
			sandbox.callsTo('group_welcome_template/del').map((call) => [call.fault, call.errcode]),
		).toEqual([[kind, 0]]);
		expectMayHaveHappened(result.json()[0], 'group_welcome_template/del');
		expect(result.json()[0].errcode).toBeUndefined();
	},
);

test.each(LOST)(
	'media/uploadimg: done by WeCom, %s: uploaded once (1,000 a day), not twice',
	async (_label, kind) => {
		sandbox.fault({ api: 'media/uploadimg', kind });
		const result = await runMassSend({ resource: 'media', operation: 'uploadImage' }, [pngItem()], {
			continueOnFail: true,
		});
		expect(sandbox.callsTo('media/uploadimg').map((call) => [call.fault, call.errcode])).toEqual([
			[kind, 0],
		]);
		expectMayHaveHappened(result.json()[0], 'media/uploadimg');
	},
);

test('a request that provably never left (connection refused) is repeated even for remind, and says nothing was done', async () => {
	const closedPort = await freePort();
	const baseUrl = `http://127.0.0.1:${closedPort}`;
	const source = tokenSourceOf({
		corpId: sandbox.config.corpId,
		secret: sandbox.config.secret,
		baseUrl,
	});
	// A fresh token stored for this identity, so no gettoken is needed and only remind_groupmsg_send meets the closed port.
	useCredential({
		corpId: sandbox.config.corpId,
		secret: sandbox.config.secret,
		baseUrl,
		accessToken: 'token-for-the-closed-port',
		validUntil: Date.now() + 3_600_000,
		tokenIssuedFor: tokenIdentityOf(source),
	});
	const result = await runMassSend(
		{ resource: 'massMessage', operation: 'remind', msgId: 'msg-x' },
		[{}],
		{ continueOnFail: true },
	);
	const [item] = result.json();
	expect(item.error).toBe(
		'WeCom remind_groupmsg_send: request failed (ECONNREFUSED) after 4 attempts',
	);
	expect(item.mayHaveReachedWeCom).toBeUndefined();
	expect(String(item.description)).toMatch(/never reached WeCom/);
});

async function freePort(): Promise<number> {
	return await new Promise<number>((resolve) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			server.close(() => resolve(port));
		});
	});
}
