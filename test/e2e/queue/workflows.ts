/** Workflows of the queue-mode suite (test/e2e/queue.e2e.test.ts), imported into n8n main once. */
import { loadExample } from '../support/scenarioKit';
import { welcomeSendNode, welcomeTriggerNode } from '../reliability/workflows';

/** The examples' credential: the campaign example uses it as is. */
export const CREDENTIAL = { id: 'wecom-sandbox', name: 'WeCom (sandbox)' };
const credentials = { weComApi: CREDENTIAL };

/**
 * The trigger's `eventKey`: the same for every re-send of one event in every n8n process (a
 * re-delivery to another process has another receivedAt, so the whole item is no key).
 */
export const EVENT_KEY_EXPRESSION = '={{ $json.eventKey }}';

const trigger = (id: string, webhookId: string) => welcomeTriggerNode(id, webhookId, credentials);
const send = (id: string, x: number) => welcomeSendNode(id, x, credentials);

/** WeCom Trigger → Welcome Message → Send. */
export function welcomeWorkflow(id: string, webhookId: string) {
	return {
		id,
		name: 'queue: welcome new customers',
		nodes: [trigger(id, webhookId), send(id, 240)],
		connections: {
			'WeCom Trigger': { main: [[{ node: 'Send Welcome', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * WeCom Trigger → Remove Duplicates ("Remove Items Processed in Previous Executions", keyed by
 * the event) → Send: the documented setup for several n8n processes, whose in-memory
 * re-delivery filters cannot see each other. n8n keeps the seen keys in its database.
 */
export function dedupedWelcomeWorkflow(id: string, webhookId: string) {
	return {
		id,
		name: 'queue: welcome new customers, deduplicated across processes',
		nodes: [
			trigger(id, webhookId),
			{
				id: `${id}-d`,
				name: 'Once per Event',
				type: 'n8n-nodes-base.removeDuplicates',
				typeVersion: 2,
				position: [240, 0],
				parameters: {
					operation: 'removeItemsSeenInPreviousExecutions',
					logic: 'removeItemsWithAlreadySeenKeyValues',
					dedupeValue: EVENT_KEY_EXPRESSION,
					options: {},
				},
			},
			send(id, 480),
		],
		connections: {
			'WeCom Trigger': { main: [[{ node: 'Once per Event', type: 'main', index: 0 }]] },
			'Once per Event': { main: [[{ node: 'Send Welcome', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** examples/weekly-campaign.json as shipped: Run Now (Manual Trigger) → create → remind → tasks → report → rows. */
export function campaignExample() {
	return loadExample('weekly-campaign.json');
}

/**
 * The same campaign, started by a Webhook instead of by hand, so that in queue mode a worker runs
 * it; the webhook answers with the last node's items (the spreadsheet rows). A Webhook node's
 * production URL is /webhook/<webhookPath>.
 */
export function campaignOnWebhook(id: string, webhookId: string, webhookPath: string) {
	const wf = campaignExample();
	wf.id = id;
	wf.name = 'queue: weekly campaign started by a webhook';
	wf.nodes = wf.nodes
		.filter((n: any) => n.type !== 'n8n-nodes-base.scheduleTrigger')
		.map((n: any) =>
			n.name === 'Run Now'
				? {
						id: n.id,
						name: 'Run Now',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: n.position,
						webhookId,
						parameters: {
							httpMethod: 'POST',
							path: webhookPath,
							responseMode: 'lastNode',
							responseData: 'allEntries',
							options: {},
						},
					}
				: n,
		);
	delete wf.connections['Every Monday 10:00'];
	return wf;
}
