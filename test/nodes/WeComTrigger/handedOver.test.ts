/**
 * The trigger hands an event to n8n by returning it from webhook(); n8n 2.x then stores (or queues)
 * the execution and only then answers WeCom — or answers an error when it could not (the database
 * refused the write, Redis was down): n8n 2.41 awaits WorkflowRunner.run before its onReceived answer
 * and answers 500 "There was a problem executing the workflow" when that throws. WeCom then re-sends
 * the event, and that re-send must start the run, not be dropped as a duplicate.
 * The harness plays n8n's answer (`h.n8n`).
 */
import { PENDING_WAIT_MS, resetDedupeStores } from '../../../nodes/WeComTrigger/callback/dedupe';
import {
	addContactEvent,
	buildPost,
	eventXml,
	startTriggerHarness,
	type TriggerHarness,
} from '../../helpers/webhook';

let h: TriggerHarness;
beforeEach(async () => {
	resetDedupeStores();
	h = await startTriggerHarness();
});
afterEach(async () => await h.close());

let createTime = Math.floor(Date.now() / 1000) - 2;
/** One event; every call re-encrypts it with a new nonce, as WeCom's re-sends are. */
function eventOnce() {
	const inner = eventXml(
		addContactEvent({ CreateTime: createTime++, WelcomeCode: `WC-${createTime}` }),
	);
	return () => buildPost(inner);
}

async function until(condition: () => boolean) {
	for (let i = 0; i < 200 && !condition(); i++)
		await new Promise((resolve) => setTimeout(resolve, 10));
	expect(condition()).toBe(true);
}

test('n8n could not store the run: WeCom’s re-send of the event starts it', async () => {
	const send = eventOnce();
	h.n8n.status = 500;
	const first = send();
	const failed = await h.post(first.query, first.body);
	expect(failed.status).toBe(500);
	expect(failed.call!.result?.workflowData).toBeDefined();
	h.n8n.status = 200;
	const again = send();
	const resent = await h.post(again.query, again.body);
	expect(resent.status).toBe(200);
	expect(resent.call!.answeredByN8n).toBe(true);
	expect(h.started).toHaveLength(2);
	expect(h.started[1][0].eventKey).toBe(h.started[0][0].eventKey);
	// Stored now: a further re-send is a duplicate.
	const third = send();
	const dropped = await h.post(third.query, third.body);
	expect(dropped.status).toBe(200);
	expect(dropped.call!.result?.workflowData).toBeUndefined();
	expect(h.started).toHaveLength(2);
});

test('a re-send while n8n is still storing the first waits for it: stored, so it is answered and dropped', async () => {
	const send = eventOnce();
	h.n8n.delayMs = 800;
	const first = send();
	const pending = h.post(first.query, first.body);
	await until(() => h.calls.length === 1 && h.calls[0].result !== undefined);
	h.n8n.delayMs = 0;
	const again = send();
	const resent = await h.post(again.query, again.body);
	expect((await pending).status).toBe(200);
	expect(resent.status).toBe(200);
	expect(resent.call!.result?.workflowData).toBeUndefined();
	expect(resent.call!.elapsedMs).toBeGreaterThan(300);
	expect(h.started).toHaveLength(1);
});

test('a re-send while n8n is still storing the first waits for it: failed, so the re-send starts the run', async () => {
	const send = eventOnce();
	h.n8n.status = 500;
	h.n8n.delayMs = 800;
	const first = send();
	const pending = h.post(first.query, first.body);
	await until(() => h.calls.length === 1 && h.calls[0].result !== undefined);
	h.n8n.status = 200;
	h.n8n.delayMs = 0;
	const again = send();
	const resent = await h.post(again.query, again.body);
	expect((await pending).status).toBe(500);
	expect(resent.status).toBe(200);
	expect(resent.call!.answeredByN8n).toBe(true);
	expect(h.started).toHaveLength(2);
});

test('a re-send that n8n leaves waiting too long is answered 503, so WeCom tries again later', async () => {
	const send = eventOnce();
	h.n8n.delayMs = PENDING_WAIT_MS + 1500;
	const first = send();
	const pending = h.post(first.query, first.body);
	await until(() => h.calls.length === 1 && h.calls[0].result !== undefined);
	const again = send();
	const resent = await h.post(again.query, again.body);
	expect(resent.status).toBe(503);
	expect(resent.call!.result?.workflowData).toBeUndefined();
	expect((await pending).status).toBe(200);
	expect(h.started).toHaveLength(1);
}, 15_000);
