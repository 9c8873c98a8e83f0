/**
 * The request an API Call user typed, checked before anything is sent: the path must name a WeCom
 * API under /cgi-bin/ on the credential's Base URL, and the access token is the credential's alone
 * (a token typed into the query would bypass the refresh and end up in saved workflows).
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const PATH_EXAMPLE = '/cgi-bin/externalcontact/get';
/** Every WeCom API path is made of these; anything else (spaces, %, ?, #, \) is a typo or an attack. */
const PATH_CHARS = /^[A-Za-z0-9_\-./]+$/;
const TOKEN_PARAMETER = 'access_token';

export function checkApiPath(value: unknown): Checked<string> {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) return { ok: false, reason: `is required, e.g. ${PATH_EXAMPLE}` };
	if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//')) {
		return {
			ok: false,
			reason: `must be a path such as ${PATH_EXAMPLE}, without https:// or a host: requests always go to the Base URL of the WeCom API credential`,
		};
	}
	if (/[?#]/.test(text)) {
		const token = new RegExp(`[?&#]${TOKEN_PARAMETER}=`, 'i').test(text);
		return {
			ok: false,
			reason: token
				? 'must not carry an access_token: the node adds the credential’s token itself and refreshes it when WeCom reports it expired'
				: 'must not contain "?" or "#": put query parameters under Query Parameters',
		};
	}
	const path = text.startsWith('/') ? text : `/${text}`;
	if (!path.startsWith('/cgi-bin/'))
		return { ok: false, reason: `must start with /cgi-bin/, e.g. ${PATH_EXAMPLE}` };
	const rest = path.slice('/cgi-bin/'.length);
	if (!PATH_CHARS.test(rest)) {
		return {
			ok: false,
			reason: 'may contain only letters, digits, "_", "-", "." and "/" after /cgi-bin/',
		};
	}
	const segments = rest.split('/');
	if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
		return {
			ok: false,
			reason: `must name one API below /cgi-bin/ without empty, "." or ".." parts, e.g. ${PATH_EXAMPLE}`,
		};
	}
	if (segments.join('/').toLowerCase() === 'gettoken') {
		return {
			ok: false,
			reason:
				'cannot be /cgi-bin/gettoken: the credential fetches and refreshes the access token itself',
		};
	}
	return { ok: true, value: path };
}

export interface QueryParameter {
	name?: unknown;
	value?: unknown;
}

export function checkQueryParameters(entries: QueryParameter[]): Checked<Record<string, string>> {
	const qs: Record<string, string> = {};
	for (let i = 0; i < entries.length; i++) {
		const name = typeof entries[i].name === 'string' ? (entries[i].name as string).trim() : '';
		if (!name) return { ok: false, reason: `parameter ${i + 1} has no name` };
		if (name.toLowerCase() === TOKEN_PARAMETER) {
			return {
				ok: false,
				reason:
					'must not contain access_token: the node adds the credential’s token itself and ' +
					'refreshes it when WeCom reports it expired',
			};
		}
		if (Object.prototype.hasOwnProperty.call(qs, name))
			return { ok: false, reason: `"${name}" is given twice` };
		const value = entries[i].value;
		if (value !== undefined && value !== null && typeof value === 'object') {
			return { ok: false, reason: `"${name}" is an object; query values are text or numbers` };
		}
		qs[name] = value === undefined || value === null ? '' : String(value);
	}
	return { ok: true, value: qs };
}

/** A JSON body as typed in the editor (text) or produced by an expression (object). */
export function checkJsonBody(value: unknown): Checked<Record<string, unknown>> {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return { ok: true, value: {} };
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return { ok: false, reason: `is not valid JSON (${(error as Error).message})` };
		}
	}
	if (parsed === undefined || parsed === null) return { ok: true, value: {} };
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		return {
			ok: false,
			reason: `must be a JSON object such as {"tag_id": []}; WeCom takes no ${Array.isArray(parsed) ? 'array' : typeof parsed} as a body`,
		};
	}
	return { ok: true, value: parsed as Record<string, unknown> };
}

/**
 * Words in the last path segment of WeCom APIs that change data. A few of those are GETs
 * (user/delete, department/delete, tag/delete, user/authsucc), so "GET" alone does not make a call
 * safe to send again after a lost answer: the first one may have done it.
 */
const CHANGING_WORDS = new Set([
	'add',
	'authsucc',
	'cancel',
	'close',
	'create',
	'del',
	'delete',
	'edit',
	'mark',
	'remind',
	'remove',
	'send',
	'set',
	'transfer',
	'update',
	'upload',
	'uploadimg',
]);

/** True when a call may be sent again after its answer was lost: a GET whose path names no change. */
export function isPureRead(method: 'GET' | 'POST', path: string): boolean {
	if (method !== 'GET') return false;
	const last = path.split('/').pop() ?? '';
	return !last
		.toLowerCase()
		.split(/[_-]/)
		.some((word) => CHANGING_WORDS.has(word) || word.startsWith('batch'));
}
