'use strict';
// Prints one closing line over every jest run ("tests: N passed, N failed, N skipped"), the
// plain form CI reads, since jest's own summary is one per run and not in that form.
const fs = require('node:fs');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
	if (!fs.existsSync(file)) continue;
	const report = JSON.parse(fs.readFileSync(file, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
	skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
