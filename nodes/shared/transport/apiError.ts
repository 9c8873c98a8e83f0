import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { RepeatPolicy } from './endpoints';
import { describeErrcode } from './errcodes';
import type { TransportFailure } from './failure';
import { redact } from './redact';

/** Fields of a WeCom error that a flow can branch on (continueOnFail output, error context). */
export interface WeComErrorDetails {
	errcode?: number;
	errmsg?: string;
	api: string;
	/** HTTP status of the answer, when one came. */
	httpStatus?: number;
	/**
	 * The call changes WeCom state and its answer was lost: WeCom may have done it. It was not
	 * repeated; check in WeCom before running it again.
	 */
	mayHaveReachedWeCom?: boolean;
}

export interface ErrorParts {
	message: string;
	description: string;
	details: WeComErrorDetails;
}

/** A NodeApiError whose message, description and context hold no secret or token. */
export function weComApiError(node: INode, parts: ErrorParts, itemIndex: number, secrets: string[]): NodeApiError {
	const message = redact(parts.message, secrets);
	const error = new NodeApiError(node, { ...parts.details } as IDataObject as never, {
		message,
		description: redact(parts.description, secrets),
		itemIndex,
		httpCode: parts.details.httpStatus !== undefined ? String(parts.details.httpStatus) : undefined,
	});
	// NodeApiError swaps some messages for a generic sentence; ours already says which call failed and why.
	error.message = message;
	Object.assign(error.context, parts.details, parts.details.errmsg ? { errmsg: redact(parts.details.errmsg, secrets) } : {});
	return error;
}

const MAY_HAVE_DONE =
	'WeCom may have done it: the request reached WeCom (or a proxy) and the answer was lost, so it was not sent again ' +
	'(a repeat could remind members twice, create a second task or use a single-use code twice). Check in WeCom before running it again.';

export function transportFailureParts(label: string, policy: RepeatPolicy, failure: TransportFailure, repeats: number): ErrorParts {
	const what = failure.status ? `HTTP ${failure.status}` : (failure.code ?? 'no answer');
	const tries = repeats > 0 ? ` after ${repeats + 1} attempts` : '';
	const mayHaveDone = policy === 'once' && !failure.neverSent;
	return {
		message: `WeCom ${label}: request failed (${what})${tries}`,
		description: mayHaveDone
			? MAY_HAVE_DONE
			: failure.neverSent
				? 'The request never reached WeCom (no connection could be made): check the Base URL of the credential, the network and any proxy between n8n and WeCom.'
				: 'Check the Base URL of the credential, the network and any proxy between n8n and WeCom.',
		details: {
			api: label,
			...(failure.status !== undefined ? { httpStatus: failure.status } : {}),
			...(mayHaveDone ? { mayHaveReachedWeCom: true } : {}),
		},
	};
}

export function errcodeParts(label: string, policy: RepeatPolicy, errcode: number, errmsg: string): ErrorParts {
	const info = describeErrcode(errcode);
	const meaning = info ? ` (${info.meaning})` : '';
	// "System busy" on a call that changes state: WeCom does not say whether it was done.
	const mayHaveDone = policy === 'once' && errcode === -1;
	const fix = info?.fix ?? `See https://developer.work.weixin.qq.com/devtool/query?e=${errcode}`;
	return {
		message: `WeCom ${label} failed: [${errcode}] ${errmsg}${meaning}`,
		description: mayHaveDone ? `${fix} ${MAY_HAVE_DONE}` : fix,
		details: { api: label, errcode, errmsg, ...(mayHaveDone ? { mayHaveReachedWeCom: true } : {}) },
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
