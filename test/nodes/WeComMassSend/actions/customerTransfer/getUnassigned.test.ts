/** Customer Transfer → Get Unassigned (get_unassigned_list): customers of members who left, over WeCom's cursor. */
import { SEEDED_CUSTOMERS } from '../../../../../tools/sandbox/contacts';
import { GENERATED_UNASSIGNED } from '../../../../../tools/sandbox/transfers';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { op } from './shared';

const sandbox = useSandbox();

test('Return All reads pages of 1,000 by cursor until is_last', async () => {
	const result = await runMassSend(op('getUnassigned', { returnAll: true }));
	const items = result.json();
	expect(items).toHaveLength(GENERATED_UNASSIGNED + 1);
	expect(items[0]).toEqual({
		handover_userid: 'wangwu',
		external_userid: SEEDED_CUSTOMERS.hanmeimei,
		dimission_time: 1700086400,
	});
	const calls = apiCalls(sandbox());
	expect(calls.map((c) => bodyOf(c).page_size)).toEqual([1000, 1000]);
	expect(bodyOf(calls[0]).cursor).toBeUndefined();
	expect(typeof bodyOf(calls[1]).cursor).toBe('string');
	expect(bodyOf(calls[0]).page_id).toBeUndefined();
});

test('a Limit asks WeCom for exactly that many', async () => {
	const result = await runMassSend(op('getUnassigned', { limit: 3 }));
	expect(result.json()).toHaveLength(3);
	expect(apiCalls(sandbox()).map((c) => bodyOf(c))).toEqual([{ page_size: 3 }]);
});

test('WeCom’s refusal reaches the output with continueOnFail', async () => {
	sandbox().fault({ api: 'get_unassigned_list', kind: 'errcode', errcode: 48002 });
	const result = await runMassSend(op('getUnassigned', { limit: 3 }), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({ errcode: 48002, api: 'get_unassigned_list' });
});
