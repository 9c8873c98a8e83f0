/**
 * Secrets must never reach outputs, errors or logs. n8n copies request options (with the
 * access_token query) into its own errors, so every text we surface goes through here.
 */
const TOKEN_IN_URL = /(access_token|corpsecret)=[^&\s"']+/gi;

/**
 * Replaces every listed secret (corp secret, callback token, AES key, access tokens) wherever it
 * appears. Short secrets too: a 4-character callback token is still a secret, and a message
 * with a few characters starred out is better than one that leaks.
 */
export function redact(text: string, secrets: Array<string | undefined> = []): string {
	let out = text.replace(TOKEN_IN_URL, '$1=***');
	// Longest first, so a secret that contains a shorter one is removed whole.
	const listed = [
		...new Set(
			secrets.filter((secret): secret is string => typeof secret === 'string' && secret !== ''),
		),
	];
	for (const secret of listed.sort((a, b) => b.length - a.length))
		out = out.split(secret).join('***');
	return out;
}
