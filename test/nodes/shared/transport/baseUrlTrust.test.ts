/**
 * The Secret (gettoken) and every access token go to the credential's Base URL. Someone who may edit
 * the Base URL but not read the Secret must not be able to have it sent to their host: WeCom's own
 * host and this machine are used as they are, any other host only with the credential's
 * "Trust This Base URL With the Secret" setting.
 *
 * The stranger's host here is a TCP server on 127.0.0.1 reached under a public-looking name (DNS
 * answered by the test), so a connection attempt — the first step of sending the Secret — is seen.
 */
import dns from 'node:dns';
import net from 'node:net';

import {
	CREDENTIAL_ID,
	credentialsHelper,
	runMassSend,
	useCredential,
} from '../../../helpers/engine';
import { useSandbox } from '../../../helpers/sandbox';

const STRANGER_HOST = 'wecom-relay.example.com';
const currentSandbox = useSandbox();

let connections = 0;
let server: net.Server;
let port = 0;
const realLookup = dns.lookup;
beforeAll(async () => {
	server = net.createServer((socket) => {
		connections++;
		socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as net.AddressInfo).port;
	(dns as unknown as { lookup: unknown }).lookup = (
		host: string,
		options: unknown,
		callback: unknown,
	) => {
		const cb = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
		const opts = (typeof options === 'object' && options !== null ? options : {}) as {
			all?: boolean;
		};
		if (host !== STRANGER_HOST)
			return (realLookup as unknown as (...a: unknown[]) => void)(host, options, callback);
		if (opts.all) return cb(null, [{ address: '127.0.0.1', family: 4 }]);
		return cb(null, '127.0.0.1', 4);
	};
});
afterAll(async () => {
	(dns as unknown as { lookup: unknown }).lookup = realLookup;
	await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
	connections = 0;
});

const remind = async () =>
	await runMassSend({
		resource: 'massMessage',
		operation: 'remind',
		msgId: 'msgGCAAAXtWyujaWJHDDGi0mA',
	});

test('a Base URL at another host gets neither the Secret nor a token without the setting', async () => {
	const sandbox = currentSandbox();
	useCredential({
		corpId: sandbox.config.corpId,
		secret: sandbox.config.secret,
		baseUrl: `https://${STRANGER_HOST}:${port}`,
	});
	const result = await remind();
	expect(result.error?.message).toMatch(
		/points to wecom-relay\.example\.com, not to WeCom \(qyapi\.weixin\.qq\.com\)/,
	);
	expect(result.error?.message).toMatch(/"Trust This Base URL With the Secret"/);
	expect(JSON.stringify(result.run)).not.toContain(sandbox.config.secret);
	expect(connections).toBe(0);
});

test('an edited Base URL does not receive the token stored for the old one either', async () => {
	const sandbox = currentSandbox();
	await remind();
	const stored = credentialsHelper.store.get(CREDENTIAL_ID)!;
	expect(typeof stored.accessToken).toBe('string');
	credentialsHelper.set(CREDENTIAL_ID, { ...stored, baseUrl: `https://${STRANGER_HOST}:${port}` });
	const result = await remind();
	expect(result.error?.message).toMatch(/Trust This Base URL With the Secret/);
	expect(connections).toBe(0);
	expect(sandbox.callsTo('gettoken')).toHaveLength(1);
});

test('with the setting on, the host is used (a proxy or private deployment)', async () => {
	const sandbox = currentSandbox();
	useCredential({
		corpId: sandbox.config.corpId,
		secret: sandbox.config.secret,
		baseUrl: `https://${STRANGER_HOST}:${port}`,
		trustBaseUrl: true,
	});
	const result = await remind();
	expect(result.error?.message).toMatch(/Could not reach WeCom/);
	expect(connections).toBeGreaterThan(0);
});

test('plain http:// to a name is refused even with the setting; loopback (the sandbox) stays allowed', async () => {
	const sandbox = currentSandbox();
	useCredential({
		corpId: sandbox.config.corpId,
		secret: sandbox.config.secret,
		baseUrl: `http://${STRANGER_HOST}:${port}`,
		trustBaseUrl: true,
	});
	expect((await remind()).error?.message).toMatch(/plain http:\/\/ to wecom-relay\.example\.com/);
	expect(connections).toBe(0);
	useCredential({
		corpId: sandbox.config.corpId,
		secret: sandbox.config.secret,
		baseUrl: sandbox.url,
	});
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	expect(
		(await runMassSend({ resource: 'massMessage', operation: 'remind', msgId: msgid })).error,
	).toBeUndefined();
});
