/**
 * Every reason the trigger refuses a callback. The code picks the HTTP status and the short answer
 * text; the message is for n8n's log and must never carry the token, the key or decrypted text.
 */
export type CallbackErrorCode =
	| 'missing_param'
	| 'bad_signature'
	| 'bad_base64'
	| 'bad_padding'
	| 'bad_length'
	| 'wrong_receiver'
	| 'bad_xml'
	| 'too_large'
	| 'bad_method'
	| 'stale_timestamp'
	| 'in_progress'
	| 'bad_key';

const HTTP_STATUS: Record<CallbackErrorCode, number> = {
	missing_param: 400,
	bad_signature: 401,
	bad_base64: 400,
	bad_padding: 400,
	bad_length: 400,
	wrong_receiver: 403,
	bad_xml: 400,
	too_large: 413,
	bad_method: 405,
	// Signed correctly, but too old (or too far ahead) to be a delivery or a re-send: a replay.
	stale_timestamp: 403,
	// A re-send of an event whose first delivery n8n has not answered yet: WeCom tries again later.
	in_progress: 503,
	// The trigger itself is misconfigured (credential): not the caller's fault.
	bad_key: 500,
};

/** Short, generic answer bodies: they tell the caller what class of problem, nothing more. */
const ANSWER: Record<CallbackErrorCode, string> = {
	missing_param: 'Bad Request',
	bad_signature: 'Invalid signature',
	bad_base64: 'Bad Request',
	bad_padding: 'Bad Request',
	bad_length: 'Bad Request',
	wrong_receiver: 'Forbidden',
	bad_xml: 'Bad Request',
	too_large: 'Payload Too Large',
	bad_method: 'Method Not Allowed',
	stale_timestamp: 'Request expired',
	in_progress: 'Busy',
	bad_key: 'Trigger not configured',
};

export class CallbackError extends Error {
	readonly code: CallbackErrorCode;

	constructor(code: CallbackErrorCode, message: string) {
		super(message);
		this.name = 'CallbackError';
		this.code = code;
	}

	get httpStatus(): number {
		return HTTP_STATUS[this.code];
	}

	get answer(): string {
		return ANSWER[this.code];
	}
}

export function isCallbackError(error: unknown): error is CallbackError {
	return error instanceof CallbackError;
}
