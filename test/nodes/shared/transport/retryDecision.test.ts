import type { AttemptOutcome } from '../../../../nodes/shared/transport/attempt';
import type { TransportFailure } from '../../../../nodes/shared/transport/failure';
import { nextStep, type DecisionInput } from '../../../../nodes/shared/transport/retryDecision';

/** The repeat rules as a table: what happens after one attempt, for a read and for a call that changes state. */
const lost = (failure: Partial<TransportFailure>): AttemptOutcome => ({
	answered: false,
	failure: { neverSent: false, transient: false, ...failure },
});
const answer = (errcode: number): AttemptOutcome => ({
	answered: true,
	response: { errcode, errmsg: '' },
});
const step = (outcome: AttemptOutcome, more: Partial<DecisionInput> = {}) => ({
	read: nextStep({ changesData: false, outcome, repeats: 0, tokenRefreshed: false, ...more }),
	write: nextStep({ changesData: true, outcome, repeats: 0, tokenRefreshed: false, ...more }),
});

test.each([
	[
		'connection refused (never sent)',
		lost({ code: 'ECONNREFUSED', neverSent: true, transient: true }),
		'repeat',
		'repeat',
	],
	[
		'connection reset (answer lost)',
		lost({ code: 'ECONNRESET', transient: true }),
		'repeat',
		'fail',
	],
	['timeout (answer lost)', lost({ code: 'ECONNABORTED', transient: true }), 'repeat', 'fail'],
	['HTTP 502', lost({ status: 502, transient: true }), 'repeat', 'fail'],
	['HTTP 404', lost({ status: 404 }), 'fail', 'fail'],
	['errcode 0', answer(0), 'done', 'done'],
	['busy (-1)', answer(-1), 'repeat', 'fail'],
	['concurrency limit (45033)', answer(45033), 'repeat', 'fail'],
	['frequency limit (45009)', answer(45009), 'fail', 'fail'],
	['expired token (42001)', answer(42001), 'refreshToken', 'refreshToken'],
	['invalid token (40014)', answer(40014), 'refreshToken', 'refreshToken'],
	['missing token (41001)', answer(41001), 'refreshToken', 'refreshToken'],
])('%s: read → %s, write → %s', (_label, outcome, read, write) => {
	expect(step(outcome)).toEqual({ read, write });
});

test('the token is refreshed once per call: a second token error fails', () => {
	expect(step(answer(42001), { tokenRefreshed: true })).toEqual({ read: 'fail', write: 'fail' });
});

test('repeats stop after 3', () => {
	const refused = lost({ code: 'ECONNREFUSED', neverSent: true, transient: true });
	expect(step(refused, { repeats: 2 })).toEqual({ read: 'repeat', write: 'repeat' });
	expect(step(refused, { repeats: 3 })).toEqual({ read: 'fail', write: 'fail' });
});

test('errcodes the caller names (41096 during a welcome send) get a few more repeats, for any call', () => {
	expect(step(answer(41096), { retryErrcodes: [41096], repeats: 7 })).toEqual({
		read: 'repeat',
		write: 'repeat',
	});
	expect(step(answer(41096), { retryErrcodes: [41096], repeats: 8 })).toEqual({
		read: 'fail',
		write: 'fail',
	});
	expect(step(answer(41096))).toEqual({ read: 'fail', write: 'fail' });
});
