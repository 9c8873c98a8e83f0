import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MAX_RETRIES, waitBeforeRetry } from './backoff';
import { ENDPOINTS, type EndpointName, normalizeBaseUrl } from './endpoints';
import { TOKEN_ERRCODES, TRANSIENT_ERRCODES, describeErrcode } from './errcodes';
import { classifyFailure, type TransportFailure } from './failure';
import { redact } from './redact';
import { forgetAccessToken, isFresh, obtainAccessToken, tokenSourceOf } from './token';

export type WeComContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

export const CREDENTIAL_TYPE = 'weComApi';

export interface WeComRequest {
	endpoint: EndpointName;
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

export interface WeComResponse extends IDataObject {
	errcode?: number;
	errmsg?: string;
}

/** Fields of a WeCom error that a flow can branch on (continueOnFail output, error context). */
export interface WeComErrorDetails {
	errcode?: number;
	errmsg?: string;
	api: string;
}

const DEFAULT_TIMEOUT_MS = 20000;

/**
 * The one way operations talk to WeCom: token injection through n8n's credential machinery,
 * errcode checking, token refresh on 40014/42001/41001, and retries only where repeating is safe.
 */
export async function weComApiRequest<T extends WeComResponse = WeComResponse>(
	this: WeComContext,
	request: WeComRequest,
): Promise<T> {
	const endpoint = ENDPOINTS[request.endpoint];
	const node = this.getNode();
	const itemIndex = request.itemIndex ?? 0;
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const source = tokenSourceOf(credentials);
	const secrets = [source.secret, String(credentials.callbackToken ?? ''), String(credentials.encodingAESKey ?? '')];

	// The stored token is used until WeCom rejects it or it is about to expire; an empty value
	// makes n8n run the credential's preAuthentication (shared, single-flight) and persist the result.
	let forceNewToken = !credentials.accessToken || !isFresh(credentials.validUntil);
	let tokenRefreshed = false;
	let attempt = 0;

	const fail = (message: string, description: string, details: WeComErrorDetails, httpCode?: string) => {
		const error = new NodeApiError(node, { ...details } as IDataObject as never, {
			message: redact(message, secrets),
			description: redact(description, secrets),
			itemIndex,
			httpCode,
		});
		// NodeApiError swaps messages that mention ECONNREFUSED & co. for a generic sentence;
		// ours already says which WeCom call failed and why, so it is kept as written.
		error.message = redact(message, secrets);
		// Flows (and continueOnFail output) branch on these, so they travel with the error.
		Object.assign(error.context, details);
		return error;
	};

	for (;;) {
		if (request.deadline !== undefined && attempt > 0 && Date.now() >= request.deadline) {
			throw fail(
				`WeCom ${endpoint.label}: gave up, the time window closed`,
				'The call could not be completed before its deadline.',
				{ api: endpoint.label },
			);
		}
		const data = { ...credentials };
		if (forceNewToken) {
			// Fetched here first so a refusal (wrong secret, unreachable host) stays a typed error;
			// n8n's wrapper keeps only the message. The blank token then makes n8n run the
			// credential's preAuthentication, which finds this token cached and persists it.
			try {
				await obtainAccessToken(async (options) => await this.helpers.httpRequest(options), source);
			} catch (error) {
				throw fail((error as Error).message, describeErrcode(errcodeOf(error as Error) ?? 0)?.fix ?? '', {
					api: 'gettoken',
					errcode: errcodeOf(error as Error),
				});
			}
			data.accessToken = '';
		}
		const options: IHttpRequestOptions = {
			method: endpoint.method as IHttpRequestMethods,
			url: `${normalizeBaseUrl(credentials.baseUrl)}${endpoint.path}`,
			qs: request.qs,
			json: true,
			timeout: timeoutFor(request),
		};
		if (request.multipart) {
			options.body = request.multipart.buffer;
			options.headers = { 'Content-Type': request.multipart.contentType };
		} else if (endpoint.method === 'POST') {
			options.body = request.body ?? {};
		}

		let response: T;
		try {
			response = parseBody(
				await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options, {
					credentialsDecrypted: {
						id: node.credentials?.[CREDENTIAL_TYPE]?.id ?? '',
						name: node.credentials?.[CREDENTIAL_TYPE]?.name ?? '',
						type: CREDENTIAL_TYPE,
						data,
					},
				}),
			) as T;
		} catch (error) {
			const failure = classifyFailure(error);
			if (mayRepeat(endpoint.repeat, failure) && attempt < MAX_RETRIES && (await waitBeforeRetry(attempt, request.deadline))) {
				attempt++;
				continue;
			}
			throw fail(...describeTransportFailure(endpoint.label, endpoint.repeat, failure, attempt));
		}

		const errcode = Number(response?.errcode ?? 0);
		if (errcode === 0) return response;
		const errmsg = String(response.errmsg ?? '');

		if (TOKEN_ERRCODES.has(errcode) && !tokenRefreshed) {
			// WeCom answers an expired token with HTTP 200, which n8n never treats as "refresh".
			forgetAccessToken(source, String(data.accessToken ?? ''));
			forceNewToken = true;
			tokenRefreshed = true;
			continue;
		}
		const transient =
			(TRANSIENT_ERRCODES.has(errcode) && endpoint.repeat === 'safe') ||
			(request.retryErrcodes?.includes(errcode) ?? false);
		if (transient && attempt < MAX_RETRIES + (request.retryErrcodes ? 5 : 0) && (await waitBeforeRetry(attempt, request.deadline))) {
			attempt++;
			continue;
		}
		const info = describeErrcode(errcode);
		const meaning = info ? ` (${info.meaning})` : '';
		const unsentNote =
			endpoint.repeat === 'once' && errcode === -1
				? ' WeCom may or may not have done it; it was not repeated, so nothing was done twice.'
				: '';
		throw fail(
			`WeCom ${endpoint.label} failed: [${errcode}] ${errmsg}${meaning}`,
			`${info?.fix ?? 'See https://developer.work.weixin.qq.com/devtool/query?e=' + errcode}${unsentNote}`,
			{ api: endpoint.label, errcode, errmsg },
		);
	}
}

function timeoutFor(request: WeComRequest): number {
	const timeout = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	if (request.deadline === undefined) return timeout;
	return Math.max(1000, Math.min(timeout, request.deadline - Date.now()));
}

function parseBody(body: unknown): WeComResponse {
	if (typeof body === 'string') return JSON.parse(body) as WeComResponse;
	if (Buffer.isBuffer(body)) return JSON.parse(body.toString('utf8')) as WeComResponse;
	return (body ?? {}) as WeComResponse;
}

function errcodeOf(error: Error): number | undefined {
	const errcode = (error as { errcode?: unknown }).errcode;
	return typeof errcode === 'number' ? errcode : undefined;
}

function mayRepeat(policy: 'safe' | 'once', failure: TransportFailure): boolean {
	return policy === 'safe' ? failure.transient : failure.neverSent;
}

function describeTransportFailure(
	label: string,
	policy: 'safe' | 'once',
	failure: TransportFailure,
	attempts: number,
): [string, string, WeComErrorDetails, string | undefined] {
	const what = failure.status ? `HTTP ${failure.status}` : (failure.code ?? failure.message);
	const tries = attempts > 0 ? ` after ${attempts + 1} attempts` : '';
	const description =
		policy === 'once' && !failure.neverSent
			? 'The request may have reached WeCom, so it was not sent again (a repeat could create a second task or use the single-use code twice). Check the result in WeCom before retrying.'
			: 'Check the Base URL of the credential, the network and any proxy between n8n and WeCom.';
	return [`WeCom ${label}: request failed (${what})${tries}`, description, { api: label }, failure.status ? String(failure.status) : undefined];
}
