// Writes what `next build` writes with `output: 'standalone'`, as far as the Dockerfile depends on it:
// .next/standalone/server.js (+ package.json and the traced node_modules) run by `node server.js`, and
// .next/static served under /_next/static. NEXT_PUBLIC_* values are inlined at build time, as Next.js
// does.
const fs = require('fs');
const path = require('path');

const out = path.join(__dirname, '.next');
const buildId = Date.now().toString(36);
const apiUrl = process.env.NEXT_PUBLIC_API_URL || '';

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'standalone', '.next'), { recursive: true });
fs.mkdirSync(path.join(out, 'static', 'chunks'), { recursive: true });

const server = fs.readFileSync(path.join(__dirname, 'app', 'server.js'), 'utf8')
    .replace('__NEXT_PUBLIC_API_URL__', JSON.stringify(apiUrl));
fs.writeFileSync(path.join(out, 'standalone', 'server.js'), server);
fs.writeFileSync(path.join(out, 'standalone', 'package.json'),
    JSON.stringify({ name: 'todo-frontend-standin', private: true }, null, 2) + '\n');
fs.writeFileSync(path.join(out, 'standalone', '.next', 'BUILD_ID'), buildId);
// Next.js copies only the dependencies the server needs (output file tracing); here, all of them.
fs.cpSync(path.join(__dirname, 'node_modules'), path.join(out, 'standalone', 'node_modules'), { recursive: true });
fs.writeFileSync(path.join(out, 'static', 'chunks', 'main.js'),
    `window.__NEXT_PUBLIC_API_URL = ${JSON.stringify(apiUrl)};\n`);
console.log(`stand-in build ${buildId}: .next/standalone and .next/static written`);
