/**
 * Runs a node's `methods.listSearch` the way the editor's "From List" does it (n8n's
 * DynamicNodeParametersService): a LoadOptionsContext from n8n-core over a one-node workflow
 * holding the current parameters, with the same credential store as the engine tests.
 */
import type {
	IDataObject,
	INodeListSearchResult,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import { WeComMassSend } from '../../nodes/WeComMassSend/WeComMassSend.node';
import { MASS_SEND_TYPE, credentialsHelper, massSendNode } from './engine';

const nodeType = new WeComMassSend();

export async function listSearch(
	methodName: string,
	currentNodeParameters: IDataObject,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const node = massSendNode(currentNodeParameters, { name: 'Temp-Node' });
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: (_type: string, version?: number) =>
			NodeHelpers.getVersionedNodeType(nodeType, version),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper,
		currentNodeParameters: node.parameters,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const method =
		nodeType.methods.listSearch[methodName as keyof typeof nodeType.methods.listSearch];
	if (!method) throw new Error(`${MASS_SEND_TYPE} has no listSearch method ${methodName}`);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	return await method.call(context, filter, paginationToken);
}
