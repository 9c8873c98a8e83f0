'use strict';
// Prints, after every jest run, the tests that failed with the start of their message, then one
// closing line over every run ("tests: N passed, N failed, N skipped"), the plain form CI reads.
// Failures go last because CI shows the end of a long log: a red run must say there what broke.
const fs = require('node:fs');
const path = require('node:path');

const MESSAGE_LINES = 25;
const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');
const head = (text) => stripAnsi(text).split('\n').slice(0, MESSAGE_LINES).join('\n');

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
			failures.push(`${name}\n  ✕ ${test.fullName}\n${head(test.failureMessages.join('\n'))}`);
		// A suite that failed outside any test (setup, a syntax error): its own message.
		if (failedTests.length === 0 && suite.status === 'failed' && suite.message)
			failures.push(`${name}\n${head(suite.message)}`);
	}
}
if (failures.length > 0) console.log(`\nfailed:\n\n${failures.join('\n\n')}\n`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
