import { redact } from '../../../../nodes/shared/transport/redact';

test('redact removes tokens from URLs and every listed secret', () => {
	const text =
		'GET https://qyapi/cgi-bin/x?access_token=abcDEF123&corpsecret=s3cr3t-value failed for s3cr3t-value';
	const out = redact(text, ['s3cr3t-value']);
	expect(out).not.toMatch(/abcDEF123|s3cr3t-value/);
	expect(out).toContain('access_token=***');
});

test('secrets shorter than 6 characters are redacted too', () => {
	expect(redact('callback token tk9 was refused', ['tk9'])).toBe('callback token *** was refused');
});

test('an access token named in the list is removed wherever it appears, not only in a query', () => {
	const token = 'sandbox-access-token-0123456789';
	expect(redact(`token ${token} expired`, [token])).toBe('token *** expired');
});

test('a secret that contains a shorter listed secret is removed whole', () => {
	expect(redact('x LONGSECRET y', ['SECRET', 'LONGSECRET'])).toBe('x *** y');
});
