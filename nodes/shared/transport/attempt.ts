import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import type { WeComContext } from './context';
import type { WeComApi } from './api';
import { classifyFailure, type TransportFailure } from './failure';

export interface WeComResponse extends IDataObject {
	errcode?: number;
	errmsg?: string;
}

export interface AttemptInput {
	url: string;
	api: WeComApi;
	accessToken: string;
	body?: IDataObject;
	qs?: IDataObject;
	multipart?: { buffer: Buffer; contentType: string };
	timeoutMs: number;
}

export type AttemptOutcome =
	{ answered: true; response: WeComResponse } | { answered: false; failure: TransportFailure };

/**
 * One HTTP exchange with WeCom through n8n's request helper (the user's proxy and TLS settings
 * apply), with the token in the query as WeCom expects it. Transport errors come back as values.
 */
export async function sendAttempt(
	this: WeComContext,
	input: AttemptInput,
): Promise<AttemptOutcome> {
	const options: IHttpRequestOptions = {
		method: input.api.method as IHttpRequestMethods,
		url: input.url,
		qs: { ...(input.qs ?? {}), access_token: input.accessToken },
		json: true,
		timeout: input.timeoutMs,
	};
	if (input.multipart) {
		options.body = input.multipart.buffer;
		options.headers = { 'Content-Type': input.multipart.contentType };
	} else if (input.api.method === 'POST') {
		options.body = input.body ?? {};
	}
	let body: unknown;
	try {
		body = await this.helpers.httpRequest(options);
	} catch (error) {
		return { answered: false, failure: classifyFailure(error) };
	}
	const response = parseBody(body);
	// An answer that is not WeCom's JSON (a proxy's page): the request arrived somewhere.
	if (!response)
		return {
			answered: false,
			failure: { code: 'UNREADABLE_ANSWER', neverSent: false, transient: false },
		};
	return { answered: true, response };
}

function parseBody(body: unknown): WeComResponse | undefined {
	try {
		if (typeof body === 'string') return JSON.parse(body) as WeComResponse;
		if (Buffer.isBuffer(body)) return JSON.parse(body.toString('utf8')) as WeComResponse;
	} catch {
		return undefined;
	}
	return typeof body === 'object' && body !== null ? (body as WeComResponse) : undefined;
}
