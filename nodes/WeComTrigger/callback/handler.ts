import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { decryptFor } from './cipher';
import { dedupeStoreFor, PENDING_WAIT_MS } from './dedupe';
import { setupCheckOf, setupWarning } from './diagnostics';
import { CallbackError, isCallbackError } from './errors';
import { eventKey } from './eventKey';
import { passesFilter } from './filter';
import {
	answer,
	MAX_ECHOSTR_LENGTH,
	PARAM_SHAPE,
	queryReader,
	readBodyText,
	type CallbackRequest,
	type CallbackResponse,
} from './http';
import { toOutputItem } from './output';
import {
	assertFresh,
	clockOffsetSeconds,
	REPLAY_WINDOW_DEFAULT_S,
	replayWindowSeconds,
} from './replay';
import { withSecrets } from './secrets';
import { settingsOf } from './settings';
import { verifySignature } from './signature';
import { parseEnvelope, parseEvent } from './xml';

export { ALL_EVENTS } from './catalog';
export { callbackSecretsFrom } from './secrets';

/**
 * One callback, step by step: method → query (presence and shape) → body (size, XML envelope) →
 * signature + decrypt + receiver (with the trigger's kept secrets; the credential is read only when
 * none are kept or, at most once per few seconds, after they failed) → (event) timestamp window →
 * parse → filters → dedupe → output item (n8n answers 200) or, when nothing starts, answer 200 here.
 * The cheap checks come first, so a request that cannot be WeCom's costs no credential read. Each
 * step lives in its own module; this file only orders them.
 */

/** GET: URL verification. Answers the decrypted echostr as the whole body. */
async function handleSetup(
	ctx: IWebhookFunctions,
	req: CallbackRequest,
	res: CallbackResponse,
	now: number,
) {
	if (req.method !== 'GET') throw new CallbackError('bad_method', 'URL verification uses GET');
	const query = queryReader(ctx, req);
	const signature = query('msg_signature', undefined, PARAM_SHAPE.msg_signature);
	const timestamp = query('timestamp', undefined, PARAM_SHAPE.timestamp);
	const nonce = query('nonce', undefined, PARAM_SHAPE.nonce);
	const echostr = query('echostr', MAX_ECHOSTR_LENGTH, PARAM_SHAPE.echostr);
	// Setting up the URL in the console is when a user has just changed the secrets: an echo the kept
	// ones do not verify reads the credential again (at most once per few seconds, see secrets.ts).
	const plaintext = await withSecrets(ctx, now, (secrets) => {
		if (!verifySignature(secrets.callbackToken, timestamp, nonce, echostr, signature)) {
			throw new CallbackError('bad_signature', 'The msg_signature does not match the echostr');
		}
		return decryptFor(secrets.encodingAESKey, echostr, secrets.corpId);
	});
	answer(res, 200, plaintext);
	// The URL check is answered whatever the clock says (an echo starts nothing), but a skewed clock
	// would make every event fail later, so say so now, while the user is in the console.
	const windowS = replayWindowOf(ctx);
	const offset = clockOffsetSeconds(timestamp, now);
	if (Math.abs(offset) > windowS) {
		warn(
			ctx,
			'clock',
			'URL verification',
			now,
			`This one is ${offset} s off (window ${windowS} s).`,
		);
	}
}

/** POST: an event. Returns the item to emit, or undefined when it is filtered out or a repeat. */
async function handleEvent(
	ctx: IWebhookFunctions,
	req: CallbackRequest,
	res: CallbackResponse,
	receivedAt: number,
): Promise<IDataObject | undefined> {
	if (req.method !== 'POST')
		throw new CallbackError('bad_method', 'Events are delivered with POST');
	const query = queryReader(ctx, req);
	const signature = query('msg_signature', undefined, PARAM_SHAPE.msg_signature);
	const timestamp = query('timestamp', undefined, PARAM_SHAPE.timestamp);
	const nonce = query('nonce', undefined, PARAM_SHAPE.nonce);
	const envelope = parseEnvelope(await readBodyText(req));
	const decrypted = await withSecrets(ctx, receivedAt, (secrets) => {
		if (!verifySignature(secrets.callbackToken, timestamp, nonce, envelope.encrypt, signature)) {
			throw new CallbackError('bad_signature', 'The msg_signature does not match the body');
		}
		return decryptFor(secrets.encodingAESKey, envelope.encrypt, secrets.corpId);
	});
	// The timestamp is signed, so only an old recording of a real callback gets here with an old one.
	const settings = settingsOf(ctx);
	assertFresh(timestamp, receivedAt, settings.replayWindowSeconds);
	const event = parseEvent(decrypted);

	let emit = passesFilter(event, settings);
	if (emit && settings.dropRedeliveries) {
		// Remembered while the window still accepts this signed timestamp (replay.ts), and at least
		// the dedupe TTL after receipt.
		const acceptedUntil = (Number(timestamp) + settings.replayWindowSeconds + 1) * 1000;
		emit = await claimDelivery(ctx, res, eventKey(event), acceptedUntil);
	}
	// An event that starts a workflow is answered by n8n (the webhook's responseData is 'noData':
	// an empty 200), on 2.x only once the execution is stored: a 200 then never stands for an event
	// lost in this process, and under a burst WeCom waits for the answer instead of a backlog
	// growing unseen behind it (BENCHMARKS.md § 6). One that starts nothing is answered here.
	if (!emit) {
		answer(res, 200, '');
		return undefined;
	}
	return toOutputItem(event, receivedAt, settings.includeRawXml ? decrypted : undefined);
}

/**
 * Whether this delivery starts the run. An event is remembered as taken only once n8n answered its
 * request with a 2xx (n8n 2.x answers once the execution is stored or queued, and with an error when
 * it could not store it); until then a re-send waits for that answer, and takes over when n8n
 * failed. A re-send still waiting after PENDING_WAIT_MS gets 503, so WeCom tries it again later.
 */
async function claimDelivery(
	ctx: IWebhookFunctions,
	res: CallbackResponse,
	key: string,
	acceptedUntil: number,
): Promise<boolean> {
	const store = dedupeStoreFor(scopeOf(ctx));
	const waitUntil = Date.now() + PENDING_WAIT_MS;
	for (;;) {
		const claim = store.claim(key, Date.now(), acceptedUntil);
		if (claim.status === 'new') {
			settleWhenAnswered(res, claim.settle);
			return true;
		}
		if (claim.status === 'seen') return false;
		const stored = await within(claim.outcome, waitUntil - Date.now());
		if (stored === true) return false;
		if (stored === undefined) {
			throw new CallbackError(
				'in_progress',
				'A re-send arrived while n8n had not yet taken the first delivery',
			);
		}
		// n8n did not take the first delivery: this one claims the event.
	}
}

/** Settles the claim with the status n8n answers the request with (whether or not the caller still listens). */
function settleWhenAnswered(res: CallbackResponse, settle: (stored: boolean) => void): void {
	const end = res.end;
	res.end = function (this: CallbackResponse, ...args: unknown[]) {
		settle(res.statusCode >= 200 && res.statusCode < 300);
		return (end as (...a: unknown[]) => unknown).apply(this, args);
	} as CallbackResponse['end'];
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<undefined>((resolve) => {
		timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** One trigger node: dedupe and warnings are per workflow and node, never shared between them. */
function scopeOf(ctx: IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
}

function replayWindowOf(ctx: IWebhookFunctions): number {
	try {
		const options = (ctx.getNodeParameter('options', {}) ?? {}) as IDataObject;
		return replayWindowSeconds(options.replayWindow);
	} catch {
		return REPLAY_WINDOW_DEFAULT_S;
	}
}

function warn(
	ctx: IWebhookFunctions,
	check: Parameters<typeof setupWarning>[1],
	phase: Parameters<typeof setupWarning>[2],
	now: number,
	detail?: string,
) {
	const message = setupWarning(scopeOf(ctx), check, phase, now, detail);
	if (message !== undefined) ctx.logger.warn(message);
}

/**
 * The trigger's webhook(): never throws for bad input. Rejected, filtered and repeated callbacks
 * return no workflowData, so no execution starts (and a test listener keeps listening).
 */
export async function handleCallbackRequest(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = Date.now();
	const req = ctx.getRequestObject() as unknown as CallbackRequest;
	const res = ctx.getResponseObject() as unknown as CallbackResponse;
	const isSetup = ctx.getWebhookName() === 'setup';
	try {
		if (isSetup) {
			await handleSetup(ctx, req, res, receivedAt);
			return { noWebhookResponse: true };
		}
		const item = await handleEvent(ctx, req, res, receivedAt);
		if (item === undefined) return { noWebhookResponse: true };
		return { workflowData: [[{ json: item }]] };
	} catch (error) {
		const known = isCallbackError(error)
			? error
			: new CallbackError('bad_xml', 'The callback could not be processed');
		const check = setupCheckOf(known);
		if (check !== undefined) {
			warn(
				ctx,
				check,
				isSetup ? 'URL verification' : 'event',
				receivedAt,
				check === 'clock' ? known.message : '',
			);
		}
		ctx.logger.debug(`WeCom Trigger rejected a callback (${known.code}): ${known.message}`);
		answer(
			res,
			known.httpStatus,
			known.answer,
			known.code === 'bad_method' ? { Allow: isSetup ? 'GET' : 'POST' } : {},
		);
		return { noWebhookResponse: true };
	}
}
