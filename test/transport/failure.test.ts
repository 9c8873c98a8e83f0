import { classifyFailure } from '../../nodes/shared/transport/failure';
import { redact } from '../../nodes/shared/transport/redact';

const wrapped = (inner: object) => ({ message: 'wrapper', errorResponse: inner });

test('a refused connection never reached WeCom, so even a create may be resent', () => {
	const failure = classifyFailure(wrapped({ message: 'connect ECONNREFUSED 127.0.0.1:1', code: 'ECONNREFUSED' }));
	expect(failure).toMatchObject({ code: 'ECONNREFUSED', neverSent: true, transient: true });
});

test.each(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT'])('%s may have reached WeCom: transient, not "never sent"', (code) => {
	expect(classifyFailure(wrapped({ message: code, code }))).toMatchObject({ neverSent: false, transient: true });
});

test('HTTP 5xx is transient, 4xx is not', () => {
	expect(classifyFailure({ message: 'x', httpCode: '502' })).toMatchObject({ status: 502, transient: true });
	expect(classifyFailure({ message: 'x', response: { status: 404 } })).toMatchObject({ status: 404, transient: false });
});

test('redact removes tokens from URLs and every listed secret', () => {
	const text = 'GET https://qyapi/cgi-bin/x?access_token=abcDEF123&corpsecret=s3cr3t-value failed for s3cr3t-value';
	const out = redact(text, ['s3cr3t-value']);
	expect(out).not.toMatch(/abcDEF123|s3cr3t-value/);
	expect(out).toContain('access_token=***');
});

test('the code is recovered from the texts n8n keeps when it wraps an error', () => {
	const reset = { message: 'The connection to the server was closed unexpectedly, perhaps it is offline.', messages: ['socket hang up'] };
	expect(classifyFailure(reset)).toMatchObject({ code: 'ECONNRESET', neverSent: false, transient: true });
	const refused = { message: 'The service refused the connection - perhaps it is offline', messages: ['connect ECONNREFUSED 127.0.0.1:9'] };
	expect(classifyFailure(refused)).toMatchObject({ code: 'ECONNREFUSED', neverSent: true });
	expect(classifyFailure({ message: 'something nobody recognises' })).toMatchObject({ neverSent: false, transient: false });
});
