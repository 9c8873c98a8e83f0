/**
 * Get Many (get_groupmsg_list_v2): only an empty next_cursor ends a list, and a range WeCom can only
 * be asked about month by month is bounded, so a Start Time of 0 is not ~680 requests in a row.
 */
import { MAX_RANGE_DAYS } from '../../../../../nodes/WeComMassSend/actions/common/timeRange';
import { runMassSend } from '../../../../helpers/engine';
import { bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const DAY = 86400;
const T0 = 1672531200; // 2023-01-01T00:00:00Z

const getMany = (parameters: Record<string, unknown>) => ({
	resource: 'massMessage',
	operation: 'getMany',
	chatType: 'single',
	startTime: T0,
	endTime: T0 + 20 * DAY,
	returnAll: true,
	...parameters,
});

function seed(count: number): string[] {
	return Array.from({ length: count }, (_, i) =>
		sandbox().seedMassMessage({
			msgid: `msgPage${String(i).padStart(3, '0')}`,
			members: 1,
			resultsPerMember: 1,
			createTime: T0 + 100 + i,
		}),
	);
}

describe('paging', () => {
	test('a page WeCom answers empty but with a next_cursor is followed to the rest of the list', async () => {
		const ids = seed(150);
		// The first page (100 messages) comes back with nothing in it, the cursor kept.
		sandbox().fault({ api: 'get_groupmsg_list_v2', kind: 'emptyPage' });
		const result = await runMassSend(getMany({}));
		expect(result.error).toBeUndefined();
		expect(result.json().map((item) => item.msgid)).toEqual(ids.slice(100));
		const calls = sandbox().callsTo('get_groupmsg_list_v2').map(bodyOf);
		expect(calls).toHaveLength(2);
		expect(calls[1].cursor).toBeTruthy();
	});

	test('two empty pages in a row, then the last one: every message after them is read', async () => {
		const ids = seed(250);
		sandbox().fault({ api: 'get_groupmsg_list_v2', kind: 'emptyPage', times: 2 });
		const result = await runMassSend(getMany({}));
		expect(result.json().map((item) => item.msgid)).toEqual(ids.slice(200));
		expect(sandbox().callsTo('get_groupmsg_list_v2')).toHaveLength(3);
	});
});

describe('the time range', () => {
	test('a Start Time of 0 is refused before any request, naming the field and the limit', async () => {
		const now = Math.floor(Date.now() / 1000);
		const result = await runMassSend(getMany({ startTime: 0, endTime: now }));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(
			/^"Start Time" \(1970-01-01T00:00:00.000Z\) to "End Time" .* spans \d+ days; Get Many reads at most 366 days per run$/,
		);
		expect(result.error?.description).toMatch(
			/get_groupmsg_list_v2 accepts at most one month per request/,
		);
		expect(result.error?.context).toMatchObject({ field: 'startTime', itemIndex: 0 });
		expect(sandbox().calls).toHaveLength(0);
	});

	test('a full year is read (13 windows at most)', async () => {
		const result = await runMassSend(
			getMany({ startTime: T0, endTime: T0 + MAX_RANGE_DAYS * DAY }),
		);
		expect(result.error).toBeUndefined();
		expect(sandbox().callsTo('get_groupmsg_list_v2').length).toBeLessThanOrEqual(13);
	});
});
