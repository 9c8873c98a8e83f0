import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { USER_NAMED_API } from '../../nodes/WeComMassSend/actions/operation';
import { findOperation, RESOURCES } from '../../nodes/WeComMassSend/actions/resources';
import { WeComMassSend } from '../../nodes/WeComMassSend/WeComMassSend.node';
import { TestCredentialsHelper } from './credentials';

export const PACKAGE = 'n8n-nodes-wecom-masssend';
export const MASS_SEND_TYPE = `${PACKAGE}.weComMassSend`;
export const CREDENTIAL_ID = 'wecom-cred-1';

const registry: Record<string, INodeType | IVersionedNodeType> = {
	[MASS_SEND_TYPE]: new WeComMassSend(),
};

/** Lets other test helpers (e.g. the trigger's) add node types to the same engine. */
export function registerNodeType(type: string, node: INodeType | IVersionedNodeType): void {
	registry[type] = node;
}

const nodeTypes: INodeTypes = {
	getByName: (type) => registry[type],
	getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(registry[type], version),
	getKnownTypes: () => ({}),
};

export const credentialsHelper = new TestCredentialsHelper();

export function useCredential(data: ICredentialDataDecryptedObject, id = CREDENTIAL_ID): void {
	credentialsHelper.set(id, { accessToken: '', validUntil: 0, ...data });
}

export interface NodeOptions {
	name?: string;
	continueOnFail?: boolean;
	credentialId?: string;
	type?: string;
}

/** A WeCom node as a saved workflow holds it. */
export function massSendNode(parameters: IDataObject, options: NodeOptions = {}): INode {
	return {
		id: `node-${options.name ?? 'WeCom'}`,
		name: options.name ?? 'WeCom',
		type: options.type ?? MASS_SEND_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { weComApi: { id: options.credentialId ?? CREDENTIAL_ID, name: 'WeCom sandbox' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
}

export interface RunResult {
	run: IRun;
	status: IRun['status'];
	/** The workflow-level error, if the run failed. */
	error?: Error & { description?: string; context?: IDataObject };
	items(nodeName?: string): INodeExecutionData[];
	json(nodeName?: string): IDataObject[];
}

const EXECUTION_ITEM = Symbol('executionItem');

/**
 * Marks a full n8n item (json plus binary) as input for `runNodes`/`runMassSend`; plain objects
 * given there stay what they were: the `json` of an item.
 */
export function inputItem(item: INodeExecutionData): IDataObject {
	return Object.assign({ ...item }, { [EXECUTION_ITEM]: true }) as unknown as IDataObject;
}

function toExecutionItem(entry: IDataObject): INodeExecutionData {
	if (!(entry as Record<symbol, unknown>)[EXECUTION_ITEM]) return { json: entry };
	const { json, binary, pairedItem } = entry as unknown as INodeExecutionData;
	return {
		json: json ?? {},
		...(binary ? { binary } : {}),
		...(pairedItem !== undefined ? { pairedItem } : {}),
	};
}

/**
 * Runs nodes through n8n-core's real WorkflowExecute, exactly as a manual execution does:
 * the first node gets `input` as its incoming items, the rest follow the connections.
 */
export async function runNodes(
	nodes: INode[],
	input: IDataObject[] = [{}],
	connections: IConnections = chain(nodes),
): Promise<RunResult> {
	const workflowData: IWorkflowBase = {
		id: 'engine-test',
		name: 'engine test',
		active: false,
		nodes,
		connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: 'engine-test',
		nodes,
		connections,
		nodeTypes,
		active: false,
	});

	const hooks = new ExecutionLifecycleHooks(
		'manual',
		`exec-${Date.now()}-${Math.random()}`,
		workflowData,
	);
	let finished!: (run: IRun) => void;
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));

	const additionalData = {
		credentialsHelper,
		hooks,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used by these tests');
		},
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not used by these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contactData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{
					node: nodes[0],
					data: { main: [input.map(toExecutionItem)] },
					source: null,
				},
			],
		},
	} as unknown as IRunExecutionData;

	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(
		workflow,
	);
	const run = await done;
	const runData = run.data.resultData.runData;
	const items = (nodeName = nodes[nodes.length - 1].name) =>
		runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
	return {
		run,
		status: run.status,
		error: run.data.resultData.error as RunResult['error'],
		items,
		json: (nodeName?: string) => items(nodeName).map((item) => item.json),
	};
}

function chain(nodes: INode[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = {
			main: [[{ node: nodes[i + 1].name, type: 'main' as never, index: 0 }]],
		};
	}
	return connections;
}

interface ObservedCall {
	method: string;
	path: string;
}

let observedCalls: (() => readonly ObservedCall[]) | undefined;

/** The sandbox's call log, so every run below can be checked against what its operation declares. */
export function observeApiCalls(source: (() => readonly ObservedCall[]) | undefined): void {
	observedCalls = source;
}

/**
 * Every WeCom API an operation calls must be one it declares: the declaration decides its retry
 * rule and its AI-agent opt-in, so an undeclared call would escape both. Checked on every run.
 */
function expectDeclaredCalls(parameters: IDataObject, calls: readonly ObservedCall[]): void {
	const resource = String(parameters.resource ?? 'massMessage');
	const operationValue = String(
		parameters.operation ?? RESOURCES.find((r) => r.value === resource)?.defaultOperation,
	);
	const operation = findOperation(resource, operationValue);
	if (!operation || operation.calls === USER_NAMED_API) return;
	const declared = new Set(operation.calls.map((api) => `${api.method} ${api.path}`));
	for (const call of calls) {
		const path = call.path.split('?')[0];
		if (!path.startsWith('/cgi-bin/') || path.endsWith('/gettoken')) continue;
		if (!declared.has(`${call.method} ${path}`)) {
			throw new Error(
				`${resource} → ${operationValue} called ${call.method} ${path}, which its operation file does not declare in "calls"`,
			);
		}
	}
}

/** Shorthand: one WeCom node with these parameters over these input items. */
export async function runMassSend(
	parameters: IDataObject,
	input: IDataObject[] = [{}],
	options: NodeOptions = {},
) {
	const before = observedCalls?.().length ?? 0;
	const result = await runNodes([massSendNode(parameters, options)], input);
	if (observedCalls) expectDeclaredCalls(parameters, observedCalls().slice(before));
	return result;
}
