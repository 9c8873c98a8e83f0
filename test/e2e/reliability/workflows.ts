/** Workflows of the reliability suite, imported into the real n8n in one CLI call. */
export const PKG = 'n8n-nodes-wecom-masssend';
export const TRIGGER_TYPE = `${PKG}.weComTrigger`;
export const MASS_SEND_TYPE = `${PKG}.weComMassSend`;
export const CREDENTIAL = { id: 'wecom-rel', name: 'WeCom (reliability)' };

const credentials = { weComApi: CREDENTIAL };

type Credentials = { weComApi: { id: string; name: string } };

/** The welcome flow's WeCom Trigger (add_external_contact); the queue suite builds on it too. */
export function welcomeTriggerNode(
	id: string,
	webhookId: string,
	nodeCredentials: Credentials = credentials,
) {
	return {
		id: `${id}-t`,
		name: 'WeCom Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters: { events: ['add_external_contact'], options: {} },
		credentials: nodeCredentials,
	};
}

/** The welcome flow's WeCom node, Welcome Message → Send with the trigger's code. */
export function welcomeSendNode(id: string, x: number, nodeCredentials: Credentials = credentials) {
	return {
		id: `${id}-s`,
		name: 'Send Welcome',
		type: MASS_SEND_TYPE,
		typeVersion: 1,
		position: [x, 0],
		parameters: {
			resource: 'welcomeMessage',
			operation: 'send',
			welcomeCode: '={{ $json.WelcomeCode }}',
			text: 'Welcome %NICKNAME%, thanks for adding us!',
			options: {},
		},
		credentials: nodeCredentials,
	};
}

/** WeCom Trigger (add_external_contact) → WeCom, Welcome Message → Send. */
export function welcomeWorkflow(id: string, webhookId: string) {
	return {
		id,
		name: 'reliability: welcome new customers',
		nodes: [welcomeTriggerNode(id, webhookId), welcomeSendNode(id, 240)],
		connections: {
			'WeCom Trigger': { main: [[{ node: 'Send Welcome', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export interface ChainStep {
	name: string;
	parameters: Record<string, unknown>;
	/** n8n's "On Error: Continue": the package then outputs the error as an item. */
	continueOnError?: boolean;
}

/**
 * Manual Trigger → step 1 → step 2 → … (for `n8n execute`, which boots n8n once per run, so the
 * scenarios share one run). Every step runs once (Execute Once) whatever the items before it.
 */
export function chainWorkflow(id: string, steps: ChainStep[]) {
	const names = ['Manual', ...steps.map((s) => s.name)];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < names.length - 1; i++)
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return {
		id,
		name: `reliability: ${id}`,
		nodes: [
			{
				id: `${id}-m`,
				name: 'Manual',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...steps.map((step, i) => ({
				id: `${id}-${i + 1}`,
				name: step.name,
				type: MASS_SEND_TYPE,
				typeVersion: 1,
				position: [240 * (i + 1), 0],
				executeOnce: true,
				...(step.continueOnError ? { onError: 'continueRegularOutput' } : {}),
				parameters: step.parameters,
				credentials,
			})),
		],
		connections,
		settings: { executionOrder: 'v1' },
	};
}
