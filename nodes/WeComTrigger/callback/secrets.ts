import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { aesKeyFrom } from './cipher';
import { CallbackError } from './errors';

export interface CallbackSecrets {
	corpId: string;
	callbackToken: string;
	encodingAESKey: string;
}

/**
 * The three credential fields the trigger needs, checked (the key must decode to 32 bytes).
 * Messages name the missing field, never its value.
 */
export function callbackSecretsFrom(credentials: IDataObject | undefined): CallbackSecrets {
	const field = (name: string) => {
		const value = credentials?.[name];
		return typeof value === 'string' ? value.trim() : '';
	};
	const secrets = {
		corpId: field('corpId'),
		callbackToken: field('callbackToken'),
		encodingAESKey: field('encodingAESKey'),
	};
	const missing = [
		secrets.corpId === '' ? 'Corp ID' : '',
		secrets.callbackToken === '' ? 'Callback Token' : '',
		secrets.encodingAESKey === '' ? 'Encoding AES Key' : '',
	].filter((name) => name !== '');
	if (missing.length > 0) {
		throw new CallbackError(
			'bad_key',
			`The WeCom API credential needs ${missing.join(', ')} for the WeCom Trigger (客户联系 → API → 接收事件服务器)`,
		);
	}
	aesKeyFrom(secrets.encodingAESKey);
	return secrets;
}

/** The trigger's credential, checked; a credential that cannot be loaded is a configuration error. */
export async function secretsOf(ctx: IWebhookFunctions): Promise<CallbackSecrets> {
	let credentials: IDataObject | undefined;
	try {
		credentials = (await ctx.getCredentials('weComApi')) as IDataObject;
	} catch {
		credentials = undefined;
	}
	if (credentials === undefined) {
		throw new CallbackError('bad_key', 'The WeCom API credential could not be loaded');
	}
	return callbackSecretsFrom(credentials);
}

/**
 * How long the secrets read for one trigger may serve later callbacks. Reading the credential in
 * the webhook phase is the trigger's largest own cost: n8n reads it from its database, decrypts it
 * and resolves it in a throw-away workflow, which on the default `vm` expression engine builds and
 * disposes an isolate (≈ 50 ms CPU, BENCHMARKS.md). Kept secrets are only ever trusted for a
 * callback they verify. The price: for at most this long after a rotation, a callback signed with
 * the old Token is still accepted.
 */
export const SECRETS_REUSE_MS = 60 * 1000;

/**
 * After a request fails its check with the kept secrets, the credential is read again (a rotated
 * Token or EncodingAESKey then works at once), but at most once per this interval per trigger:
 * anyone can send junk to a public URL, and each read costs n8n what a real callback costs it.
 * Within the interval a failing request is refused with what is kept, so a flood of forged
 * requests costs one credential read per interval, and a rotated Token works within seconds.
 */
export const REREAD_AFTER_FAILURE_MS = 5 * 1000;

/**
 * Kept secrets older than this are read again in the background while they serve, so that under any
 * traffic with gaps shorter than SECRETS_REUSE_MS no callback waits for a read. A read at expiry is
 * waited for by every callback arriving meanwhile: during a burst on n8n's default engine (an isolate
 * on a saturated CPU) it held ~50 callbacks for over a second (BENCHMARKS.md § 2c). It costs at most
 * one read per this interval, and only callbacks that verified start one (a forgery never does). The
 * reuse bound is unchanged: secrets older than SECRETS_REUSE_MS are never used.
 */
export const REFRESH_AFTER_MS = 15 * 1000;

interface Kept {
	/** The secrets read last, or undefined when the credential was incomplete or could not be read. */
	secrets?: CallbackSecrets;
	/** When a background read last failed to give secrets (not tried again within REFRESH_AFTER_MS). */
	refreshFailedAt?: number;
	/** Why the last read gave no secrets (refused again with it until the next read). */
	error?: CallbackError;
	readAt: number;
	/** When a failed check last caused a read. */
	rereadAfterFailureAt?: number;
}

const recent = new Map<string, Kept>();
/** One credential read at a time per trigger: requests that need it at once share it. */
const reading = new Map<string, Promise<Kept>>();
const MAX_KEPT = 1_000;

/** One entry per trigger node and credential: secrets never cross workflows or credentials. */
function reuseKeyOf(ctx: IWebhookFunctions | IHookFunctions): string {
	const credentialId = ctx.getNode().credentials?.weComApi?.id ?? '';
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}:${credentialId}`;
}

/**
 * @param ahead a refresh ahead of expiry: when it cannot read the credential, the secrets kept so
 *   far go on serving until they expire (a foreground read then decides).
 */
async function readShared(
	ctx: IWebhookFunctions,
	key: string,
	now: number,
	previous: Kept | undefined,
	ahead = false,
): Promise<Kept> {
	const pending = reading.get(key);
	if (pending !== undefined) return await pending;
	const read = (async (): Promise<Kept> => {
		let kept: Kept;
		try {
			kept = { secrets: await secretsOf(ctx), readAt: now };
		} catch (error) {
			if (ahead && previous !== undefined) {
				previous.refreshFailedAt = now;
				return previous;
			}
			kept = {
				error:
					error instanceof CallbackError
						? error
						: new CallbackError('bad_key', 'The WeCom API credential could not be loaded'),
				readAt: now,
			};
		}
		kept.rereadAfterFailureAt = previous?.rereadAfterFailureAt;
		if (!recent.has(key) && recent.size >= MAX_KEPT)
			recent.delete(recent.keys().next().value as string);
		recent.set(key, kept);
		return kept;
	})();
	reading.set(key, read);
	try {
		return await read;
	} finally {
		reading.delete(key);
	}
}

function checkWith<T>(kept: Kept, check: (secrets: CallbackSecrets) => T): T {
	if (kept.secrets === undefined)
		throw (
			kept.error ?? new CallbackError('bad_key', 'The WeCom API credential could not be loaded')
		);
	return check(kept.secrets);
}

/**
 * Runs `check` (signature, decryption, receiver) with the trigger's secrets: the ones read within
 * SECRETS_REUSE_MS when they pass it. When they fail it, the credential is read again only if no
 * failed check caused a read within REREAD_AFTER_FAILURE_MS; otherwise the request is refused
 * with what is kept, without touching the credential.
 */
export async function withSecrets<T>(
	ctx: IWebhookFunctions,
	now: number,
	check: (secrets: CallbackSecrets) => T,
): Promise<T> {
	const key = reuseKeyOf(ctx);
	const kept = recent.get(key);
	const age = kept === undefined ? -1 : now - kept.readAt;
	if (kept === undefined || age < 0 || age >= SECRETS_REUSE_MS) {
		const read = await readShared(ctx, key, now, kept);
		const result = attempt(read, check);
		// Checked against the credential as it is now and failed: that counts as the re-read.
		if (!result.ok) read.rereadAfterFailureAt = now;
		return valueOf(result);
	}
	const withKept = attempt(kept, check);
	if (withKept.ok) {
		const failedAt = kept.refreshFailedAt;
		const failedLately = failedAt !== undefined && now - failedAt < REFRESH_AFTER_MS;
		if (age >= REFRESH_AFTER_MS && !failedLately && !reading.has(key)) {
			// Not awaited: this callback is served by secrets still within their reuse time.
			void readShared(ctx, key, now, kept, true);
		}
		return withKept.value;
	}
	// A rotated secret, another corp's callback or a forgery: the credential as it is now decides,
	// unless a failed check already read it moments ago (or is reading it now: a flood must not hold
	// its requests open on that read).
	const last = kept.rereadAfterFailureAt;
	if (
		reading.has(key) ||
		(last !== undefined && now - last >= 0 && now - last < REREAD_AFTER_FAILURE_MS)
	) {
		return valueOf(withKept);
	}
	kept.rereadAfterFailureAt = now;
	return checkWith(await readShared(ctx, key, now, kept), check);
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: CallbackError };

function attempt<T>(kept: Kept, check: (secrets: CallbackSecrets) => T): Attempt<T> {
	try {
		return { ok: true, value: checkWith(kept, check) };
	} catch (error) {
		return {
			ok: false,
			error:
				error instanceof CallbackError
					? error
					: new CallbackError('bad_xml', 'The callback could not be processed'),
		};
	}
}

function valueOf<T>(result: Attempt<T>): T {
	if (result.ok) return result.value;
	throw result.error;
}

/** Activation starts from the credential as it is, never from secrets read before. */
export function forgetSecrets(ctx: IHookFunctions): void {
	recent.delete(reuseKeyOf(ctx));
}

/** Tests start each harness like a new n8n process. */
export function forgetAllSecrets(): void {
	recent.clear();
	reading.clear();
}
