/**
 * Time inputs for get_groupmsg_list_v2 (get_groupmsg_list_v2) and the ≤ 1 month windows WeCom requires.
 */
export type TimestampResult = { ok: true; seconds: number } | { ok: false; reason: string };

export interface TimeWindow {
	/** Unix seconds, inclusive. */
	start: number;
	/** Unix seconds, inclusive. */
	end: number;
}

const DAY = 86400;
/** Below this a number is read as seconds, above as milliseconds (1e11 s is the year 5138). */
const MILLISECONDS_FROM = 1e11;
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
/** WeCom counts months in China Standard Time, which has no daylight saving. */
const CHINA_OFFSET = 8 * 3600;

/**
 * Reads what the date picker or an expression hands over: Unix seconds or milliseconds (number or
 * digits), ISO strings (an ISO string without offset is wall time in the workflow's time zone, as
 * n8n's picker means it), Date objects and Luxon DateTimes (`$now`).
 */
export function toUnixSeconds(value: unknown, timeZone: string): TimestampResult {
	if (typeof value === 'number') return fromNumber(value);
	if (value instanceof Date) return fromMillis(value.getTime(), String(value));
	if (typeof value === 'object' && value !== null) {
		const toMillis = (value as { toMillis?: unknown }).toMillis;
		if (typeof toMillis === 'function') return fromMillis(Number(toMillis.call(value)), 'the date');
		return { ok: false, reason: 'is an object, not a date' };
	}
	if (typeof value !== 'string' || value.trim() === '') return { ok: false, reason: 'is empty' };
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return fromNumber(Number(text));
	const wall = WALL_TIME.exec(text);
	if (wall) return fromMillis(wallTimeToMillis(wall, timeZone), text);
	return fromMillis(Date.parse(text), text);
}

function fromNumber(n: number): TimestampResult {
	if (!Number.isFinite(n) || n < 0) return { ok: false, reason: `${n} is not a Unix time` };
	return { ok: true, seconds: Math.floor(n >= MILLISECONDS_FROM ? n / 1000 : n) };
}

function fromMillis(ms: number, shown: string): TimestampResult {
	if (!Number.isFinite(ms))
		return { ok: false, reason: `"${shown}" is not a date (use ISO 8601 or Unix seconds)` };
	return { ok: true, seconds: Math.floor(ms / 1000) };
}

function wallTimeToMillis(parts: RegExpExecArray, timeZone: string): number {
	const [, y, mo, d, h = '0', mi = '0', s = '0'] = parts;
	const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
	if (Number.isNaN(asUtc)) return NaN;
	// The offset at the guess may differ from the offset at the answer across a DST change.
	const first = asUtc - zoneOffsetMs(timeZone, asUtc);
	return asUtc - zoneOffsetMs(timeZone, first);
}

function zoneOffsetMs(timeZone: string, instant: number): number {
	let format: Intl.DateTimeFormat;
	try {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
	} catch {
		return 0;
	}
	const part = (type: string) =>
		Number(format.formatToParts(instant).find((p) => p.type === type)?.value);
	const local = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second'),
	);
	return local - Math.floor(instant / 1000) * 1000;
}

/** The same day and time one month later in China time, clamped to the month's last day. */
function oneMonthLater(seconds: number): number {
	const d = new Date((seconds + CHINA_OFFSET) * 1000);
	const year = d.getUTCFullYear();
	const month = d.getUTCMonth() + 1;
	const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	const day = Math.min(d.getUTCDate(), lastDay);
	const ms = Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
	return ms / 1000 - CHINA_OFFSET;
}

/**
 * Consecutive, non-overlapping windows covering [start, end]. WeCom does not say whether
 * "1 month" means 30 days or a calendar month, so each window satisfies both readings.
 */
export function monthWindows(start: number, end: number): TimeWindow[] {
	const windows: TimeWindow[] = [];
	let from = start;
	while (from <= end) {
		const next = Math.min(from + 30 * DAY, oneMonthLater(from));
		windows.push({ start: from, end: Math.min(end, next - 1) });
		from = next;
	}
	return windows;
}
