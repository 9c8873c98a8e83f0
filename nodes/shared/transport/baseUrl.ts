/** Where WeCom is: the default host, and the one path every call depends on (the token). */
export const ACCESS_GRANT_PATH = '/cgi-bin/gettoken';
export const DEFAULT_BASE_URL = 'https://qyapi.weixin.qq.com';

export function normalizeBaseUrl(baseUrl: unknown): string {
	const text =
		typeof baseUrl === 'string' && baseUrl.trim() !== '' ? baseUrl.trim() : DEFAULT_BASE_URL;
	return text.replace(/\/+$/, '');
}
