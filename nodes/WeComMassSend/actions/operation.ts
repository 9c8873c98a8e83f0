import type { INodeProperties } from 'n8n-workflow';

import type { WeComApi } from '../../shared/transport/api';
import type { OperationExecute } from './types';

/** API Call: the user names the API, so whether a call changes data is known only per call. */
export const USER_NAMED_API = 'userNamed';

/**
 * Everything about one operation, in its own file: its dropdown entry, its parameters, its code,
 * and the WeCom APIs it calls. From the APIs follow whether it changes data, hence its
 * "Allow Use by AI Agents" option and gate (resource.ts, router.ts); each API's own declaration
 * decides the transport's retry rule.
 */
export interface OperationDefinition {
	/** Saved in workflows: never renamed. */
	value: string;
	name: string;
	/** n8n's action text, e.g. "Create a mass message"; also names the operation in the agent gate. */
	action: string;
	/** The dropdown's description, with WeCom's console term in Chinese. */
	description: string;
	/** Every WeCom API the operation may call. */
	calls: readonly WeComApi[] | typeof USER_NAMED_API;
	/** Its parameters; the resource shows them for this operation only. */
	properties: INodeProperties[];
	execute: OperationExecute;
	/** The opt-in's wording where "may <action>" says too little (API Call). */
	agentOptIn?: string;
}

export interface Operation extends OperationDefinition {
	/** Whether the operation may change data in WeCom: any of its APIs does, or the user names it. */
	changesData: boolean;
}

export function defineOperation(definition: OperationDefinition): Operation {
	const { calls } = definition;
	return {
		...definition,
		changesData: calls === USER_NAMED_API || calls.some((api) => api.changesData),
	};
}
