import { isIP } from 'node:net';

/** WeCom's own API host: the one place the Secret goes without a setting. */
export const WECOM_API_HOST = 'qyapi.weixin.qq.com';

/** The credential setting that lets the Secret go to another host (its field name is a public contract). */
export const TRUST_BASE_URL_FIELD = 'trustBaseUrl';
export const TRUST_BASE_URL_LABEL = 'Trust This Base URL With the Secret';

function parse(baseUrl: string): URL | string {
	try {
		return new URL(baseUrl);
	} catch {
		return `The Base URL "${baseUrl}" of the WeCom API credential is not a URL; use https://${WECOM_API_HOST} or your proxy's https:// address.`;
	}
}

/**
 * The gettoken request carries the corp secret in its query string and every later call the
 * access token, so a Base URL with plain http:// would send both across the network in clear
 * text. Plain http is accepted only where the traffic cannot leave the machine: literal loopback
 * addresses and `localhost` (a local sandbox, a reverse proxy on the same host). Names that only
 * DNS makes local (`*.localhost`, a private range behind a name) are not.
 */
export function plainHttpRefusal(baseUrl: string): string | undefined {
	const url = parse(baseUrl);
	if (typeof url === 'string') return url;
	if (url.protocol === 'https:') return undefined;
	if (url.protocol !== 'http:') {
		return `The Base URL of the WeCom API credential must start with https:// (it has ${url.protocol}).`;
	}
	if (isLoopback(url.hostname)) return undefined;
	return (
		`The Base URL of the WeCom API credential uses plain http:// to ${url.hostname}: the Secret and the access token ` +
		`would cross the network unencrypted. Use https:// (WeCom: https://${WECOM_API_HOST}). Plain http:// is accepted ` +
		'only for loopback addresses (127.0.0.0/8, ::1) and localhost.'
	);
}

/**
 * Where the Secret (gettoken) and the access tokens (every call) may go: WeCom's own host, and this
 * machine (loopback, localhost). Any other host — a private WeCom deployment, a reverse proxy, a
 * sandbox elsewhere — only when the credential says so (`trustBaseUrl`), because whoever can edit
 * the Base URL but not read the Secret could otherwise have it sent to their own host.
 */
export function baseUrlRefusal(baseUrl: string, trusted: boolean): string | undefined {
	const insecure = plainHttpRefusal(baseUrl);
	if (insecure !== undefined) return insecure;
	const url = parse(baseUrl) as URL;
	const host = url.hostname.toLowerCase();
	if (host === WECOM_API_HOST || isLoopback(host) || trusted) return undefined;
	return (
		`The Base URL of the WeCom API credential points to ${host}, not to WeCom (${WECOM_API_HOST}): the Secret and the ` +
		`access tokens would be sent there. If ${host} is your private WeCom deployment, reverse proxy or sandbox, turn on ` +
		`"${TRUST_BASE_URL_LABEL}" in the credential; otherwise set the Base URL back to https://${WECOM_API_HOST}.`
	);
}

/** Literal loopback addresses and `localhost` itself: nothing that needs DNS to be local. */
export function isLoopback(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (host === 'localhost') return true;
	const family = isIP(host);
	if (family === 4) return host.split('.')[0] === '127';
	if (family === 6) {
		if (host === '::1') return true;
		const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
		if (mapped) return isLoopback(mapped[1]);
		// WHATWG URL writes an IPv4-mapped address in hex: ::ffff:7f00:1 is 127.0.0.1.
		const hex = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(host);
		if (hex) return parseInt(hex[1], 16) >> 8 === 127;
	}
	return false;
}
