const path = require('path');
const { task, src, dest } = require('gulp');

// n8n resolves `icon: 'file:…'` next to the compiled node file, so icons must sit in dist/ too.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { encoding: false }).pipe(
		dest((file) => path.join('dist', path.relative(process.cwd(), file.base))),
	),
);
