import { plainHttpRefusal } from '../../nodes/shared/transport/baseUrlPolicy';

/** gettoken carries the corp secret in its query: plain http only where traffic stays local. */
describe('plain http:// Base URLs', () => {
	test.each([
		'https://qyapi.weixin.qq.com',
		'http://127.0.0.1:8080',
		'http://localhost:3000',
		'http://[::1]:8080',
		'http://10.1.2.3',
		'http://172.20.0.5:8000',
		'http://192.168.1.10',
	])('%s is accepted', (url) => {
		expect(plainHttpRefusal(url)).toBeUndefined();
	});

	test.each(['http://qyapi.weixin.qq.com', 'http://wecom-proxy.example.com', 'http://8.8.8.8', 'http://172.32.0.1'])(
		'%s is refused with the reason',
		(url) => {
			expect(plainHttpRefusal(url)).toMatch(/unencrypted.*Use https:\/\//);
		},
	);

	test('other schemes are refused', () => {
		expect(plainHttpRefusal('ftp://qyapi.weixin.qq.com')).toMatch(/must start with https:\/\//);
	});
});
