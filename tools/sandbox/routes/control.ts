/**
 * /__sandbox/*: the HTTP face of the TypeScript API, for tests that drive a real n8n process.
 * Plain JSON (no errcode envelope) and never recorded as calls.
 */
import type { FaultRule, SeedMassMessageOptions } from '../types';
import { sampleEvent, type CallbackEvent, type SampleSpec } from '../callback/events';
import type { Route, RouteContext, RouteResult, RouteTable } from '../route';

function control(method: Route['method'], handle: (ctx: RouteContext) => unknown): Route {
	return {
		method,
		auth: false,
		body: 'json',
		handle: async (ctx): Promise<RouteResult> => ({ json: (await handle(ctx)) ?? { ok: true } }),
	};
}

function str(v: unknown): string | undefined {
	return typeof v === 'string' && v !== '' ? v : undefined;
}

function num(v: unknown): number | undefined {
	return typeof v === 'number' ? v : undefined;
}

export const controlRoutes: RouteTable = {
	'/__sandbox/config': control('GET', ({ sandbox, state }) => ({
		url: sandbox.url,
		...sandbox.config,
		tokenTtlSeconds: state.tokenTtlSeconds,
	})),
	'/__sandbox/calls': control('GET', ({ sandbox, query }) =>
		query.api ? sandbox.callsTo(query.api) : sandbox.calls,
	),
	'/__sandbox/reset': control('POST', ({ sandbox }) => sandbox.reset()),
	'/__sandbox/reset-calls': control('POST', ({ sandbox }) => sandbox.resetCalls()),
	'/__sandbox/faults': control('POST', ({ sandbox, body }) =>
		sandbox.fault(body as unknown as FaultRule),
	),
	'/__sandbox/faults#DELETE': control('DELETE', ({ sandbox }) => sandbox.clearFaults()),
	'/__sandbox/welcome-code': control('POST', ({ sandbox, body }) => ({
		code: sandbox.issueWelcomeCode({
			userId: str(body.userId),
			externalUserId: str(body.externalUserId),
			ttlMs: num(body.ttlMs),
		}),
	})),
	'/__sandbox/hold-welcome-code': control('POST', ({ sandbox, body }) => {
		const code = str(body.code);
		const ms = num(body.ms);
		if (!code || ms === undefined) throw new Error('code and ms are required');
		sandbox.holdWelcomeCode(code, ms);
	}),
	'/__sandbox/emit': control('POST', async ({ sandbox, body }) => {
		const url = str(body.url);
		if (!url) throw new Error('url is required');
		// `event`: the fields as given; `sample`: one event of any family built with WeCom's field set.
		const sample = body.sample as SampleSpec | undefined;
		const event =
			(body.event as CallbackEvent | undefined) ??
			(sample ? sampleEvent(sandbox.config.corpId, sample) : sandbox.addExternalContactEvent());
		return { ...(await sandbox.emitCallback(url, event)), event };
	}),
	'/__sandbox/seed': control('POST', ({ sandbox, body }) => ({
		msgid: sandbox.seedMassMessage(body as unknown as SeedMassMessageOptions),
	})),
	'/__sandbox/mark-sent': control('POST', ({ sandbox, body }) => {
		const msgid = str(body.msgid);
		if (!msgid) throw new Error('msgid is required');
		sandbox.markSent(msgid, str(body.userid));
	}),
	'/__sandbox/welcome-sends': control('GET', ({ sandbox }) => sandbox.welcomeSends),
	'/__sandbox/tokens': control('GET', ({ sandbox }) => sandbox.issuedTokens()),
	'/__sandbox/expire-tokens': control('POST', ({ sandbox }) => sandbox.expireAllTokens()),
	'/__sandbox/invalidate-tokens': control('POST', ({ sandbox }) => sandbox.invalidateAllTokens()),
};
