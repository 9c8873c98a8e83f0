import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { strictUtf8 } from './cipher';
import { CallbackError } from './errors';
import { MAX_BODY_BYTES } from './xml';

const MAX_PARAM_LENGTH = 256;
export const MAX_ECHOSTR_LENGTH = 4096;

/**
 * The shapes WeCom's query parameters have. They are checked before anything that costs (the
 * credential, the body), so a request that cannot be WeCom's is refused for the price of a regex.
 */
export const PARAM_SHAPE = {
	/** sha1, hex (WeCom writes lower case). */
	msg_signature: /^[0-9a-fA-F]{40}$/,
	/** Unix seconds. */
	timestamp: /^[0-9]{1,12}$/,
	/** WeCom's random number; other senders of the same protocol use letters too. */
	nonce: /^[0-9A-Za-z_-]{1,64}$/,
	/** base64 of AES blocks. */
	echostr: /^(?:[A-Za-z0-9+/]{4})+$|^(?:[A-Za-z0-9+/]{4})*[A-Za-z0-9+/]{2}(?:==|[A-Za-z0-9+/]=)$/,
} as const;

/** The parts of n8n's (express) request this module uses; a plain node:http request fits too. */
export interface CallbackRequest {
	method?: string;
	url?: string;
	originalUrl?: string;
	headers?: Record<string, string | string[] | undefined>;
	rawBody?: unknown;
	readRawBody?: () => Promise<unknown>;
}

/** The parts of the response used here: plain node:http calls, so no express helper adds anything. */
export interface CallbackResponse {
	statusCode: number;
	headersSent: boolean;
	writableEnded?: boolean;
	setHeader(name: string, value: string | number): unknown;
	end(body?: string): unknown;
}

/** Writes the whole answer once; later calls (after an earlier answer) do nothing. */
export function answer(
	res: CallbackResponse,
	status: number,
	body: string,
	extraHeaders: IDataObject = {},
) {
	if (res.headersSent || res.writableEnded === true) return;
	res.statusCode = status;
	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	res.setHeader('Content-Length', Buffer.byteLength(body, 'utf8'));
	res.setHeader('Cache-Control', 'no-store');
	for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, String(value));
	res.end(body);
}

/**
 * Reads one query parameter: present exactly once, non-empty, bounded. The raw URL is preferred
 * over n8n's parsed query, which merges repeated parameters differently across versions.
 */
export function queryReader(ctx: IWebhookFunctions, req: CallbackRequest) {
	const url = req.originalUrl ?? req.url ?? '';
	const questionMark = url.indexOf('?');
	const fromUrl = questionMark >= 0 ? new URLSearchParams(url.slice(questionMark + 1)) : undefined;
	const parsed = fromUrl === undefined ? ((ctx.getQueryData() ?? {}) as IDataObject) : undefined;

	return (name: string, maxLength = MAX_PARAM_LENGTH, shape?: RegExp): string => {
		let values: unknown[];
		if (fromUrl !== undefined) values = fromUrl.getAll(name);
		else {
			const value = parsed?.[name];
			values = value === undefined ? [] : Array.isArray(value) ? value : [value];
		}
		const [value] = values;
		if (
			values.length !== 1 ||
			typeof value !== 'string' ||
			value === '' ||
			value.length > maxLength ||
			(shape !== undefined && !shape.test(value))
		) {
			throw new CallbackError('missing_param', `Query parameter ${name} is missing or invalid`);
		}
		return value;
	};
}

/** Refuses a body that announces more than WeCom ever sends, before it is read. */
export function assertAnnouncedBodySize(req: CallbackRequest): void {
	const announced = req.headers?.['content-length'];
	if (
		typeof announced === 'string' &&
		/^[0-9]+$/.test(announced) &&
		Number(announced) > MAX_BODY_BYTES
	) {
		throw new CallbackError('too_large', 'The request body is too large');
	}
}

/** The exact request bytes as strict UTF-8 text, bounded. */
export async function readBodyText(req: CallbackRequest): Promise<string> {
	assertAnnouncedBodySize(req);
	if (req.rawBody === undefined && typeof req.readRawBody === 'function') {
		await req.readRawBody();
	}
	const raw = req.rawBody;
	let body: Buffer;
	if (Buffer.isBuffer(raw)) body = raw;
	else if (typeof raw === 'string') body = Buffer.from(raw, 'utf8');
	else throw new CallbackError('missing_param', 'The request has no body');
	if (body.length > MAX_BODY_BYTES)
		throw new CallbackError('too_large', 'The request body is too large');
	if (body.length === 0) throw new CallbackError('missing_param', 'The request body is empty');
	const text = strictUtf8(body);
	if (text === undefined) throw new CallbackError('bad_xml', 'The request body is not valid UTF-8');
	return text;
}
