import { CallbackError } from './errors';
import { DEDUPE_TTL_MS } from './dedupe';

/**
 * How far the signed `timestamp` of an event may be from this server's clock.
 *
 * WeCom re-sends an unanswered event within seconds after its 5 s timeout, three more times, so
 * even a re-send that keeps the first timestamp is well under a minute old; the rest of the window
 * is for clock skew between WeCom and the n8n host. The dedupe (dedupe.ts) remembers an event for
 * as long as this window accepts its signed timestamp, so a replay inside the window is still
 * remembered by the process that took the first delivery, and one outside it is refused — nothing
 * old gets a second run. The minimum keeps room for the re-sends plus ordinary skew; the maximum is
 * an hour, which bounds how long (and so how many events) the dedupe must remember.
 */
export const REPLAY_WINDOW_DEFAULT_S = DEDUPE_TTL_MS / 1000;
export const REPLAY_WINDOW_MIN_S = 60;
export const REPLAY_WINDOW_MAX_S = 3600;

const UNIX_SECONDS = /^[0-9]{1,12}$/;

/** The window a user asked for, kept inside the bounds (a saved out-of-range value still works). */
export function replayWindowSeconds(value: unknown): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) return REPLAY_WINDOW_DEFAULT_S;
	return Math.min(REPLAY_WINDOW_MAX_S, Math.max(REPLAY_WINDOW_MIN_S, Math.round(value)));
}

/** Seconds the request's timestamp is ahead of (positive) or behind (negative) this server. */
export function clockOffsetSeconds(timestamp: string, nowMs: number): number {
	if (!UNIX_SECONDS.test(timestamp)) {
		throw new CallbackError('missing_param', 'Query parameter timestamp is not Unix seconds');
	}
	return Number(timestamp) - Math.floor(nowMs / 1000);
}

/** Refuses an event whose signed timestamp is outside the window. */
export function assertFresh(timestamp: string, nowMs: number, windowS: number): void {
	const offset = clockOffsetSeconds(timestamp, nowMs);
	if (Math.abs(offset) > windowS) {
		throw new CallbackError(
			'stale_timestamp',
			`The callback timestamp is ${Math.abs(offset)} s ${offset < 0 ? 'behind' : 'ahead of'} this server's clock (window ${windowS} s)`,
		);
	}
}
