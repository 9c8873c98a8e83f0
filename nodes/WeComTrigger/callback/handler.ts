import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { aesKeyFrom, decryptFor, strictUtf8 } from './cipher';
import { dedupeKey, dedupeStoreFor } from './dedupe';
import { CallbackError, isCallbackError } from './errors';
import { WELCOME_CODE_LIFETIME_MS } from '../../shared/validation/limits';
import { verifySignature } from './signature';
import { MAX_BODY_BYTES, parseEnvelope, parseEvent, type WeComEvent } from './xml';

export const ALL_EVENTS = '*';

const MAX_PARAM_LENGTH = 256;
const MAX_ECHOSTR_LENGTH = 4096;

export interface TriggerSettings {
	events: string[];
	onlyWithWelcomeCode: boolean;
	dropRedeliveries: boolean;
	includeRawXml: boolean;
}

export interface CallbackSecrets {
	corpId: string;
	callbackToken: string;
	encodingAESKey: string;
}

/** The parts of n8n's (express) request this module uses; a plain node:http request fits too. */
interface CallbackRequest {
	method?: string;
	url?: string;
	originalUrl?: string;
	rawBody?: unknown;
	readRawBody?: () => Promise<unknown>;
}

/** The parts of the response used here: plain node:http calls, so no express helper adds anything. */
interface CallbackResponse {
	statusCode: number;
	headersSent: boolean;
	writableEnded?: boolean;
	setHeader(name: string, value: string | number): unknown;
	end(body?: string): unknown;
}

function answer(res: CallbackResponse, status: number, body: string, extraHeaders: IDataObject = {}) {
	if (res.headersSent || res.writableEnded === true) return;
	res.statusCode = status;
	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	res.setHeader('Content-Length', Buffer.byteLength(body, 'utf8'));
	res.setHeader('Cache-Control', 'no-store');
	for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, String(value));
	res.end(body);
}

/** Reads one query parameter: present exactly once, non-empty, bounded. */
function queryReader(ctx: IWebhookFunctions, req: CallbackRequest) {
	const url = req.originalUrl ?? req.url ?? '';
	const questionMark = url.indexOf('?');
	const fromUrl = questionMark >= 0 ? new URLSearchParams(url.slice(questionMark + 1)) : undefined;
	const parsed = fromUrl === undefined ? ((ctx.getQueryData() ?? {}) as IDataObject) : undefined;

	return (name: string, maxLength = MAX_PARAM_LENGTH): string => {
		let values: unknown[];
		if (fromUrl !== undefined) values = fromUrl.getAll(name);
		else {
			const value = parsed?.[name];
			values = value === undefined ? [] : Array.isArray(value) ? value : [value];
		}
		const [value] = values;
		if (values.length !== 1 || typeof value !== 'string' || value === '' || value.length > maxLength) {
			throw new CallbackError('missing_param', `Query parameter ${name} is missing or invalid`);
		}
		return value;
	};
}

async function readBody(req: CallbackRequest): Promise<Buffer> {
	if (req.rawBody === undefined && typeof req.readRawBody === 'function') {
		await req.readRawBody();
	}
	const raw = req.rawBody;
	let body: Buffer;
	if (Buffer.isBuffer(raw)) body = raw;
	else if (typeof raw === 'string') body = Buffer.from(raw, 'utf8');
	else throw new CallbackError('missing_param', 'The request has no body');
	if (body.length > MAX_BODY_BYTES) throw new CallbackError('too_large', 'The request body is too large');
	if (body.length === 0) throw new CallbackError('missing_param', 'The request body is empty');
	return body;
}

function bodyText(body: Buffer): string {
	const text = strictUtf8(body);
	if (text === undefined) throw new CallbackError('bad_xml', 'The request body is not valid UTF-8');
	return text;
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

async function loadCredentials(ctx: IWebhookFunctions): Promise<IDataObject | undefined> {
	try {
		return (await ctx.getCredentials('weComApi')) as IDataObject;
	} catch {
		return undefined;
	}
}

async function secretsOf(ctx: IWebhookFunctions): Promise<CallbackSecrets> {
	const credentials = await loadCredentials(ctx);
	if (credentials === undefined) {
		throw new CallbackError('bad_key', 'The WeCom API credential could not be loaded');
	}
	return callbackSecretsFrom(credentials);
}

export function settingsOf(ctx: IWebhookFunctions): TriggerSettings {
	const events = ctx.getNodeParameter('events', ['add_external_contact']) as unknown;
	const options = (ctx.getNodeParameter('options', {}) ?? {}) as IDataObject;
	return {
		events: Array.isArray(events) ? events.map(String) : [String(events)],
		onlyWithWelcomeCode: options.onlyWithWelcomeCode === true,
		dropRedeliveries: options.dropRedeliveries !== false,
		includeRawXml: options.includeRawXml === true,
	};
}

function hasWelcomeCode(event: WeComEvent): boolean {
	return typeof event.WelcomeCode === 'string' && event.WelcomeCode !== '';
}

export function passesFilter(event: WeComEvent, settings: TriggerSettings): boolean {
	if (settings.onlyWithWelcomeCode && !hasWelcomeCode(event)) return false;
	if (settings.events.includes(ALL_EVENTS)) return true;
	return (
		event.Event === 'change_external_contact' &&
		typeof event.ChangeType === 'string' &&
		settings.events.includes(event.ChangeType)
	);
}

export function toOutputItem(
	event: WeComEvent,
	receivedAt: number,
	rawXml: string | undefined,
): IDataObject {
	const item: IDataObject = { ...event, receivedAt: new Date(receivedAt).toISOString() };
	if (hasWelcomeCode(event)) {
		item.welcomeCodeExpiresAt = new Date(receivedAt + WELCOME_CODE_LIFETIME_MS).toISOString();
	}
	if (rawXml !== undefined) item.rawXml = rawXml;
	return item;
}

/** GET: URL verification. Answers the decrypted echostr as the whole body. */
async function handleSetup(ctx: IWebhookFunctions, req: CallbackRequest, res: CallbackResponse) {
	if (req.method !== 'GET') {
		throw new CallbackError('bad_method', 'URL verification uses GET');
	}
	const query = queryReader(ctx, req);
	const signature = query('msg_signature');
	const timestamp = query('timestamp');
	const nonce = query('nonce');
	const echostr = query('echostr', MAX_ECHOSTR_LENGTH);
	const secrets = await secretsOf(ctx);
	if (!verifySignature(secrets.callbackToken, timestamp, nonce, echostr, signature)) {
		throw new CallbackError('bad_signature', 'The msg_signature does not match the echostr');
	}
	const plain = decryptFor(secrets.encodingAESKey, echostr, secrets.corpId);
	answer(res, 200, plain);
}

/** POST: an event. Returns the item to emit, or undefined when it is filtered out or a repeat. */
async function handleEvent(
	ctx: IWebhookFunctions,
	req: CallbackRequest,
	res: CallbackResponse,
	receivedAt: number,
): Promise<IDataObject | undefined> {
	if (req.method !== 'POST') {
		throw new CallbackError('bad_method', 'Events are delivered with POST');
	}
	const query = queryReader(ctx, req);
	const signature = query('msg_signature');
	const timestamp = query('timestamp');
	const nonce = query('nonce');
	const body = await readBody(req);
	const secrets = await secretsOf(ctx);

	const envelope = parseEnvelope(bodyText(body));
	if (!verifySignature(secrets.callbackToken, timestamp, nonce, envelope.encrypt, signature)) {
		throw new CallbackError('bad_signature', 'The msg_signature does not match the body');
	}
	const decrypted = decryptFor(secrets.encodingAESKey, envelope.encrypt, secrets.corpId);
	const event = parseEvent(decrypted);

	const settings = settingsOf(ctx);
	let emit = passesFilter(event, settings);
	if (emit && settings.dropRedeliveries) {
		const scope = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
		emit = dedupeStoreFor(scope).addIfAbsent(dedupeKey(event, decrypted), receivedAt);
	}
	// WeCom only needs a 200 within 5 s; answer before the workflow starts.
	answer(res, 200, '');
	if (!emit) return undefined;
	return toOutputItem(event, receivedAt, settings.includeRawXml ? decrypted : undefined);
}

/**
 * The trigger's webhook(): never throws for bad input. Rejected, filtered and repeated callbacks
 * return no workflowData, so no execution starts (and a test listener keeps listening).
 */
export async function handleCallbackRequest(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = Date.now();
	const req = ctx.getRequestObject() as unknown as CallbackRequest;
	const res = ctx.getResponseObject() as unknown as CallbackResponse;
	try {
		if (ctx.getWebhookName() === 'setup') {
			await handleSetup(ctx, req, res);
			return { noWebhookResponse: true };
		}
		const item = await handleEvent(ctx, req, res, receivedAt);
		if (item === undefined) return { noWebhookResponse: true };
		return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
	} catch (error) {
		const known = isCallbackError(error)
			? error
			: new CallbackError('bad_xml', 'The callback could not be processed');
		if (known.code === 'bad_key') ctx.logger.warn(`WeCom Trigger: ${known.message}`);
		else ctx.logger.debug(`WeCom Trigger rejected a callback (${known.code}): ${known.message}`);
		const allow = ctx.getWebhookName() === 'setup' ? 'GET' : 'POST';
		answer(res, known.httpStatus, known.answer, known.code === 'bad_method' ? { Allow: allow } : {});
		return { noWebhookResponse: true };
	}
}
