/**
 * WeCom Trigger 1.1 is version 1 under another number. n8n evaluates the expression
 * `$parameter["options"]["binaryData"]` for every request to a webhook node whose typeVersion is
 * exactly 1 (webhook-helpers `parseRequestBody`, both lines), which on n8n 2.x with lazy isolate
 * acquisition builds an isolate per callback (BENCHMARKS.md § 2c). New nodes get 1.1; workflows
 * saved with 1 keep working unchanged.
 */
import { WeComTrigger } from '../../../nodes/WeComTrigger/WeComTrigger.node';
import { resetDedupeStores } from '../../../nodes/WeComTrigger/callback/dedupe';
import {
	addContactEvent,
	buildPost,
	eventXml,
	startTriggerHarness,
	type TriggerHarness,
} from '../../helpers/webhook';

const description = new WeComTrigger().description;

test('new triggers get version 1.1, and workflows saved with version 1 still load', () => {
	expect(description.version).toEqual([1, 1.1]);
	expect(description.defaultVersion).toBe(1.1);
});

describe.each([
	// n8n hands a version-1 node the raw body always, a later version only for content types it
	// parses (text/xml is one): the reader path is what a later version sees for any other type.
	{ typeVersion: 1, rawBodyViaReader: false },
	{ typeVersion: 1.1, rawBodyViaReader: false },
	{ typeVersion: 1.1, rawBodyViaReader: true },
])('version $typeVersion (body via reader: $rawBodyViaReader)', (options) => {
	let h: TriggerHarness;
	beforeEach(async () => {
		resetDedupeStores();
		h = await startTriggerHarness(options);
	});
	afterEach(async () => await h.close());

	test('a customer-added callback starts the run with the same item', async () => {
		const createTime = Math.floor(Date.now() / 1000) - 1;
		const { query, body } = buildPost(
			eventXml(addContactEvent({ CreateTime: createTime, WelcomeCode: 'WC-version' })),
		);
		const answer = await h.post(query, body);
		expect(answer.status).toBe(200);
		expect(h.started).toHaveLength(1);
		expect(h.started[0][0]).toMatchObject({
			Event: 'change_external_contact',
			ChangeType: 'add_external_contact',
			WelcomeCode: 'WC-version',
		});
	});
});
