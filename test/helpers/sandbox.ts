/** One WeCom sandbox per test file, reset to its seed state and an empty token cache before each test. */
import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { clearTokenCache } from '../../nodes/shared/transport/token';
import { observeApiCalls, useCredential } from './engine';

export function useSandbox(): () => Sandbox {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
		observeApiCalls(() => sandbox.calls);
	});
	afterAll(async () => {
		observeApiCalls(undefined);
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.reset();
		clearTokenCache();
		useCredential({
			corpId: sandbox.config.corpId,
			secret: sandbox.config.secret,
			baseUrl: sandbox.url,
		});
	});
	return () => sandbox;
}

/** The calls WeCom would have seen, token fetches excluded. */
export function apiCalls(sandbox: Sandbox) {
	return sandbox.calls.filter(
		(call) => call.path.startsWith('/cgi-bin/') && !call.path.endsWith('/gettoken'),
	);
}

export function bodyOf(call: { body: unknown }): Record<string, any> {
	return call.body as Record<string, any>;
}
