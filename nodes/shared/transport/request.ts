import type { IDataObject } from 'n8n-workflow';

import {
	deadlineParts,
	errcodeParts,
	incompleteAnswerParts,
	tokenFailureParts,
	transportFailureParts,
	weComApiError,
	type ErrorParts,
} from './apiError';
import { sendAttempt, type AttemptOutcome, type WeComResponse } from './attempt';
import { waitBeforeRetry } from './backoff';
import { plainHttpRefusal } from './baseUrlPolicy';
import type { WeComApi } from './api';
import { normalizeBaseUrl } from './baseUrl';
import { CREDENTIAL_TYPE, type WeComContext } from './context';
import { nextStep } from './retryDecision';
import { chooseToken } from './tokenChoice';

export type { WeComErrorDetails } from './apiError';
export type { WeComResponse } from './attempt';
export { CREDENTIAL_TYPE, type WeComContext };

export interface WeComRequest {
	/** The API, as its owner declared it (API Call: as the user described it). */
	api: WeComApi;
	body?: IDataObject;
	qs?: IDataObject;
	/** A prepared multipart body (media uploads). */
	multipart?: { buffer: Buffer; contentType: string };
	itemIndex?: number;
	/** Epoch ms after which no attempt starts (the 20-second welcome window). */
	deadline?: number;
	/** Errcodes worth repeating until the deadline, e.g. 41096 while another app sends. */
	retryErrcodes?: number[];
	timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20000;

/**
 * The one way operations talk to WeCom: choose a token, send, and decide from the answer whether
 * to finish, refresh the token (once), repeat (only where repeating cannot do anything twice) or
 * fail with an error that says what happened and what WeCom may have done.
 */
export async function weComApiRequest<T extends WeComResponse = WeComResponse>(
	this: WeComContext,
	request: WeComRequest,
): Promise<T> {
	const { api } = request;
	const itemIndex = request.itemIndex ?? 0;
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	const secrets = [
		credentials.secret,
		credentials.callbackToken,
		credentials.encodingAESKey,
		credentials.accessToken,
	].map((value) => String(value ?? '').trim());
	const fail = (parts: ErrorParts) => weComApiError(this.getNode(), parts, itemIndex, secrets);

	const insecure = plainHttpRefusal(baseUrl);
	if (insecure) throw fail({ message: insecure, description: '', details: { api: api.name } });

	const useToken = async (rejected?: string) => {
		try {
			const token = await chooseToken.call(this, credentials, rejected);
			secrets.push(token);
			return token;
		} catch (error) {
			throw fail(tokenFailureParts(error as Error));
		}
	};

	let accessToken = await useToken();
	let tokenRefreshed = false;
	for (let repeats = 0, attempts = 0; ; attempts++) {
		// Checked when each attempt starts (the first, a repeat, the one after a new token): once it
		// has started it runs to its answer, because WeCom checks the deadline (the WelcomeCode's 20 s)
		// when the request arrives, and cutting the wait short would report a done send as failed.
		if (request.deadline !== undefined && Date.now() >= request.deadline)
			throw fail(deadlineParts(api, attempts));
		const outcome: AttemptOutcome = await sendAttempt.call(this, {
			url: `${baseUrl}${api.path}`,
			api,
			accessToken,
			body: request.body,
			qs: request.qs,
			multipart: request.multipart,
			timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		});
		const step = nextStep({
			changesData: api.changesData,
			outcome,
			repeats,
			tokenRefreshed,
			retryErrcodes: request.retryErrcodes,
		});
		if (step === 'done' && outcome.answered) {
			const field = api.answerField;
			const value = field === undefined ? undefined : outcome.response[field];
			if (field !== undefined && (typeof value !== 'string' || value.trim() === ''))
				throw fail(incompleteAnswerParts(api, field));
			return outcome.response as T;
		}
		if (step === 'refreshToken') {
			// WeCom answers a stale token with HTTP 200 and has done nothing: a new token, once per call.
			accessToken = await useToken(accessToken);
			tokenRefreshed = true;
			continue;
		}
		// A repeat whose wait would end past the deadline is not made: the last answer is the error.
		if (step === 'repeat' && (await waitBeforeRetry(repeats, request.deadline))) {
			repeats++;
			continue;
		}
		throw fail(
			outcome.answered
				? errcodeParts(api, Number(outcome.response.errcode), String(outcome.response.errmsg ?? ''))
				: transportFailureParts(api, outcome.failure, repeats),
		);
	}
}
