/**
 * As an AI agent's tool, every operation that changes WeCom state refuses unless the user turned
 * on "Allow Use by AI Agents"; with the opt-in it runs. Reads need no opt-in.
 */
import type { IDataObject } from 'n8n-workflow';

import { WeComMassSend } from '../../nodes/WeComMassSend/WeComMassSend.node';
import type { Sandbox } from '../../sandbox';
import { MASS_SEND_TYPE, registerNodeType, runMassSend } from '../helpers/engine';
import { apiCalls, useSandbox } from '../helpers/sandbox';

const currentSandbox = useSandbox();
let sandbox: Sandbox;
beforeEach(() => {
	sandbox = currentSandbox();
});
const TOOL_TYPE = `${MASS_SEND_TYPE}Tool`;
registerNodeType(TOOL_TYPE, new WeComMassSend());

async function templateId(): Promise<string> {
	const created = await runMassSend({ resource: 'groupWelcomeTemplate', operation: 'create', text: 'Welcome %NICKNAME%!' });
	return created.json()[0].template_id as string;
}

/** Each case: the parameters and input of one operation, prepared against the sandbox. */
const CASES: Array<[string, string, () => Promise<{ parameters: IDataObject; input?: IDataObject[] }>]> = [
	['massMessage', 'remind', async () => ({ parameters: { msgId: sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 }) } })],
	['massMessage', 'cancel', async () => ({ parameters: { msgId: sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 }) } })],
	['groupWelcomeTemplate', 'create', async () => ({ parameters: { text: 'Welcome %NICKNAME%!' } })],
	['groupWelcomeTemplate', 'update', async () => ({ parameters: { templateId: await templateId(), text: 'Hello %NICKNAME%' } })],
	['groupWelcomeTemplate', 'delete', async () => ({ parameters: { templateId: await templateId() } })],
	['welcomeMessage', 'send', async () => ({ parameters: { text: 'Hi %NICKNAME%' }, input: [{ WelcomeCode: sandbox.issueWelcomeCode() }] })],
];

test.each(CASES)('%s → %s refuses as an agent tool without the opt-in, before any request', async (resource, operation, prepare) => {
	const { parameters, input } = await prepare();
	sandbox.resetCalls();
	const refused = await runMassSend({ resource, operation, ...parameters }, input, { type: TOOL_TYPE });
	expect(refused.error?.message).toMatch(/from an AI agent is off: turn on "Allow Use by AI Agents"/);
	expect(refused.error?.context?.field).toBe('options.allowAsAiTool');
	expect(apiCalls(sandbox)).toHaveLength(0);
});

test.each(CASES)('%s → %s runs as an agent tool with the opt-in', async (resource, operation, prepare) => {
	const { parameters, input } = await prepare();
	sandbox.resetCalls();
	const allowed = await runMassSend({ resource, operation, ...parameters, options: { allowAsAiTool: true } }, input, { type: TOOL_TYPE });
	expect(allowed.error).toBeUndefined();
	expect(apiCalls(sandbox).length).toBeGreaterThan(0);
});

test('the same operations need no opt-in outside an agent', async () => {
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	const result = await runMassSend({ resource: 'massMessage', operation: 'remind', msgId: msgid });
	expect(result.error).toBeUndefined();
});
