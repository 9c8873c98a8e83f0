import type { INodeProperties } from 'n8n-workflow';

import { acquisitionLink } from './acquisitionLink/AcquisitionLink.resource';
import { apiCall } from './apiCall/ApiCall.resource';
import { contactWay } from './contactWay/ContactWay.resource';
import { customer } from './customer/Customer.resource';
import { customerGroup } from './customerGroup/CustomerGroup.resource';
import { customerTag } from './customerTag/CustomerTag.resource';
import { customerTransfer } from './customerTransfer/CustomerTransfer.resource';
import { groupWelcomeTemplate } from './groupWelcomeTemplate/GroupWelcomeTemplate.resource';
import { massMessage } from './massMessage/MassMessage.resource';
import { media } from './media/Media.resource';
import { moment } from './moment/Moment.resource';
import type { Operation } from './operation';
import type { Resource } from './resource';
import { statistics } from './statistics/Statistics.resource';
import { welcomeMessage } from './welcomeMessage/WelcomeMessage.resource';

/** Every resource of the node, in the order of its dropdown: a new resource is one line here. */
export const RESOURCES: readonly Resource[] = [
	acquisitionLink,
	apiCall,
	contactWay,
	customer,
	customerGroup,
	customerTag,
	customerTransfer,
	groupWelcomeTemplate,
	massMessage,
	media,
	moment,
	statistics,
	welcomeMessage,
];

export function findOperation(resource: string, operation: string): Operation | undefined {
	return RESOURCES.find((candidate) => candidate.value === resource)?.operation(operation);
}

/** The node's parameters: the Resource dropdown, then each resource's operations and parameters. */
export const resourceProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map(({ name, value, description }) => ({ name, value, description })),
		default: 'massMessage',
	},
	...RESOURCES.flatMap((resource) => resource.properties),
];
