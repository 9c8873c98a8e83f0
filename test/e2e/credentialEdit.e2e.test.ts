/**
 * Issue 10 item 2, in a real n8n on both lines: the access token kept in the credential is bound
 * to the identity (Base URL, Corp ID, Secret) it was issued for. After a user edits the
 * credential through n8n's own REST route (what the editor's Save does: GET with includeData,
 * then PATCH with the changed fields and the rest as received — n8n restores the redacted
 * hidden token on save), the next execution uses a token issued for the new identity.
 *
 * Also shown here, with n8n's own credential store: a token obtained by one process is
 * persisted and reused by the next process (every `n8n execute` is a new process).
 *
 * Requires `npm run build`. Lines: N8N_E2E_LINES=1, 2 or 1,2 (default).
 */
import { N8nInstance } from '../../tools/n8n/instance';
import { ensureN8n } from '../../tools/n8n/install';
import { assertBuilt, packAndInstall } from '../../tools/n8n/package';
import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { LINES, PKG, setupOwner, type RestSession } from './support/scenarioKit';

const INSTALL_TIMEOUT = 20 * 60 * 1000;
const CREDENTIAL = { id: 'wecomEditCred001', name: 'WeCom (edited)', type: 'weComApi' };
const MSGID = 'msgCredentialEditE2E0001';
// n8n binds the auth cookie to the browser-id it was issued with: the one setupOwner() sends.
const BROWSER_ID = 'wecom-e2e-browser';

function workflow(line: string) {
	return {
		id: `credEdit${line}wf0000`,
		name: `credential edit ${line}`,
		active: false,
		settings: {},
		nodes: [
			{
				id: 'm1',
				name: 'Manual',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'w1',
				name: 'Member Tasks',
				type: `${PKG}.weComMassSend`,
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'massMessage',
					operation: 'getMemberTasks',
					msgId: MSGID,
					returnAll: true,
				},
				credentials: { weComApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
			},
		],
		connections: { Manual: { main: [[{ node: 'Member Tasks', type: 'main', index: 0 }]] } },
	};
}

async function rest(
	n8n: N8nInstance,
	session: RestSession,
	method: string,
	route: string,
	body?: unknown,
) {
	const res = await fetch(`${n8n.baseUrl}/rest/${route}`, {
		method,
		headers: {
			'content-type': 'application/json',
			'browser-id': BROWSER_ID,
			cookie: session.cookie,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(60000),
	});
	const text = await res.text();
	if (res.status !== 200)
		throw new Error(`${method} /rest/${route} answered ${res.status}: ${text.slice(0, 500)}`);
	const json = JSON.parse(text);
	return json.data ?? json;
}

describe.each(LINES)('n8n line %s', (line) => {
	let n8n: N8nInstance;
	let a: Sandbox;
	let b: Sandbox;

	beforeAll(async () => {
		assertBuilt();
		await ensureN8n(line);
		[a, b] = await Promise.all([
			startSandbox(),
			startSandbox({
				corpId: 'wwEditedCorp00000002',
				secret: 'edited-corp-secret-000000000000000000000000',
			}),
		]);
		for (const sandbox of [a, b])
			sandbox.seedMassMessage({ msgid: MSGID, members: 2, resultsPerMember: 1 });
		n8n = await N8nInstance.create({ line });
		await packAndInstall(n8n.userFolder);
		await n8n.importCredentials([
			{ ...CREDENTIAL, data: { corpId: a.config.corpId, secret: a.config.secret, baseUrl: a.url } },
		]);
		await n8n.importWorkflow(workflow(line));
	}, INSTALL_TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
		await Promise.all([a?.close(), b?.close()]);
	});

	const run = async () => {
		const res = await n8n.execute(workflow(line).id);
		expect(res.data?.data?.resultData?.error).toBeUndefined();
		return res.data.data.resultData.runData['Member Tasks'][0].data.main[0] as unknown[];
	};

	test('a token obtained in one process is persisted and reused by the next: one gettoken for both', async () => {
		expect(await run()).toHaveLength(2);
		expect(await run()).toHaveLength(2);
		const [token] = a.issuedTokens();
		expect(a.callsTo('gettoken')).toHaveLength(1);
		expect(
			a.callsTo('get_groupmsg_task').map((call) => [call.query.access_token, call.errcode]),
		).toEqual([
			[token, 0],
			[token, 0],
		]);
		console.log(
			`[credential-edit e2e line ${line}] 2 processes → gettoken ${a.callsTo('gettoken').length}`,
		);
	});

	test('after an edit through n8n’s REST route to another corp, the next call carries a token of the new corp', async () => {
		await n8n.start({ timeoutMs: 180000 });
		// setupOwner waits for n8n to mount its REST routes (/healthz answers seconds earlier).
		const session = await setupOwner(n8n, 120000);
		const stored = await rest(n8n, session, 'GET', `credentials/${CREDENTIAL.id}?includeData=true`);
		// What the editor received: the token and its binding redacted (n8n restores both on save).
		expect(stored.data.accessToken).not.toBe(a.issuedTokens()[0]);
		expect(stored.data.tokenIssuedFor).toBe(stored.data.accessToken);
		expect(stored.data.tokenIssuedFor).not.toMatch(/^[0-9a-f]{64}$/);
		await rest(n8n, session, 'PATCH', `credentials/${CREDENTIAL.id}`, {
			id: CREDENTIAL.id,
			name: stored.name,
			type: stored.type,
			data: { ...stored.data, corpId: b.config.corpId, secret: b.config.secret, baseUrl: b.url },
		});
		await n8n.stop();

		const callsToA = a.calls.length;
		expect(await run()).toHaveLength(2);
		expect(b.callsTo('gettoken')).toHaveLength(1);
		// The first and only call to the new corp already carries its own token: the old corp's
		// token, restored by n8n on save, was not sent (it would have been answered 40014).
		expect(
			b.callsTo('get_groupmsg_task').map((call) => [call.query.access_token, call.errcode]),
		).toEqual([[b.issuedTokens()[0], 0]]);
		expect(a.calls.length).toBe(callsToA);
		console.log(
			`[credential-edit e2e line ${line}] after the edit: ${b.callsTo('gettoken').length} gettoken at the new corp, 0 calls with the old token`,
		);
	});
});
