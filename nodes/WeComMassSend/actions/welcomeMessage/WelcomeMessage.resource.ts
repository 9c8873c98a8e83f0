import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../types';

export const welcomeMessage = {
	operations: {} satisfies ResourceOperations,
	description: [] as INodeProperties[],
};
