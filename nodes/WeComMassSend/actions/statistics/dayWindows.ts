/** Whole China-time days, and windows of them that get_user_behavior_data accepts. */
const DAY = 86400;
const CHINA_OFFSET = 8 * 3600;
/** Days per request: WeCom takes a span of at most 30 days; 30 days inclusive keeps within either reading. */
export const DAYS_PER_REQUEST = 30;
/** How far back WeCom keeps the data: 180 days. */
export const HISTORY_DAYS = 180;

export function dayStart(seconds: number): number {
	return Math.floor((seconds + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET;
}

export function dayWindows(
	startDay: number,
	endDay: number,
): Array<{ start: number; end: number }> {
	const windows: Array<{ start: number; end: number }> = [];
	for (let from = startDay; from <= endDay; from += DAYS_PER_REQUEST * DAY) {
		windows.push({ start: from, end: Math.min(endDay, from + (DAYS_PER_REQUEST - 1) * DAY) });
	}
	return windows;
}

export function isoDay(seconds: number): string {
	return new Date((seconds + CHINA_OFFSET) * 1000).toISOString().slice(0, 10);
}
