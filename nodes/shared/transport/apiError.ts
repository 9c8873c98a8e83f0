import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { WeComApi } from './api';
import { describeErrcode } from './errcodes';
import type { TransportFailure } from './failure';
import { redact } from './redact';

/** Fields of a WeCom error that a flow can branch on (continueOnFail output, error context). */
export interface WeComErrorDetails {
	errcode?: number;
	errmsg?: string;
	/** WeCom's name of the API, e.g. add_msg_template. */
	api: string;
	/** HTTP status of the answer, when one came. */
	httpStatus?: number;
	/**
	 * The call changes WeCom data and its answer was lost: WeCom may have done it. It was not
	 * repeated; check in WeCom before running it again.
	 */
	mayHaveReachedWeCom?: boolean;
	/** The caller's deadline (the 20-second welcome window) passed before an attempt could start: nothing more was sent. */
	deadlinePassed?: boolean;
}

export interface ErrorParts {
	message: string;
	description: string;
	details: WeComErrorDetails;
}

/** What an operation adds to a WeCom error about its own API (e.g. the 3-reminders rule). */
export interface Explanation {
	/** Appended to the message. */
	message?: string;
	/** Put before the description. */
	description: string;
	/** Extra fields for flows that branch on the error. */
	context?: IDataObject;
}

/**
 * The one constructor of the package's NodeApiError. n8n replaces some messages with a generic
 * sentence; ours already says which call failed and why, so it is put back.
 */
function apiError(
	node: INode,
	context: IDataObject,
	parts: { message: string; description: string; itemIndex: number; httpCode?: string },
) {
	const error = new NodeApiError(node, { ...context } as JsonObject, {
		message: parts.message,
		description: parts.description,
		itemIndex: parts.itemIndex,
		httpCode: parts.httpCode,
	});
	error.message = parts.message;
	Object.assign(error.context, context);
	return error;
}

/** A NodeApiError whose message, description and context hold no secret or token. */
export function weComApiError(
	node: INode,
	parts: ErrorParts,
	itemIndex: number,
	secrets: string[],
): NodeApiError {
	const details: IDataObject = { ...parts.details };
	if (parts.details.errmsg) details.errmsg = redact(parts.details.errmsg, secrets);
	return apiError(node, details, {
		message: redact(parts.message, secrets),
		description: redact(parts.description, secrets),
		itemIndex,
		httpCode: parts.details.httpStatus !== undefined ? String(parts.details.httpStatus) : undefined,
	});
}

/** The errcode WeCom answered, when `error` is the transport's error for such an answer. */
export function errcodeOf(error: unknown): number | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const errcode = error.context?.errcode;
	return typeof errcode === 'number' ? errcode : undefined;
}

/**
 * What an operation throws for a failed WeCom call: the transport's NodeApiError, with what the
 * user should know about this API when there is something to add; errcode and errmsg stay in
 * the context so flows can still branch on them. Anything else becomes a NodeOperationError.
 */
export function explainApiError(
	this: { getNode(): INode },
	error: unknown,
	itemIndex: number,
	explanation?: Explanation,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (!(error instanceof NodeApiError))
		return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
	if (!explanation) return error;
	return apiError(
		this.getNode(),
		{ ...(error.context as IDataObject), ...(explanation.context ?? {}) },
		{
			message: explanation.message ? `${error.message} — ${explanation.message}` : error.message,
			description: [explanation.description, error.description].filter(Boolean).join(' '),
			itemIndex,
			httpCode: error.httpCode ?? undefined,
		},
	);
}

function mayHaveDone(api: WeComApi): string {
	const risk = api.repeatRisk ? ` (a repeat could ${api.repeatRisk})` : '';
	return (
		`WeCom may have done it: the request reached WeCom (or a proxy) and the answer was lost, so ${api.name} was not sent again${risk}. ` +
		'Check in WeCom before running it again.'
	);
}

export function transportFailureParts(
	api: WeComApi,
	failure: TransportFailure,
	repeats: number,
): ErrorParts {
	const what = failure.status ? `HTTP ${failure.status}` : (failure.code ?? 'no answer');
	const tries = repeats > 0 ? ` after ${repeats + 1} attempts` : '';
	const mayHaveReachedWeCom = api.changesData && !failure.neverSent;
	return {
		message: `WeCom ${api.name}: request failed (${what})${tries}`,
		description: mayHaveReachedWeCom
			? mayHaveDone(api)
			: failure.neverSent
				? 'The request never reached WeCom (no connection could be made): check the Base URL of the credential, the network and any proxy between n8n and WeCom.'
				: 'Check the Base URL of the credential, the network and any proxy between n8n and WeCom.',
		details: {
			api: api.name,
			...(failure.status !== undefined ? { httpStatus: failure.status } : {}),
			...(mayHaveReachedWeCom ? { mayHaveReachedWeCom: true } : {}),
		},
	};
}

export function errcodeParts(api: WeComApi, errcode: number, errmsg: string): ErrorParts {
	const info = describeErrcode(errcode);
	const meaning = info ? ` (${info.meaning})` : '';
	// "System busy" on a call that changes data: WeCom does not say whether it was done.
	const mayHaveReachedWeCom = api.changesData && errcode === -1;
	const fix = info?.fix ?? `See https://developer.work.weixin.qq.com/devtool/query?e=${errcode}`;
	return {
		message: `WeCom ${api.name} failed: [${errcode}] ${errmsg}${meaning}`,
		description: mayHaveReachedWeCom ? `${fix} ${mayHaveDone(api)}` : fix,
		details: {
			api: api.name,
			errcode,
			errmsg,
			...(mayHaveReachedWeCom ? { mayHaveReachedWeCom: true } : {}),
		},
	};
}

/**
 * errcode 0 without the field WeCom's successful answer always carries (msgid, media_id, …): not
 * WeCom's answer as documented (a proxy answering `{}`, a cut answer), so not a success.
 */
export function incompleteAnswerParts(api: WeComApi, field: string): ErrorParts {
	const mayHaveReachedWeCom = api.changesData;
	return {
		message: `WeCom ${api.name}: the answer says errcode 0 but has no ${field}, which WeCom always returns when it succeeds`,
		description:
			'The answer did not come from WeCom as documented: something between n8n and WeCom (a proxy, a private deployment) answered, or the answer was cut. ' +
			(mayHaveReachedWeCom
				? mayHaveDone(api)
				: 'Check the Base URL of the credential and any proxy between n8n and WeCom.'),
		details: { api: api.name, ...(mayHaveReachedWeCom ? { mayHaveReachedWeCom: true } : {}) },
	};
}

/** The deadline passed before an attempt could start: nothing (more) was sent. */
export function deadlineParts(api: WeComApi, attemptsMade: number): ErrorParts {
	return {
		message:
			attemptsMade === 0
				? `WeCom ${api.name} was not sent: its deadline had passed before the request could start`
				: `WeCom ${api.name} was not sent again: its deadline passed before attempt ${attemptsMade + 1} could start`,
		description: 'Nothing was sent to WeCom after the deadline.',
		details: { api: api.name, deadlinePassed: true },
	};
}

/** gettoken failed (wrong secret, unreachable host, plain http refused): before any API call. */
export function tokenFailureParts(error: Error): ErrorParts {
	const errcode = (error as { errcode?: unknown }).errcode;
	const code = typeof errcode === 'number' ? errcode : undefined;
	return {
		message: error.message,
		description: (code !== undefined ? describeErrcode(code)?.fix : undefined) ?? '',
		details: { api: 'gettoken', ...(code !== undefined ? { errcode: code } : {}) },
	};
}
