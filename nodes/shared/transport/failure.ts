/**
 * What went wrong with one HTTP exchange, read from the structured fields of the error that
 * n8n's `helpers.httpRequest` throws (axios: `code`, `response.status`, the socket error in
 * `cause`). Never from message texts: n8n rewords those between versions.
 */
export interface TransportFailure {
	/** HTTP status when WeCom (or a proxy) answered with one. */
	status?: number;
	/** Node/axios error code such as ECONNREFUSED or ECONNRESET. */
	code?: string;
	/** True only when the request certainly never left this machine, so even a create may be resent. */
	neverSent: boolean;
	/** Worth another try for a pure read. */
	transient: boolean;
}

/** No connection was ever made: the request bytes cannot have reached anyone. */
const NEVER_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
/** The request may have been sent and processed; only the answer is missing. */
const ANSWER_LOST_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

type Link = { code?: unknown; response?: { status?: unknown }; cause?: unknown };

export function classifyFailure(error: unknown): TransportFailure {
	let status: number | undefined;
	let code: string | undefined;
	// axios keeps the socket error's code on itself; some versions leave it only on `cause`.
	let link = error as Link | undefined;
	for (let depth = 0; link && typeof link === 'object' && depth < 3; depth++) {
		if (status === undefined && typeof link.response?.status === 'number')
			status = link.response.status;
		if (
			code === undefined &&
			typeof link.code === 'string' &&
			/^E[A-Z_]+$/.test(link.code) &&
			link.code !== 'ERR_BAD_RESPONSE'
		) {
			code = link.code;
		}
		link = link.cause as Link | undefined;
	}
	if (status !== undefined) {
		return { status, neverSent: false, transient: status >= 500 };
	}
	const neverSent = code !== undefined && NEVER_SENT_CODES.has(code);
	const transient = neverSent || (code !== undefined && ANSWER_LOST_CODES.has(code));
	return { code, neverSent, transient };
}
