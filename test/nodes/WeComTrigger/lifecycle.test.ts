/**
 * The callback URL is entered by hand in WeCom's admin console, so the webhook lifecycle only
 * checks the credential: activation (or "Listen for test event") fails early with a clear message.
 */
import { runLifecycle, TEST_CREDENTIAL } from '../../helpers/webhook';

describe('webhookMethods.default through n8n-core HookContext', () => {
	test('a complete credential passes checkExists and create; delete always succeeds', async () => {
		await expect(runLifecycle('checkExists', TEST_CREDENTIAL)).resolves.toBe(true);
		await expect(runLifecycle('create', TEST_CREDENTIAL)).resolves.toBe(true);
		await expect(runLifecycle('delete', TEST_CREDENTIAL)).resolves.toBe(true);
	});

	test.each([
		['Callback Token', { ...TEST_CREDENTIAL, callbackToken: '' }],
		['Encoding AES Key', { ...TEST_CREDENTIAL, encodingAESKey: '' }],
		['Corp ID', { ...TEST_CREDENTIAL, corpId: '  ' }],
	])('a credential without %s fails activation naming the field', async (field, credential) => {
		await expect(runLifecycle('checkExists', credential)).rejects.toThrow(field);
	});

	test('a malformed Encoding AES Key fails activation without echoing the key', async () => {
		const bad = `${TEST_CREDENTIAL.encodingAESKey.slice(0, 40)}!!!`;
		const error = await runLifecycle('create', { ...TEST_CREDENTIAL, encodingAESKey: bad }).catch(
			(e: Error) => e,
		);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/43 characters/);
		expect((error as Error).message).not.toContain(bad);
		expect(JSON.stringify(error)).not.toContain(TEST_CREDENTIAL.callbackToken);
	});
});
