import type { IExecuteFunctions } from 'n8n-workflow';

import { toUnixSeconds } from '../../validation/timeWindow';
import { invalidField } from './fields';

const DAY = 86400;

/**
 * Listing APIs that take at most one month per request (get_groupmsg_list_v2, get_moment_list)
 * cost one request per month of the range, one after another: a run reads at most this many days.
 */
export const MAX_RANGE_DAYS = 366;

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * "Start Time" and "End Time" as Unix seconds (dates, ISO strings or seconds; the workflow's
 * timezone applies), checked before any request: in order, and at most MAX_RANGE_DAYS apart.
 */
export function readTimeRange(
	this: IExecuteFunctions,
	itemIndex: number,
	apiName: string,
): { start: number; end: number } {
	const read = (name: string, label: string) => {
		const parsed = toUnixSeconds(this.getNodeParameter(name, itemIndex, ''), this.getTimezone());
		if (!parsed.ok) throw invalidField(this, itemIndex, name, `"${label}" ${parsed.reason}`);
		return parsed.seconds;
	};
	const start = read('startTime', 'Start Time');
	const end = read('endTime', 'End Time');
	if (start > end) {
		throw invalidField(
			this,
			itemIndex,
			'endTime',
			`"End Time" (${iso(end)}) is before "Start Time" (${iso(start)})`,
		);
	}
	if (end - start > MAX_RANGE_DAYS * DAY) {
		throw invalidField(
			this,
			itemIndex,
			'startTime',
			`"Start Time" (${iso(start)}) to "End Time" (${iso(end)}) spans ${Math.ceil((end - start) / DAY)} days; Get Many reads at most ${MAX_RANGE_DAYS} days per run`,
			`${apiName} accepts at most one month per request, so a range costs at least one request per month, one after another. Choose a Start Time at most ${MAX_RANGE_DAYS} days before the End Time, or read a longer history in one run per year.`,
		);
	}
	return { start, end };
}
