import { createHash } from 'node:crypto';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { baseUrlRefusal, TRUST_BASE_URL_FIELD } from './baseUrlPolicy';
import { ACCESS_GRANT_PATH, normalizeBaseUrl } from './baseUrl';
import { describeErrcode } from './errcodes';
import { redact } from './redact';

/**
 * The access token cache of this process. n8n keeps the token in the credential (hidden
 * expirable field) but runs `preAuthentication` once per caller when that field is empty, so
 * 50 executions starting together would each fetch one. Here they share one fetch.
 */
export interface TokenSource {
	baseUrl: string;
	corpId: string;
	secret: string;
	/** The credential allows a Base URL other than WeCom's own host (baseUrlPolicy.ts). */
	trustBaseUrl: boolean;
}

export interface IssuedToken {
	accessToken: string;
	/** Epoch ms at which WeCom stops accepting the token. */
	expiresAt: number;
}

export type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** WeCom hands out 7200 s tokens; renew a little early so no call races the expiry. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/**
 * A Corp ID or Secret WeCom refused is not asked again for a while, per credential identity (Base
 * URL, Corp ID, Secret): WeCom blocks a server's IP for an hour after repeated wrong secrets, and a
 * loop of failing executions would otherwise ask every few seconds. The hold starts at 15 minutes
 * and doubles with every further refusal of the same values, up to 2 hours; a changed Secret or Corp
 * ID is another identity and is tried at once.
 */
export const WRONG_SECRET_HOLD_MS = 15 * 60 * 1000;
export const WRONG_SECRET_MAX_HOLD_MS = 2 * 60 * 60 * 1000;
const WRONG_SECRET = new Set([40001, 40013, 40056, 40091]);
/**
 * Right values the admin console does not allow yet (the app is not in 可调用应用, the IP not in 企业可信IP):
 * fixed in the console, not in the credential, so they are asked again soon.
 */
const CONSOLE_REFUSAL_HOLD_MS = 30 * 1000;
const CONSOLE_REFUSALS = new Set([48002, 60020]);

export class WeComTokenError extends Error {
	constructor(
		message: string,
		readonly errcode?: number,
		readonly errmsg?: string,
	) {
		super(message);
		this.name = 'WeComTokenError';
	}
}

const issued = new Map<string, IssuedToken>();
const inFlight = new Map<string, Promise<IssuedToken>>();
const refused = new Map<string, { error: WeComTokenError; until: number; times: number }>();

export function tokenSourceOf(credentials: IDataObject): TokenSource {
	return {
		baseUrl: normalizeBaseUrl(credentials.baseUrl),
		corpId: String(credentials.corpId ?? '').trim(),
		secret: String(credentials.secret ?? '').trim(),
		trustBaseUrl: credentials[TRUST_BASE_URL_FIELD] === true,
	};
}

/**
 * Which WeCom identity a token was issued for: a digest of Base URL, Corp ID and Secret (never
 * the secret itself). Stored next to the token in the credential, so a token kept through an edit
 * of the credential is recognised as belonging to the old identity.
 */
export function tokenIdentityOf(source: TokenSource): string {
	return createHash('sha256')
		.update(`${source.baseUrl}|${source.corpId}|${source.secret}`)
		.digest('hex');
}

const keyOf = tokenIdentityOf;

export function isFresh(expiresAt: unknown, now = Date.now()): boolean {
	return typeof expiresAt === 'number' && expiresAt - REFRESH_MARGIN_MS > now;
}

async function fetchToken(httpRequest: HttpRequest, source: TokenSource): Promise<IssuedToken> {
	if (!source.corpId || !source.secret) {
		throw new WeComTokenError(
			'The WeCom API credential needs both a Corp ID (企业ID) and a Secret.',
		);
	}
	const requestedAt = Date.now();
	let response: IDataObject | undefined;
	let unreachable = '';
	try {
		response = (await httpRequest({
			method: 'GET',
			url: `${source.baseUrl}${ACCESS_GRANT_PATH}`,
			qs: { corpid: source.corpId, corpsecret: source.secret },
			json: true,
			timeout: 15000,
		})) as IDataObject;
	} catch (error) {
		// The transport error carries the URL with corpsecret; keep only a redacted message.
		unreachable = redact(error instanceof Error ? error.message : String(error), [source.secret]);
	}
	if (response === undefined) {
		throw new WeComTokenError(
			`Could not reach WeCom to get an access token (${unreachable}). Check the Base URL and the network/proxy.`,
		);
	}
	const errcode = Number(response?.errcode ?? 0);
	if (errcode !== 0 || typeof response.access_token !== 'string') {
		const errmsg = redact(String(response?.errmsg ?? 'no access_token in the answer'), [
			source.secret,
		]);
		const fix = describeErrcode(errcode)?.fix ?? '';
		throw new WeComTokenError(
			`WeCom refused the access token request: [${errcode}] ${errmsg}. ${fix}`.trim(),
			errcode,
			errmsg,
		);
	}
	const lifetimeSeconds = Number(response.expires_in) > 0 ? Number(response.expires_in) : 7200;
	return { accessToken: response.access_token, expiresAt: requestedAt + lifetimeSeconds * 1000 };
}

/** A fresh token for this corp and secret: cached, or the one fetch every caller waits for. */
export async function obtainAccessToken(
	httpRequest: HttpRequest,
	source: TokenSource,
): Promise<IssuedToken> {
	const untrusted = baseUrlRefusal(source.baseUrl, source.trustBaseUrl);
	if (untrusted) throw new WeComTokenError(untrusted);
	const key = keyOf(source);
	const cached = issued.get(key);
	if (cached && isFresh(cached.expiresAt)) return cached;

	const refusal = refused.get(key);
	if (refusal && refusal.until > Date.now()) throw heldError(refusal.error, refusal.until);

	const pending = inFlight.get(key);
	if (pending) return await pending;

	const fetching = fetchToken(httpRequest, source)
		.then((token) => {
			issued.set(key, token);
			refused.delete(key);
			return token;
		})
		.catch((error: unknown) => {
			if (error instanceof WeComTokenError && error.errcode !== undefined) {
				const times = (refused.get(key)?.times ?? 0) + 1;
				if (WRONG_SECRET.has(error.errcode)) {
					const hold = Math.min(WRONG_SECRET_MAX_HOLD_MS, WRONG_SECRET_HOLD_MS * 2 ** (times - 1));
					refused.set(key, { error, until: Date.now() + hold, times });
				} else if (CONSOLE_REFUSALS.has(error.errcode)) {
					refused.set(key, { error, until: Date.now() + CONSOLE_REFUSAL_HOLD_MS, times });
				}
			}
			throw error;
		})
		.finally(() => inFlight.delete(key));
	inFlight.set(key, fetching);
	return await fetching;
}

/** The refusal again, saying why WeCom is not asked now and how to be asked at once. */
function heldError(error: WeComTokenError, until: number): WeComTokenError {
	const minutes = Math.max(1, Math.ceil((until - Date.now()) / 60_000));
	const why = WRONG_SECRET.has(error.errcode ?? 0)
		? `WeCom is not asked again with this Corp ID and Secret for ${minutes} min (WeCom blocks a server's IP after repeated wrong secrets); after you correct the credential the next run asks at once.`
		: `WeCom is not asked again for ${minutes} min.`;
	return new WeComTokenError(`${error.message} ${why}`, error.errcode, error.errmsg);
}

/**
 * Drops a token WeCom has rejected. Only the token that failed is dropped, so that when 50
 * calls fail with the same stale token, the first refresh is not thrown away by the other 49.
 */
export function forgetAccessToken(source: TokenSource, staleToken: string): void {
	const key = keyOf(source);
	if (issued.get(key)?.accessToken === staleToken) issued.delete(key);
}

const persisting = new Map<string, Promise<void>>();

/**
 * Runs `persist` once per key (stored credential + token) in this process, however many executions
 * got that token at the same time: one credential write per token, not one per caller.
 */
export async function persistOncePerToken(
	key: string,
	persist: () => Promise<void>,
): Promise<void> {
	let pending = persisting.get(key);
	if (!pending) {
		// Tokens live 2 hours; a handful of entries is all a process ever needs to remember.
		if (persisting.size > 64) persisting.clear();
		pending = persist();
		persisting.set(key, pending);
	}
	await pending;
}

/** Tests start every scenario from an empty process cache (as a new process, e.g. a worker, does). */
export function clearTokenCache(): void {
	issued.clear();
	inFlight.clear();
	refused.clear();
	persisting.clear();
}
