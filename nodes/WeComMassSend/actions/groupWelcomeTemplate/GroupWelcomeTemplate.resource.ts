import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../types';

export const groupWelcomeTemplate = {
	operations: {} satisfies ResourceOperations,
	description: [] as INodeProperties[],
};
