/** Customer Group → Convert OpenGID (opengid_to_chatid). */
import { SEEDED_GROUPS, SEEDED_OPENGID } from '../../../../../tools/sandbox/groupChats';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();

test('an opengid becomes the group’s chat_id', async () => {
	const result = await runMassSend({
		resource: 'customerGroup',
		operation: 'convertOpenGid',
		openGid: SEEDED_OPENGID,
	});
	expect(result.json()).toEqual([{ opengid: SEEDED_OPENGID, chat_id: SEEDED_GROUPS.vip }]);
	const [call] = apiCalls(sandbox());
	expect(call).toMatchObject({
		method: 'POST',
		path: '/cgi-bin/externalcontact/opengid_to_chatid',
	});
	expect(bodyOf(call)).toEqual({ opengid: SEEDED_OPENGID });
});

test('an empty OpenGID is refused first; an unknown one is WeCom’s error', async () => {
	const empty = await runMassSend(
		{ resource: 'customerGroup', operation: 'convertOpenGid', openGid: ' ' },
		[{}],
		{ continueOnFail: true },
	);
	expect(empty.json()[0]).toMatchObject({ field: 'openGid', error: '"OpenGID" is required' });
	expect(apiCalls(sandbox())).toHaveLength(0);
	const unknown = await runMassSend(
		{ resource: 'customerGroup', operation: 'convertOpenGid', openGid: 'oNoSuch' },
		[{}],
		{ continueOnFail: true },
	);
	expect(unknown.json()[0]).toMatchObject({ errcode: 40058, api: 'opengid_to_chatid' });
});
