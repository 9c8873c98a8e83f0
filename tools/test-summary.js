'use strict';
// Prints, after every jest run, the tests that failed with the start of their message, then one
// closing line over every run ("tests: N passed, N failed, N skipped"), the plain form CI reads.
// Failures go last because CI shows the end of a long log, and only its last ~1,500 characters:
// the full messages first, then a brief of each failure sized to fit that tail with the count.
const fs = require('node:fs');
const path = require('node:path');

const MESSAGE_LINES = 25;
const BRIEF_CHARS = 1200; // the whole brief, so that it and the count fit CI's tail
const BRIEF_LINE_CHARS = 150;
const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');
const head = (text) => stripAnsi(text).split('\n').slice(0, MESSAGE_LINES).join('\n');
const cut = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A failure in a few short lines: where, which test, the message without blank and stack lines. */
function brief({ file, test, message }, budget) {
	const lines = stripAnsi(message)
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line && !line.startsWith('at ') && !/^(>?\s*\d+ )?\|/.test(line));
	let out = cut(`✕ ${path.basename(file)}${test ? ` › ${test}` : ''}`, BRIEF_LINE_CHARS);
	for (const line of lines) {
		const next = `${out}\n  ${cut(line, BRIEF_LINE_CHARS)}`;
		if (next.length > budget) break;
		out = next;
	}
	return out;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const file of process.argv.slice(2)) {
	if (!fs.existsSync(file)) continue;
	const report = JSON.parse(fs.readFileSync(file, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
	skipped += report.numPendingTests + report.numTodoTests;
	for (const suite of report.testResults ?? []) {
		const name = path.relative(process.cwd(), suite.name);
		const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
		for (const test of failedTests)
			failures.push({ file: name, test: test.fullName, message: test.failureMessages.join('\n') });
		// A suite that failed outside any test (setup, a syntax error): its own message.
		if (failedTests.length === 0 && suite.status === 'failed' && suite.message)
			failures.push({ file: name, test: '', message: suite.message });
	}
}
if (failures.length > 0) {
	const full = failures.map((f) => `${f.file}\n  ✕ ${f.test}\n${head(f.message)}`);
	console.log(`\nfailed:\n\n${full.join('\n\n')}\n`);
	// At most four briefs share the budget; the rest are named only.
	const shown = failures.slice(0, 4);
	const briefs = shown.map((f) => brief(f, Math.floor(BRIEF_CHARS / shown.length)));
	const rest = failures.slice(4).map((f) => cut(`✕ ${path.basename(f.file)} › ${f.test}`, 100));
	console.log(`failed, in brief:\n${[...briefs, ...rest].join('\n')}`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
