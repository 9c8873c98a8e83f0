/** Contact Way → Get Many (list_contact_way): the only place API-made QR codes can be seen again. */
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { createWays } from './shared';

const sandbox = useSandbox();
const getMany = (extra: Record<string, unknown> = {}) => ({
	resource: 'contactWay',
	operation: 'getMany',
	...extra,
});

test('a Limit asks WeCom for exactly that many, in one request', async () => {
	await createWays(['a', 'b', 'c']);
	sandbox().resetCalls();
	const result = await runMassSend(getMany({ limit: 2 }));
	expect(result.json()).toHaveLength(2);
	const calls = apiCalls(sandbox());
	expect(calls).toHaveLength(1);
	expect(bodyOf(calls[0])).toEqual({ limit: 2 });
});

test('Return All follows the cursor with pages of 1,000; Include Details reads each way', async () => {
	const ids = await createWays(['a', 'b', 'c']);
	sandbox().resetCalls();
	const all = await runMassSend(getMany({ returnAll: true }));
	expect(all.json().map((i) => i.config_id)).toEqual(ids);
	expect(apiCalls(sandbox()).map((c) => bodyOf(c).limit)).toEqual([1000]);
	sandbox().resetCalls();
	const detailed = await runMassSend(getMany({ returnAll: true, includeDetails: true }));
	expect(detailed.json().map((i) => i.state)).toEqual(['a', 'b', 'c']);
	expect(apiCalls(sandbox()).map((c) => c.path.split('/').pop())).toEqual([
		'list_contact_way',
		'get_contact_way',
		'get_contact_way',
		'get_contact_way',
	]);
});

test('the time window goes to WeCom as Unix seconds; an inverted window is refused first', async () => {
	await runMassSend(
		getMany({ startTime: '2026-01-01T00:00:00Z', endTime: '2026-01-31T00:00:00Z' }),
	);
	expect(bodyOf(apiCalls(sandbox())[0])).toMatchObject({
		start_time: 1767225600,
		end_time: 1769817600,
	});
	sandbox().resetCalls();
	const inverted = await runMassSend(
		getMany({ startTime: '2026-02-01T00:00:00Z', endTime: '2026-01-01T00:00:00Z' }),
		[{}],
		{ continueOnFail: true },
	);
	expect(inverted.json()[0]).toMatchObject({
		field: 'endTime',
		error: expect.stringMatching(/earlier than "Start Time"/),
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
});
