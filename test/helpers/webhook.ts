/**
 * Drives the WeCom Trigger's real webhook() through n8n-core: a real Workflow, a real n8n-core
 * WebhookContext, and a real node:http server on 127.0.0.1 whose req/res go into the context the way
 * n8n's webhook server hands them over (raw bytes in `req.rawBody`, `req.query` parsed).
 *
 * Also builds callbacks with the WeCom-side encrypter of the sandbox (tools/sandbox/callback/crypto.ts,
 * written independently from the package's decrypt, so each checks the other), plus tools to build
 * deliberately broken callbacks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	INode,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { forgetAllSecrets } from '../../nodes/WeComTrigger/callback/secrets';
import { WeComTrigger } from '../../nodes/WeComTrigger/WeComTrigger.node';
import { encryptMessage, randomNonce, signature } from '../../tools/sandbox/callback/crypto';
import { TestCredentialsHelper } from './credentials';

export const TRIGGER_TYPE = 'n8n-nodes-wecom-masssend.weComTrigger';
export const WEBHOOK_ID = '5f0c1e0a-7d3b-4c5e-9a51-0d7e2b6c1a11';
export const CREDENTIAL_ID = 'wecom-trigger-cred';

/** A valid, made-up callback configuration (not WeCom's sample values). */
export const TEST_CREDENTIAL = {
	corpId: 'ww1234567890abcdef',
	secret: 'not-used-by-the-trigger',
	callbackToken: 'T0kenForTests',
	encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
	baseUrl: 'https://qyapi.weixin.qq.com',
};

/** WeCom's published URL-verification sample (facts file). */
export const WECOM_SAMPLE = {
	token: 'QDG6eK',
	corpId: 'wx5823bf96d3bd56c7',
	encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
	timestamp: '1409659589',
	nonce: '263014780',
	msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
	echostr:
		'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
	plaintext: '1616140317555161061',
};

// ---------------------------------------------------------------------------------------------
// WeCom's side: the sandbox's encrypter (WXBizMsgCrypt encrypt side) under the names these tests
// use, and fault builders
// ---------------------------------------------------------------------------------------------

export {
	encryptPadded as aesRaw,
	encryptMessage as encryptWeCom,
	pad32,
	plaintextOf,
	signature as signWeCom,
} from '../../tools/sandbox/callback/crypto';

export function envelopeXml(
	encrypt: string,
	toUserName = TEST_CREDENTIAL.corpId,
	agentId?: string,
): string {
	const agent = agentId === undefined ? '' : `<AgentID><![CDATA[${agentId}]]></AgentID>`;
	return `<xml><ToUserName><![CDATA[${toUserName}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt>${agent}</xml>`;
}

/** An event as WeCom writes it: strings in CDATA, numbers bare. */
export function eventXml(fields: Record<string, string | number>): string {
	const body = Object.entries(fields)
		.map(([name, value]) =>
			typeof value === 'number'
				? `<${name}>${value}</${name}>`
				: `<${name}><![CDATA[${value}]]></${name}>`,
		)
		.join('');
	return `<xml>${body}</xml>`;
}

export function addContactEvent(
	overrides: Record<string, string | number> = {},
): Record<string, string | number> {
	return {
		ToUserName: TEST_CREDENTIAL.corpId,
		FromUserName: 'sys',
		CreateTime: 1700000000,
		MsgType: 'event',
		Event: 'change_external_contact',
		ChangeType: 'add_external_contact',
		UserID: 'zhangsan',
		ExternalUserID: 'wmXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
		State: 'campaign-42',
		WelcomeCode: 'WELCOMECODE-abc123',
		...overrides,
	};
}

export interface SignedQuery {
	msg_signature: string;
	timestamp: string;
	nonce: string;
	[name: string]: string;
}

export function signedQuery(encrypted: string, token = TEST_CREDENTIAL.callbackToken): SignedQuery {
	const timestamp = String(Math.floor(Date.now() / 1000));
	const nonce = randomNonce();
	return { msg_signature: signature(token, timestamp, nonce, encrypted), timestamp, nonce };
}

/** A complete, valid POST callback for this inner XML. */
export function buildPost(
	innerXml: string,
	credential: { corpId: string; callbackToken: string; encodingAESKey: string } = TEST_CREDENTIAL,
): { query: SignedQuery; body: string; encrypt: string } {
	const encrypt = encryptMessage(credential.encodingAESKey, innerXml, credential.corpId);
	return {
		query: signedQuery(encrypt, credential.callbackToken),
		body: envelopeXml(encrypt, credential.corpId),
		encrypt,
	};
}

/** A POST whose Encrypt is given as is (for broken ciphertexts), correctly signed. */
export function buildPostWithEncrypt(encrypt: string): { query: SignedQuery; body: string } {
	return { query: signedQuery(encrypt), body: envelopeXml(encrypt) };
}

export function buildEcho(
	plaintext: string,
	credential: { corpId: string; callbackToken: string; encodingAESKey: string } = TEST_CREDENTIAL,
): SignedQuery {
	const echostr = encryptMessage(credential.encodingAESKey, plaintext, credential.corpId);
	return { ...signedQuery(echostr, credential.callbackToken), echostr };
}

// ---------------------------------------------------------------------------------------------
// n8n-core plumbing
// ---------------------------------------------------------------------------------------------

const triggerType = new WeComTrigger();
const nodeTypes: INodeTypes = {
	getByName: (type) => {
		if (type !== TRIGGER_TYPE) throw new Error(`Unknown node type ${type}`);
		return triggerType;
	},
	getByNameAndVersion: (type, version) => {
		if (type !== TRIGGER_TYPE) throw new Error(`Unknown node type ${type}`);
		return NodeHelpers.getVersionedNodeType(triggerType, version);
	},
	getKnownTypes: () => ({}),
};

export function triggerNode(
	parameters: IDataObject = {},
	id = 'trigger-node-1',
	typeVersion = 1,
): INode {
	return {
		id,
		name: 'WeCom Trigger',
		type: TRIGGER_TYPE,
		typeVersion,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: parameters as INode['parameters'],
		credentials: { weComApi: { id: CREDENTIAL_ID, name: 'WeCom test' } },
	};
}

/** What one HTTP request did inside the node. */
export interface WebhookCall {
	method: string;
	webhookName: string;
	result?: IWebhookResponseData;
	/** webhook() threw (must never happen). */
	thrown?: unknown;
	/** The response was complete by the time webhook() returned (the node answered itself). */
	answeredBeforeReturn: boolean;
	/** The node left the answer to n8n, which gave it after webhook() returned. */
	answeredByN8n?: boolean;
	/** Milliseconds spent in webhook(). */
	elapsedMs: number;
}

export interface HttpAnswer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
	text: string;
	call: WebhookCall | undefined;
}

export interface HarnessOptions {
	parameters?: IDataObject;
	credential?: ICredentialDataDecryptedObject;
	/** 'webhook' = production URL (active workflow); 'manual' = listening for a test event. */
	mode?: WorkflowExecuteMode;
	/** Like n8n for typeVersion > 1 webhooks: no rawBody, only readRawBody(). */
	rawBodyViaReader?: boolean;
	/** The trigger's version in the workflow (1 unless a test says otherwise). */
	typeVersion?: number;
	workflowId?: string;
	nodeId?: string;
}

export interface TriggerHarness {
	readonly baseUrl: string;
	readonly path: string;
	readonly calls: WebhookCall[];
	/** The credential store n8n would read from (edit it to play a credential change). */
	readonly credentials: TestCredentialsHelper;
	/** Every workflowData the node returned, i.e. every workflow n8n would have started. */
	readonly started: IDataObject[][];
	/**
	 * How "n8n" answers a request whose webhook() returned workflowData: 200 once it stored the
	 * execution, or an error status (n8n 2.x answers 500 when it could not store or queue it); after
	 * `delayMs` (n8n busy storing). Change it to play n8n failing after the trigger handed an event over.
	 */
	readonly n8n: { status: number; delayMs: number };
	request(
		method: string,
		query: Record<string, string> | string,
		body?: string | Buffer,
		headers?: http.OutgoingHttpHeaders,
	): Promise<HttpAnswer>;
	post(query: Record<string, string> | string, body: string | Buffer): Promise<HttpAnswer>;
	get(query: Record<string, string> | string): Promise<HttpAnswer>;
	close(): Promise<void>;
}

function queryString(query: Record<string, string> | string): string {
	return typeof query === 'string' ? query : new URLSearchParams(query).toString();
}

function expressLikeQuery(url: string): IDataObject {
	const params = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
	const query: IDataObject = {};
	for (const key of new Set(params.keys())) {
		const all = params.getAll(key);
		query[key] = all.length === 1 ? all[0] : all;
	}
	return query;
}

/** Starts the HTTP server that feeds requests into the trigger's webhook() via n8n-core. */
export async function startTriggerHarness(options: HarnessOptions = {}): Promise<TriggerHarness> {
	// Each harness is a new n8n process: no secrets kept from an earlier one.
	forgetAllSecrets();
	const credentialsHelper = new TestCredentialsHelper();
	credentialsHelper.set(CREDENTIAL_ID, options.credential ?? TEST_CREDENTIAL);
	const node = triggerNode(options.parameters ?? {}, options.nodeId, options.typeVersion);
	const workflowId = options.workflowId ?? 'wecom-trigger-test';
	const workflow = new Workflow({
		id: workflowId,
		name: 'WeCom trigger test',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: options.mode !== 'manual',
	});
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
	const descriptions = (nodeType.description.webhooks ?? []) as IWebhookDescription[];
	const path = `/webhook/${WEBHOOK_ID}/${descriptions[0].path}`;
	const mode = options.mode ?? 'webhook';
	const calls: WebhookCall[] = [];
	const started: IDataObject[][] = [];
	const n8n = { status: 200, delayMs: 0 };

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void (async () => {
				const url = req.url ?? '/';
				if (url.split('?')[0] !== path) {
					res.statusCode = 404;
					res.end('not a webhook path');
					return;
				}
				const raw = Buffer.concat(chunks);
				const request = req as http.IncomingMessage & IDataObject;
				request.query = expressLikeQuery(url);
				request.params = {};
				if (options.rawBodyViaReader) {
					request.readRawBody = async () => {
						request.rawBody = raw;
					};
				} else {
					request.rawBody = raw;
				}
				// n8n routes by method; anything but GET goes to the POST entry here so the node's own
				// method check can be exercised.
				const description =
					descriptions.find((d) => d.httpMethod === req.method) ??
					descriptions.find((d) => d.name === 'default')!;
				const additionalData = {
					credentialsHelper,
					httpRequest: request,
					httpResponse: res,
					restApiUrl: 'http://127.0.0.1/rest',
					instanceBaseUrl: 'http://127.0.0.1/',
					webhookBaseUrl: 'http://127.0.0.1/webhook',
					webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
					webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
					formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
					variables: {},
					currentNodeExecutionIndex: 0,
				} as unknown as IWorkflowExecuteAdditionalData;
				const webhookData: IWebhookData = {
					httpMethod: description.httpMethod as IHttpRequestMethods,
					node: node.name,
					path: `${WEBHOOK_ID}/${description.path}`,
					webhookDescription: description,
					workflowId,
					workflowExecuteAdditionalData: additionalData,
					webhookId: WEBHOOK_ID,
					isTest: mode === 'manual',
				};
				const context = new WebhookContext(
					workflow,
					node,
					additionalData,
					mode,
					webhookData,
					[],
					null,
				);
				const call: WebhookCall = {
					method: req.method ?? '',
					webhookName: description.name,
					answeredBeforeReturn: false,
					elapsedMs: 0,
				};
				calls.push(call);
				const began = process.hrtime.bigint();
				try {
					call.result = await nodeType.webhook!.call(context);
				} catch (error) {
					call.thrown = error;
				}
				call.elapsedMs = Number(process.hrtime.bigint() - began) / 1e6;
				call.answeredBeforeReturn = res.writableEnded;
				if (call.result?.workflowData !== undefined) {
					started.push(call.result.workflowData.flat().map((item) => item.json));
				}
				if (
					!res.writableEnded &&
					call.thrown === undefined &&
					call.result?.workflowData !== undefined &&
					call.result.noWebhookResponse !== true
				) {
					// n8n's part in `onReceived` mode once it has stored (2.x) or started (1.x) the execution:
					// 200 with the body `responseData` names — none for 'noData'; or the error it answers
					// when storing the execution failed.
					const { status, delayMs } = n8n;
					if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
					call.answeredByN8n = true;
					res.statusCode = status;
					if (status !== 200)
						res.end(
							JSON.stringify({ code: 0, message: 'There was a problem executing the workflow' }),
						);
					else
						res.end(
							description.responseData === 'noData'
								? undefined
								: JSON.stringify({ message: 'Workflow was started' }),
						);
				}
				if (!res.writableEnded) {
					// n8n would answer a thrown error with 500 and its message; make any such gap loud.
					res.statusCode = 599;
					res.end('harness: the node did not answer');
				}
			})();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const baseUrl = `http://127.0.0.1:${port}${path}`;

	const request = async (
		method: string,
		query: Record<string, string> | string,
		body?: string | Buffer,
		headers: http.OutgoingHttpHeaders = {},
	): Promise<HttpAnswer> => {
		const before = calls.length;
		const qs = queryString(query);
		const answer = await new Promise<Omit<HttpAnswer, 'call'>>((resolve, reject) => {
			const outgoing = http.request(
				`${baseUrl}${qs === '' ? '' : `?${qs}`}`,
				{
					method,
					headers: {
						...(body === undefined
							? {}
							: { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body) }),
						...headers,
					},
					agent: false,
				},
				(response) => {
					const parts: Buffer[] = [];
					response.on('data', (chunk: Buffer) => parts.push(chunk));
					response.on('end', () => {
						const bytes = Buffer.concat(parts);
						resolve({
							status: response.statusCode ?? 0,
							headers: response.headers,
							body: bytes,
							text: bytes.toString('utf8'),
						});
					});
					response.on('error', reject);
				},
			);
			outgoing.on('error', reject);
			if (body !== undefined) outgoing.write(body);
			outgoing.end();
		});
		return { ...answer, call: calls.length > before ? calls[calls.length - 1] : undefined };
	};

	return {
		baseUrl,
		path,
		calls,
		credentials: credentialsHelper,
		started,
		n8n,
		request,
		post: async (query, body) => await request('POST', query, body),
		get: async (query) => await request('GET', query),
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** Runs the node's webhookMethods.default.<method> through a real n8n-core HookContext. */
export async function runLifecycle(
	method: 'checkExists' | 'create' | 'delete',
	credential: ICredentialDataDecryptedObject,
): Promise<boolean> {
	const credentialsHelper = new TestCredentialsHelper();
	credentialsHelper.set(CREDENTIAL_ID, credential);
	const node = triggerNode();
	const workflow = new Workflow({
		id: 'wecom-lifecycle',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
	});
	const additionalData = {
		credentialsHelper,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new HookContext(workflow, node, additionalData, 'trigger', 'activate');
	const fn = triggerType.webhookMethods!.default![method];
	return await fn.call(context);
}
