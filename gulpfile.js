// Copies the icons (shared by nodes and credentials) into dist, keeping their folder,
// so `file:../../icons/x.svg` in dist/nodes/X/ and `file:../icons/x.svg` in dist/credentials/ resolve.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['icons/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
