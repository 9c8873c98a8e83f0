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
 * the webhook phase is the trigger's largest own cost: n8n resolves the credential in a throw-away
 * workflow, which on the default `vm` expression engine builds and disposes an isolate for every
 * callback (≈ 50 ms CPU, BENCHMARKS.md). Kept secrets are only ever trusted for a callback they
 * verify; one that fails with them is checked again against the credential as it is now, so a
 * rotated Token or EncodingAESKey works at once. The price: for at most this long after a rotation,
 * a callback signed with the old Token is still accepted.
 */
export const SECRETS_REUSE_MS = 60 * 1000;

const recent = new Map<string, { secrets: CallbackSecrets; readAt: number }>();

/** One entry per trigger node and credential: secrets never cross workflows or credentials. */
function reuseKeyOf(ctx: IWebhookFunctions | IHookFunctions): string {
	const credentialId = ctx.getNode().credentials?.weComApi?.id ?? '';
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}:${credentialId}`;
}

/**
 * Runs `check` (signature, decryption, receiver) with the trigger's secrets: the ones read within
 * SECRETS_REUSE_MS when they pass it, else the credential read now. `fresh` always reads it.
 */
export async function withSecrets<T>(
	ctx: IWebhookFunctions,
	now: number,
	check: (secrets: CallbackSecrets) => T,
	options: { fresh?: boolean } = {},
): Promise<T> {
	const key = reuseKeyOf(ctx);
	const kept = options.fresh ? undefined : recent.get(key);
	if (kept !== undefined && now - kept.readAt >= 0 && now - kept.readAt < SECRETS_REUSE_MS) {
		try {
			return check(kept.secrets);
		} catch {
			// A rotated secret, another corp's callback or a forgery: decide with the credential as it is now.
		}
	}
	const secrets = await secretsOf(ctx);
	recent.set(key, { secrets, readAt: now });
	return check(secrets);
}

/** Activation starts from the credential as it is, never from secrets read before. */
export function forgetSecrets(ctx: IHookFunctions): void {
	recent.delete(reuseKeyOf(ctx));
}

/** Tests start each harness like a new n8n process. */
export function forgetAllSecrets(): void {
	recent.clear();
}
