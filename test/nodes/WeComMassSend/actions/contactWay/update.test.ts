/** Contact Way → Update (update_contact_way). */
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { createWays } from './shared';

const sandbox = useSandbox();

test('only the chosen fields are sent, and Get shows them changed', async () => {
	const [configId] = await createWays(['old']);
	sandbox().resetCalls();
	const result = await runMassSend({
		resource: 'contactWay',
		operation: 'update',
		configId,
		updateFields: { state: 'new', members: 'lisi' },
	});
	expect(result.json()[0]).toMatchObject({
		config_id: configId,
		state: 'new',
		user: ['lisi'],
		updated: true,
	});
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({
		config_id: configId,
		state: 'new',
		user: ['lisi'],
	});
	const read = await runMassSend({ resource: 'contactWay', operation: 'get', configId });
	expect(read.json()[0]).toMatchObject({ state: 'new', user: ['lisi'] });
});

test.each([
	['nothing to change', {}, 'updateFields', /is empty/],
	['a state over 30 characters', { state: 'y'.repeat(31) }, 'state', /at most 30/],
	['a session over 14 days', { chatExpiresIn: 14 * 86400 + 1 }, 'chatExpiresIn', /14 days/],
])('%s is refused before any request', async (_name, updateFields, field, message) => {
	const result = await runMassSend(
		{ resource: 'contactWay', operation: 'update', configId: 'cwAny', updateFields },
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0]).toMatchObject({ field, error: expect.stringMatching(message) });
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('two members on a single-member way is WeCom’s refusal', async () => {
	const [configId] = await createWays(['s']);
	const result = await runMassSend(
		{
			resource: 'contactWay',
			operation: 'update',
			configId,
			updateFields: { members: 'zhangsan, lisi' },
		},
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0]).toMatchObject({ errcode: 40058, api: 'update_contact_way' });
});
