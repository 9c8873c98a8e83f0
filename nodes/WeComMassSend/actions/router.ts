import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { refuseAgentChange } from './agentUse';
import { USER_NAMED_API } from './operation';
import { findOperation } from './resources';
import type { ExecutionState } from './types';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const state: ExecutionState = { uploads: new Map() };

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const handler = findOperation(resource, operation);
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" of "${resource}" is not supported`,
					{
						itemIndex,
					},
				);
			}
			// API Call decides per call, from the API the user names; every other operation from its declaration.
			if (handler.changesData && handler.calls !== USER_NAMED_API)
				refuseAgentChange.call(this, itemIndex, handler.action);
			const results = await handler.execute.call(this, itemIndex, state);
			for (const json of results) output.push({ json, pairedItem });
		} catch (error) {
			if (!this.continueOnFail()) {
				throw error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
			output.push({ json: errorToJson(error), pairedItem });
		}
	}
	return [output];
}

/** Bookkeeping n8n itself keeps in an error's context; the rest is ours and goes to the item. */
const N8N_CONTEXT_KEYS = new Set([
	'itemIndex',
	'runIndex',
	'parameter',
	'type',
	'data',
	'nodeCause',
	'descriptionKey',
	'messageTemplate',
]);

/**
 * What a flow sees of a failed item with "Continue On Fail": the message, and every fact the
 * error carries that a flow can branch on (errcode, errmsg, api, field, createdMsgIds,
 * failedBatch, mayHaveReachedWeCom, …), as fields of the item rather than words in a sentence.
 */
function errorToJson(error: unknown): IDataObject {
	const { message, description, context } = error as {
		message?: string;
		description?: string;
		context?: IDataObject;
	};
	const json: IDataObject = { error: message ?? String(error) };
	if (description) json.description = description;
	for (const [key, value] of Object.entries(context ?? {})) {
		if (!N8N_CONTEXT_KEYS.has(key) && value !== undefined && !(key in json)) json[key] = value;
	}
	return json;
}
