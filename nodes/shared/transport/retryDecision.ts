import type { AttemptOutcome } from './attempt';
import { MAX_RETRIES } from './backoff';
import { TOKEN_ERRCODES, TRANSIENT_ERRCODES } from './errcodes';

/**
 * What to do after one attempt. The rules, in one place:
 * - a token WeCom refuses (40014/42001/41001) is replaced once per call; WeCom refuses those
 *   before doing anything, so the call is repeated whatever it is;
 * - a request that provably never left (connection refused, DNS) is repeated for every API;
 * - a lost answer (reset, timeout, 5xx) or "busy" is repeated only for an API that does not change
 *   data: anything else may have been done by WeCom already;
 * - errcodes the caller names (41096 while another app sends) are repeated a little longer.
 */
export type NextStep = 'done' | 'refreshToken' | 'repeat' | 'fail';

export interface DecisionInput {
	/** The API's declared fact (WeComApi.changesData). */
	changesData: boolean;
	outcome: AttemptOutcome;
	/** Repeats made so far (0 after the first attempt). */
	repeats: number;
	tokenRefreshed: boolean;
	retryErrcodes?: number[];
}

/** Extra repeats for caller-named errcodes: 41096 clears within seconds, inside the welcome window. */
const EXTRA_REPEATS_FOR_NAMED_ERRCODES = 5;

export function nextStep(input: DecisionInput): NextStep {
	const { outcome, changesData, repeats } = input;
	if (!outcome.answered) {
		const { failure } = outcome;
		const repeatable = failure.neverSent || (!changesData && failure.transient);
		return repeatable && repeats < MAX_RETRIES ? 'repeat' : 'fail';
	}
	const errcode = Number(outcome.response.errcode ?? 0);
	if (errcode === 0) return 'done';
	if (TOKEN_ERRCODES.has(errcode)) return input.tokenRefreshed ? 'fail' : 'refreshToken';
	if (input.retryErrcodes?.includes(errcode)) {
		return repeats < MAX_RETRIES + EXTRA_REPEATS_FOR_NAMED_ERRCODES ? 'repeat' : 'fail';
	}
	if (TRANSIENT_ERRCODES.has(errcode) && !changesData)
		return repeats < MAX_RETRIES ? 'repeat' : 'fail';
	return 'fail';
}
