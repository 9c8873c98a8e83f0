/**
 * Benchmark 1 — callback crypto: verify + decrypt + parse of add_external_contact callbacks on one
 * core, this package's callback modules (the functions handler.ts calls, in the same order) vs
 * @wecom/crypto (getSignature + decrypt) on the same 1,000 sandbox-built callbacks.
 *
 *   npm run bench:crypto [-- --rounds 7 --round-ms 400 --profile]
 */
import { decrypt as theirDecrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';

import { decryptFor, strictUtf8 } from '../../nodes/WeComTrigger/callback/cipher';
import { verifySignature } from '../../nodes/WeComTrigger/callback/signature';
import { parseEnvelope, parseEvent } from '../../nodes/WeComTrigger/callback/xml';
import { startSandbox } from '../sandbox';
import { argValue, hasFlag, machineLine } from './lib/machine';
import { profile } from './lib/profile';
import { fmt, printTable, ratio } from './lib/table';
import { medianRatio, throughput, type Contender } from './lib/timing';

const COUNT = Number(argValue('count', '1000'));
const ROUNDS = Number(argValue('rounds', '7'));
const ROUND_MS = Number(argValue('round-ms', '400'));
const WARMUP_MS = Number(argValue('warmup-ms', '1000'));

interface Input {
	signature: string;
	timestamp: string;
	nonce: string;
	/** The POST body as n8n hands it over (rawBody is a Buffer). */
	raw: Buffer;
	/** <Encrypt> pre-extracted: @wecom/crypto takes the ciphertext, not the body. */
	encrypt: string;
	plaintextXml: string;
}

interface Secrets {
	corpId: string;
	callbackToken: string;
	encodingAESKey: string;
}

/** handler.ts's handleEvent, crypto and parsing part: body text → envelope → signature → decrypt → event. */
function ours(secrets: Secrets, input: Input) {
	const text = strictUtf8(input.raw);
	if (text === undefined) throw new Error('bad utf-8');
	const envelope = parseEnvelope(text);
	if (
		!verifySignature(
			secrets.callbackToken,
			input.timestamp,
			input.nonce,
			envelope.encrypt,
			input.signature,
		)
	) {
		throw new Error('bad signature');
	}
	return parseEvent(decryptFor(secrets.encodingAESKey, envelope.encrypt, secrets.corpId));
}

/** @wecom/crypto as its README shows it: signature compared with ===, then decrypt. */
function theirs(secrets: Secrets, input: Input) {
	if (
		getSignature(secrets.callbackToken, input.timestamp, input.nonce, input.encrypt) !==
		input.signature
	) {
		throw new Error('bad signature');
	}
	return theirDecrypt(secrets.encodingAESKey, input.encrypt);
}

/** What a handler built on @wecom/crypto also has to do: get <Encrypt> out of the body and parse the event. */
const plainParser = new XMLParser();
function theirsWithXml(secrets: Secrets, input: Input) {
	const envelope = plainParser.parse(input.raw.toString('utf8')) as { xml: { Encrypt: string } };
	const encrypt = envelope.xml.Encrypt;
	if (
		getSignature(secrets.callbackToken, input.timestamp, input.nonce, encrypt) !== input.signature
	) {
		throw new Error('bad signature');
	}
	const { message, id } = theirDecrypt(secrets.encodingAESKey, encrypt);
	if (id !== secrets.corpId) throw new Error('wrong receiver');
	return plainParser.parse(message);
}

function mutate(text: string): string {
	// Flip one base64 character in the middle: another ciphertext of the same length.
	const i = text.length >> 1;
	return text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
}

async function main() {
	console.log(`## bench:crypto — ${machineLine()}`);
	const sandbox = await startSandbox();
	const secrets: Secrets = sandbox.config;
	const inputs: Input[] = [];
	for (let i = 0; i < COUNT; i++) {
		const built = sandbox.buildCallback(
			sandbox.addExternalContactEvent({ userId: `member${i % 50}` }),
		);
		const encrypt = /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(built.body)![1];
		inputs.push({
			signature: built.query.msg_signature,
			timestamp: built.query.timestamp,
			nonce: built.query.nonce,
			raw: Buffer.from(built.body, 'utf8'),
			encrypt,
			plaintextXml: built.plaintextXml,
		});
	}
	// Callbacks for another corp (right token and key, wrong receive id) and with bad padding.
	const foreign = sandbox.buildCallback(sandbox.addExternalContactEvent(), {
		receiveId: 'wwSomeOtherCorp0001',
	});
	await sandbox.close();

	// Same answers on every input before any timing.
	for (const input of inputs) {
		const a = ours(secrets, input);
		const b = theirs(secrets, input);
		if (
			b.message !== input.plaintextXml ||
			a.WelcomeCode !== /WelcomeCode><!\[CDATA\[([^\]]*)/.exec(b.message)![1]
		) {
			throw new Error('the two implementations disagree');
		}
	}

	const verdict = (fn: () => unknown) => {
		try {
			fn();
			return 'accepted';
		} catch {
			return 'refused';
		}
	};
	const base = inputs[0];
	const foreignInput: Input = {
		...base,
		signature: foreign.query.msg_signature,
		timestamp: foreign.query.timestamp,
		nonce: foreign.query.nonce,
		raw: Buffer.from(foreign.body),
		encrypt: /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(foreign.body)![1],
	};
	// A tampered ciphertext that still carries a valid signature (as if the token leaked): only
	// the padding / length checks can catch it.
	const tamperedEncrypt = mutate(base.encrypt.slice(0, -44)) + base.encrypt.slice(-44);
	const tamperedSig = getSignature(
		secrets.callbackToken,
		base.timestamp,
		base.nonce,
		tamperedEncrypt,
	);
	const tampered: Input = {
		...base,
		signature: tamperedSig,
		encrypt: tamperedEncrypt,
		raw: Buffer.from(base.raw.toString('utf8').replace(base.encrypt, tamperedEncrypt)),
	};
	const badSig: Input = {
		...base,
		signature: base.signature.replace(/^./, (c) => (c === '0' ? '1' : '0')),
	};
	const row = (name: string, input: Input) => [
		name,
		verdict(() => ours(secrets, input)),
		verdict(() => theirs(secrets, input)),
	];
	const checkRows = [
		row('valid callback', base),
		row('wrong msg_signature', badSig),
		row('encrypted for another corp (receive id)', foreignInput),
		row('ciphertext altered, signature recomputed', tampered),
	];
	printTable('What each side checks (same inputs)', ['input', 'ours', '@wecom/crypto'], checkRows);

	const contenders: Contender<Input>[] = [
		{
			name: 'ours: full (UTF-8 + envelope XML + signature + decrypt + event XML)',
			run: (input) => ours(secrets, input),
		},
		{ name: '@wecom/crypto: getSignature + decrypt', run: (input) => theirs(secrets, input) },
		{
			name: 'ours: signature + decrypt only (verifySignature + decryptFor)',
			run: (input) => {
				if (
					!verifySignature(
						secrets.callbackToken,
						input.timestamp,
						input.nonce,
						input.encrypt,
						input.signature,
					)
				)
					throw new Error('sig');
				return decryptFor(secrets.encodingAESKey, input.encrypt, secrets.corpId);
			},
		},
		{
			name: '@wecom/crypto + fast-xml-parser defaults (envelope + event) + receive id',
			run: (input) => theirsWithXml(secrets, input),
		},
		{ name: 'stage: parseEnvelope', run: (input) => parseEnvelope(input.raw.toString('latin1')) },
		{
			name: 'stage: verifySignature',
			run: (input) =>
				verifySignature(
					secrets.callbackToken,
					input.timestamp,
					input.nonce,
					input.encrypt,
					input.signature,
				),
		},
		{
			name: 'stage: decryptFor',
			run: (input) => decryptFor(secrets.encodingAESKey, input.encrypt, secrets.corpId),
		},
		{ name: 'stage: parseEvent', run: (input) => parseEvent(input.plaintextXml) },
	];
	const started = Date.now();
	const results = throughput(contenders, inputs, {
		warmupMs: WARMUP_MS,
		roundMs: ROUND_MS,
		rounds: ROUNDS,
	});
	const [full, their, oursCrypto, theirXml] = results;
	const usPerOp = (opsPerSecond: number) => 1e6 / opsPerSecond;
	printTable(
		`Events per second on one core (CPU time of this process): ${fmt(COUNT)} distinct callbacks, ${ROUNDS} interleaved rounds of ${ROUND_MS} ms after ${WARMUP_MS} ms warm-up each (${((Date.now() - started) / 1000).toFixed(1)} s)`,
		[
			'contender',
			'median events per CPU-second',
			'min–max',
			'µs CPU/event',
			'wall-clock events/s (median)',
		],
		results.map((r) => [
			r.name,
			Math.round(r.median),
			`${fmt(Math.round(r.min))}–${fmt(Math.round(r.max))}`,
			usPerOp(r.median),
			Math.round(r.wallMedian),
		]),
	);
	const fullUs = usPerOp(full.median);
	printTable(
		'Where ours spends its time (stage alone, µs/event, share of the full path)',
		['stage', 'µs/event', 'share'],
		results
			.slice(4)
			.map((r) => [
				r.name.slice(7),
				usPerOp(r.median),
				`${((100 * usPerOp(r.median)) / fullUs).toFixed(0)}%`,
			]),
	);
	printTable(
		'Ratios (median of per-round ratios of events per CPU-second)',
		['comparison', 'ratio', 'goal'],
		[
			[
				'ours full / @wecom/crypto (the brief’s comparison)',
				ratio(medianRatio(full, their)),
				'≥ 1.00×',
			],
			[
				'ours signature+decrypt / @wecom/crypto (crypto like for like)',
				ratio(medianRatio(oursCrypto, their)),
				'≥ 1.00×',
			],
			[
				'ours full / @wecom/crypto + fast-xml-parser (whole handler like for like)',
				ratio(medianRatio(full, theirXml)),
				'≥ 1.00×',
			],
		],
	);

	if (hasFlag('profile')) {
		const hot = await profile(() => {
			const until = Date.now() + 3000;
			while (Date.now() < until) for (const input of inputs) ours(secrets, input);
		}, 12);
		printTable(
			'CPU profile of ours (full path, 3 s): self time per source',
			['source', 'self %'],
			hot.sources.map((h) => [h.source, `${h.selfPct.toFixed(1)}%`]),
		);
		printTable(
			'CPU profile of ours: heaviest functions (fast-xml-parser ships minified)',
			['function', 'where', 'self %'],
			hot.functions.map((h) => [h.fn, h.where, `${h.selfPct.toFixed(1)}%`]),
		);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
