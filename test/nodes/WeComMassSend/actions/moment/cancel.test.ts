/** Moment → Cancel (cancel_moment_task): a write, never repeated after a lost answer. */
import { SEEDED_MOMENTS } from '../../../../../tools/sandbox/moments';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const cancel = (momentId: string) => ({ resource: 'moment', operation: 'cancel', momentId });

test('sends moment_id and reports the moment canceled', async () => {
	const result = await runMassSend(cancel(SEEDED_MOMENTS.company));
	expect(result.json()).toEqual([{ moment_id: SEEDED_MOMENTS.company, canceled: true }]);
	expect(apiCalls(sandbox()).map((c) => [c.path, bodyOf(c)])).toEqual([
		['/cgi-bin/externalcontact/cancel_moment_task', { moment_id: SEEDED_MOMENTS.company }],
	]);
});

test('a member’s own moment cannot be stopped: WeCom’s errcode reaches the item', async () => {
	const result = await runMassSend(cancel(SEEDED_MOMENTS.personal), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({ errcode: 40058, api: 'cancel_moment_task' });
});

test('after a lost answer the cancel is not sent again and the error says it may have reached WeCom', async () => {
	sandbox().fault({ api: 'cancel_moment_task', kind: 'doneThenReset' });
	const result = await runMassSend(cancel(SEEDED_MOMENTS.company), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({ api: 'cancel_moment_task', mayHaveReachedWeCom: true });
	expect(sandbox().callsTo('cancel_moment_task')).toHaveLength(1);
});

test('an empty Moment ID is refused before any request', async () => {
	const result = await runMassSend(cancel('={{ " " }}'), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({ field: 'momentId' });
	expect(apiCalls(sandbox())).toHaveLength(0);
});
