import { isIP } from 'node:net';

/**
 * The gettoken request carries the corp secret in its query string and every later call the
 * access token, so a Base URL with plain http:// would send both across the network in clear
 * text. Plain http is accepted only where the traffic cannot leave the machine or the private
 * network: loopback (a local sandbox, a reverse proxy on the same host) and private addresses.
 */
export function plainHttpRefusal(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return `The Base URL "${baseUrl}" of the WeCom API credential is not a URL; use https://qyapi.weixin.qq.com or your proxy's https:// address.`;
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol !== 'http:') {
		return `The Base URL of the WeCom API credential must start with https:// (it has ${url.protocol}).`;
	}
	if (isLocalHost(url.hostname)) return undefined;
	return (
		`The Base URL of the WeCom API credential uses plain http:// to ${url.hostname}: the Secret and the access token ` +
		'would cross the network unencrypted. Use https:// (WeCom: https://qyapi.weixin.qq.com). Plain http:// is accepted ' +
		'only for loopback and private-network hosts (127.0.0.0/8, ::1, localhost, 10/8, 172.16/12, 192.168/16, fc00::/7).'
	);
}

function isLocalHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (host === 'localhost' || host.endsWith('.localhost')) return true;
	const family = isIP(host);
	if (family === 4) {
		const [a, b] = host.split('.').map(Number);
		return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
	}
	if (family === 6) {
		if (host === '::1') return true;
		const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
		if (mapped) return isLocalHost(mapped[1]);
		return /^f[cd][0-9a-f]{2}:/.test(host);
	}
	return false;
}
