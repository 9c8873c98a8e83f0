/** Contact Way → Get (get_contact_way). */
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { createWays } from './shared';

const sandbox = useSandbox();

test('a contact way reads back with its state, members and QR code', async () => {
	const [configId] = await createWays(['poster_a'], { options: { remark: '海报' } });
	sandbox().resetCalls();
	const result = await runMassSend({ resource: 'contactWay', operation: 'get', configId });
	expect(result.json()).toEqual([
		expect.objectContaining({
			config_id: configId,
			state: 'poster_a',
			remark: '海报',
			user: ['zhangsan'],
			type: 1,
			scene: 2,
			qr_code: expect.stringContaining(configId),
		}),
	]);
	const [call] = apiCalls(sandbox());
	expect(call).toMatchObject({ method: 'POST', path: '/cgi-bin/externalcontact/get_contact_way' });
	expect(bodyOf(call)).toEqual({ config_id: configId });
});

test('an empty Config ID is refused before any request', async () => {
	const result = await runMassSend(
		{ resource: 'contactWay', operation: 'get', configId: ' ' },
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0]).toMatchObject({ field: 'configId', error: '"Config ID" is required' });
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('an unknown config_id is WeCom’s error, and a read is repeated after a lost answer', async () => {
	const unknown = await runMassSend(
		{ resource: 'contactWay', operation: 'get', configId: 'cwNoSuchWay' },
		[{}],
		{ continueOnFail: true },
	);
	expect(unknown.json()[0]).toMatchObject({ errcode: 41044, api: 'get_contact_way' });
	const [configId] = await createWays(['s']);
	sandbox().fault({ api: 'get_contact_way', kind: 'reset' });
	const result = await runMassSend({ resource: 'contactWay', operation: 'get', configId });
	expect(result.json()[0]).toMatchObject({ config_id: configId });
	expect(sandbox().callsTo('get_contact_way').length).toBeGreaterThanOrEqual(3);
});
