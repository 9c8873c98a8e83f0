/**
 * The WeCom sandbox: a loopback HTTP server that answers like qyapi.weixin.qq.com for every API
 * this package calls, plus /__sandbox control endpoints so out-of-process tests can steer it.
 */
import { createSandbox } from './server';
import type { Sandbox, SandboxOptions } from './types';

export * from './callback/events';
export * from './types';

export function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return createSandbox(options);
}
