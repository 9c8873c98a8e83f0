import { baseUrlRefusal, plainHttpRefusal } from '../../../../nodes/shared/transport/baseUrlPolicy';

/** gettoken carries the corp secret in its query: plain http only where traffic stays on this machine. */
describe('plain http:// Base URLs', () => {
	test.each([
		'https://qyapi.weixin.qq.com',
		'http://127.0.0.1:8080',
		'http://127.0.0.53',
		'http://localhost:3000',
		'http://[::1]:8080',
		'http://[::ffff:127.0.0.1]:8080',
	])('%s is accepted', (url) => {
		expect(plainHttpRefusal(url)).toBeUndefined();
	});

	test.each([
		'http://qyapi.weixin.qq.com',
		'http://wecom-proxy.example.com',
		'http://8.8.8.8',
		'http://172.32.0.1',
		// Private ranges and names that only DNS makes local are not this machine.
		'http://10.1.2.3',
		'http://172.20.0.5:8000',
		'http://192.168.1.10',
		'http://[fd00::1]',
		'http://proxy.localhost',
	])('%s is refused with the reason', (url) => {
		expect(plainHttpRefusal(url)).toMatch(/unencrypted.*Use https:\/\//);
	});

	test('other schemes are refused', () => {
		expect(plainHttpRefusal('ftp://qyapi.weixin.qq.com')).toMatch(/must start with https:\/\//);
	});
});

/** Where the Secret may go: WeCom's host and this machine; any other host only when the credential says so. */
describe('Base URL hosts', () => {
	test.each([
		'https://qyapi.weixin.qq.com',
		'https://QYAPI.weixin.qq.com/',
		'https://qyapi.weixin.qq.com:443',
		'http://127.0.0.1:3999',
		'https://localhost:8443',
	])('%s is used without the setting', (url) => {
		expect(baseUrlRefusal(url, false)).toBeUndefined();
	});

	test.each([
		'https://wecom-proxy.example.com',
		'https://qyapi.weixin.qq.com.example.com',
		'https://qyapi.weixin.qq.com@example.com',
		'https://10.0.0.8',
	])('%s needs the setting, and the refusal names it', (url) => {
		expect(baseUrlRefusal(url, false)).toMatch(
			/not to WeCom \(qyapi\.weixin\.qq\.com\).*"Trust This Base URL With the Secret"/,
		);
		expect(baseUrlRefusal(url, true)).toBeUndefined();
	});

	test('the setting never allows plain http:// off this machine', () => {
		expect(baseUrlRefusal('http://wecom-proxy.example.com', true)).toMatch(/unencrypted/);
	});
});
