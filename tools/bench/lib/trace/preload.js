'use strict';
/**
 * Loaded into n8n with NODE_OPTIONS=--require by `npm run bench:latency -- --trace` (never shipped):
 * times the parts of one callback → send inside n8n's process, for our chain and n8n's own, so the
 * benchmark can say where a chain spends its wall time (BENCHMARKS.md § 2c).
 *
 * It wraps, as n8n loads them, the webhook() of the triggers (WeCom Trigger, n8n's Webhook, the
 * bench's minimal trigger) and the execute() of the next node (WeCom, HTTP Request), and inside an
 * execute() the context's getCredentials and request helpers. Each record names the welcome code
 * it served (from the trigger's output or the `code` query parameter), so the bench joins them with
 * the time it sent the callback and the time the sandbox saw the send. Records go to the file in
 * WECOM_BENCH_TRACE as JSON lines, flushed every 200 ms.
 */
const fs = require('node:fs');
const Module = require('node:module');
const { performance } = require('node:perf_hooks');

const OUT = process.env.WECOM_BENCH_TRACE;
// n8n 2.x spawns its task runner with NODE_OPTIONS too: nothing of interest runs there.
const ACTIVE = Boolean(OUT) && !process.argv.some((a) => a.includes('task-runner'));

const now = () => performance.timeOrigin + performance.now();
let buffer = [];
function record(entry) {
	buffer.push(JSON.stringify(entry));
}
function flush() {
	if (buffer.length === 0) return;
	const lines = buffer.join('\n') + '\n';
	buffer = [];
	fs.appendFileSync(OUT, lines);
}
if (ACTIVE) {
	setInterval(flush, 200).unref();
	process.on('exit', flush);
}

/** The welcome code a context serves: in the trigger's output, or in the callback's query. */
function codeOfItems(items) {
	const json = items?.[0]?.json;
	if (!json) return undefined;
	if (typeof json.WelcomeCode === 'string') return json.WelcomeCode;
	if (json.query && typeof json.query.code === 'string') return json.query.code;
	return undefined;
}

/** Wraps an async method so each call becomes a record with wall and process CPU time. */
function timeAsync(fn, describe) {
	return async function traced(...args) {
		const start = now();
		const cpu = process.cpuUsage();
		const entry = describe.call(this, args);
		try {
			const result = await fn.apply(this, args);
			entry.after?.call(this, result, entry);
			return result;
		} finally {
			const used = process.cpuUsage(cpu);
			entry.start = start;
			entry.end = now();
			entry.cpu = (used.user + used.system) / 1000;
			delete entry.after;
			record(entry);
		}
	};
}

function wrapWebhook(proto, node) {
	if (!proto?.webhook || proto.webhook.__traced) return;
	const original = proto.webhook;
	proto.webhook = timeAsync(original, function () {
		let code;
		try {
			const query = this.getRequestObject().query ?? {};
			if (typeof query.code === 'string') code = query.code;
		} catch {}
		return {
			kind: 'webhook',
			node,
			code,
			after(result, entry) {
				entry.code ??= codeOfItems(result?.workflowData?.[0]);
			},
		};
	});
	proto.webhook.__traced = true;
}

/** Times the helpers an execute() calls, as parts of that execute's record. */
function instrumentContext(ctx, parts) {
	const timePart = (owner, name, label) => {
		const fn = owner?.[name];
		if (typeof fn !== 'function') return;
		owner[name] = async function (...args) {
			const start = now();
			try {
				return await fn.apply(this, args);
			} finally {
				parts.push({ part: label, start, end: now() });
			}
		};
	};
	timePart(ctx, 'getCredentials', 'getCredentials');
	timePart(ctx.helpers, 'httpRequest', 'request');
	timePart(ctx.helpers, 'request', 'request');
	timePart(ctx.helpers, 'httpRequestWithAuthentication', 'requestWithAuthentication');
}

function wrapExecute(proto, node) {
	if (!proto?.execute || proto.execute.__traced) return;
	const original = proto.execute;
	proto.execute = timeAsync(original, function () {
		const parts = [];
		try {
			instrumentContext(this, parts);
		} catch {}
		return { kind: 'execute', node, code: codeOfItems(this.getInputData?.()), parts };
	});
	proto.execute.__traced = true;
}

/**
 * WECOM_BENCH_TRACE_ISOLATES=1: records who makes n8n take an expression isolate (the expression
 * and the stack of the first evaluations that needed one), to find what a chain pays an isolate for.
 */
let isolateStacks = 0;
function wrapEvaluator(proto) {
	if (!proto?.acquireBridgeSync || proto.acquireBridgeSync.__traced) return;
	const evaluate = proto.evaluate;
	proto.evaluate = function (expression, ...rest) {
		const caller = rest[1];
		const needsBridge = !this.bridgesByCaller?.has?.(caller);
		if (needsBridge && isolateStacks < 40) {
			isolateStacks++;
			record({
				kind: 'isolate',
				expression: String(expression).slice(0, 200),
				stack: new Error().stack.split('\n').slice(2, 14).join('\n'),
				start: now(),
			});
		}
		return evaluate.call(this, expression, ...rest);
	};
	proto.acquireBridgeSync.__traced = true;
}

const TARGETS = [
	{
		match: /expression-runtime[\\/]dist[\\/]cjs[\\/]evaluator[\\/]expression-evaluator\.js$/,
		apply: (e) =>
			process.env.WECOM_BENCH_TRACE_ISOLATES && wrapEvaluator(e.ExpressionEvaluator?.prototype),
	},
	{
		match: /WeComTrigger\.node\.js$/,
		apply: (e) => wrapWebhook(e.WeComTrigger?.prototype, 'wecomTrigger'),
	},
	{
		match: /WeComMassSend\.node\.js$/,
		apply: (e) => wrapExecute(e.WeComMassSend?.prototype, 'wecomSend'),
	},
	{
		match: /BenchMinimalTrigger\.node\.js$/,
		apply: (e) => wrapWebhook(e.BenchMinimalTrigger?.prototype, 'minimalTrigger'),
	},
	{
		match: /nodes[\\/]Webhook[\\/]Webhook\.node\.js$/,
		apply: (e) => wrapWebhook(e.Webhook?.prototype, 'webhook'),
	},
	{
		match: /HttpRequestV3\.node\.js$/,
		apply: (e) => wrapExecute(e.HttpRequestV3?.prototype, 'httpRequest'),
	},
	{
		match: /nodes[\\/]NoOp[\\/]NoOp\.node\.js$/,
		apply: (e) => wrapExecute(e.NoOp?.prototype, 'noOp'),
	},
];

if (ACTIVE) {
	const load = Module._load;
	Module._load = function (request, parent, isMain) {
		const exported = load.apply(this, arguments);
		if (/node(\.js)?$|Webhook|HttpRequestV3|NoOp|evaluator/.test(request)) {
			let filename = '';
			try {
				filename = Module._resolveFilename(request, parent, isMain);
			} catch {}
			for (const target of TARGETS) {
				if (target.match.test(filename)) {
					try {
						target.apply(exported);
					} catch {}
				}
			}
		}
		return exported;
	};
}
