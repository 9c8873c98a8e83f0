import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';

import axios from 'axios';

import { classifyFailure } from '../../../../nodes/shared/transport/failure';

/**
 * "Was it sent?" is read from the structured fields of the errors n8n's request helper throws
 * (it is axios underneath, in n8n-core 1.x and 2.x): real errors from real sockets here.
 */
let server: Server;
let base: string;
beforeAll(async () => {
	server = createHttpServer((req, res) => {
		if (req.url === '/reset') return void req.socket.destroy();
		if (req.url === '/500') return void res.writeHead(500).end('boom');
		res.writeHead(404).end('{}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

async function errorOf(url: string): Promise<unknown> {
	try {
		await axios.get(url, { timeout: 5000 });
	} catch (error) {
		return error;
	}
	throw new Error(`expected ${url} to fail`);
}

async function closedPort(): Promise<number> {
	return await new Promise((resolve) => {
		const probe = createTcpServer();
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

test('a refused connection never left: even a call that changes state may be resent', async () => {
	const failure = classifyFailure(await errorOf(`http://127.0.0.1:${await closedPort()}/x`));
	expect(failure).toEqual({ code: 'ECONNREFUSED', neverSent: true, transient: true });
});

test('a dropped connection may have reached WeCom: transient for reads, never "never sent"', async () => {
	expect(classifyFailure(await errorOf(`${base}/reset`))).toEqual({
		code: 'ECONNRESET',
		neverSent: false,
		transient: true,
	});
});

test('HTTP 5xx is transient, 4xx is not; neither is "never sent"', async () => {
	expect(classifyFailure(await errorOf(`${base}/500`))).toEqual({
		status: 500,
		neverSent: false,
		transient: true,
	});
	expect(classifyFailure(await errorOf(`${base}/404`))).toEqual({
		status: 404,
		neverSent: false,
		transient: false,
	});
});

test('the code is found on the socket error a wrapper keeps in `cause`', () => {
	const wrapped = {
		message: 'wrapper',
		cause: { message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' },
	};
	expect(classifyFailure(wrapped)).toMatchObject({ code: 'ECONNREFUSED', neverSent: true });
});

test("n8n's English sentences are not read: without a structured code the call counts as possibly sent", () => {
	// These are the texts n8n 1.x substitutes for ECONNRESET / ECONNREFUSED; main recovered codes from them.
	const reset = {
		message: 'The connection to the server was closed unexpectedly, perhaps it is offline.',
		messages: ['socket hang up'],
	};
	const refused = {
		message: 'The service refused the connection - perhaps it is offline',
		messages: ['connect ECONNREFUSED 127.0.0.1:9'],
	};
	expect(classifyFailure(reset)).toEqual({ code: undefined, neverSent: false, transient: false });
	expect(classifyFailure(refused)).toEqual({ code: undefined, neverSent: false, transient: false });
});
