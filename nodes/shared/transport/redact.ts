/**
 * Secrets must never reach outputs, errors or logs. n8n copies request options (with the
 * access_token query) into its own errors, so every text we surface goes through here.
 */
const TOKEN_IN_URL = /(access_token|corpsecret)=[^&\s"']+/gi;

export function redact(text: string, secrets: Array<string | undefined> = []): string {
	let out = text.replace(TOKEN_IN_URL, '$1=***');
	for (const secret of secrets) {
		if (secret && secret.length >= 6) out = out.split(secret).join('***');
	}
	return out;
}
