// The stand-in's standalone server: listens where Next.js's does (PORT, HOSTNAME) and answers the
// routes the Kubernetes probes and the container test use.
const http = require('http');
const fs = require('fs');
const path = require('path');
const ms = require('ms');

const port = parseInt(process.env.PORT || '3000', 10);
const hostname = process.env.HOSTNAME || '0.0.0.0';
const apiUrl = __NEXT_PUBLIC_API_URL__;

function sendFile(res, file, type) {
    fs.readFile(file, (err, data) => {
        if (err) {
            res.writeHead(404, { 'Content-Type': 'text/plain' });
            res.end('not found\n');
            return;
        }
        res.writeHead(200, { 'Content-Type': type });
        res.end(data);
    });
}

http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/api/health') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({
            status: 'healthy',
            service: 'frontend-standin',
            uptime: ms(Math.round(process.uptime() * 1000)),
            apiUrl,
        }));
    } else if (url.pathname.startsWith('/_next/static/')) {
        const rel = path.normalize(url.pathname.slice('/_next/static/'.length)).replace(/^(\.\.[/\\])+/, '');
        sendFile(res, path.join(__dirname, '.next', 'static', rel), 'application/javascript');
    } else if (url.pathname === '/robots.txt') {
        sendFile(res, path.join(__dirname, 'public', 'robots.txt'), 'text/plain');
    } else {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end(`<!doctype html><title>todo stand-in</title><script src="/_next/static/chunks/main.js"></script>\n`);
    }
}).listen(port, hostname, () => {
    console.log(`stand-in ready on http://${hostname}:${port}`);
});
