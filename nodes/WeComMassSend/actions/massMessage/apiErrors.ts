import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export interface Explanation {
	/** Appended to the original message. */
	message?: string;
	/** Put before the original description. */
	description: string;
	/** Extra fields for flows that branch on the error (continueOnFail output, error workflows). */
	context?: JsonObject;
}

/** The errcode the transport put on its NodeApiError, if the error is one. */
export function errcodeOf(error: unknown): number | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const errcode = error.context?.errcode;
	return typeof errcode === 'number' ? errcode : undefined;
}

export function errmsgOf(error: unknown): string {
	return error instanceof NodeApiError ? String(error.context?.errmsg ?? '') : '';
}

/**
 * What to throw for a failed WeCom call: the transport's NodeApiError, with what the user should
 * know about this particular API when there is something to add. WeCom's errcode/errmsg stay in
 * the context so flows can still branch on them. Anything else becomes a NodeOperationError.
 */
export function explainApiError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	explanation?: Explanation,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (!(error instanceof NodeApiError)) return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
	if (!explanation) return error;
	const message = explanation.message ? `${error.message} — ${explanation.message}` : error.message;
	const description = [explanation.description, error.description].filter(Boolean).join(' ');
	const explained = new NodeApiError(this.getNode(), { ...(error.context as JsonObject) }, {
		message,
		description,
		itemIndex,
		httpCode: error.httpCode ?? undefined,
	});
	// NodeApiError rewrites some messages into generic sentences; this one is already specific.
	explained.message = message;
	Object.assign(explained.context, error.context, explanation.context ?? {});
	return explained;
}
