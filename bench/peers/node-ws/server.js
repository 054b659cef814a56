// The Node peer of bench/sync: a minimal `ws` broadcast server, what a web
// team would reach for. Clients connect to ws://127.0.0.1:PORT/ws and get a
// welcome; POST /broadcast with a task as JSON sends every client one
// task_created event shaped like Tandem's. Prints "listening on PORT".
'use strict';

const http = require('node:http');
const crypto = require('node:crypto');
const { WebSocketServer } = require('ws');

const userId = crypto.randomUUID();
let seq = 0;

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/broadcast') {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const now = new Date().toISOString();
    const task = {
      completedAt: null,
      createdAt: now,
      description: body.description ?? '',
      due: null,
      id: crypto.randomUUID(),
      ownerId: userId,
      priority: body.priority ?? 'none',
      revision: 1,
      status: 'pending',
      tags: body.tags ?? [],
      title: body.title,
      updatedAt: now,
    };
    seq += 1;
    const event = JSON.stringify({
      type: 'task_created',
      seq,
      opId: crypto.randomUUID(),
      data: { task, userId, timestamp: now },
    });
    for (const client of wss.clients) {
      if (client.readyState === client.OPEN) client.send(event);
    }
    const answer = JSON.stringify({ task });
    res.writeHead(201, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(answer),
    });
    res.end(answer);
  });
});

const wss = new WebSocketServer({ server, path: '/ws' });
wss.on('connection', (socket) => {
  socket.on('error', () => {});
  socket.send(JSON.stringify({ type: 'welcome', data: { userId, seq } }));
});

const port = Number(process.argv[2] ?? 0);
server.listen(port, '127.0.0.1', 1024, () => {
  console.log(`listening on ${server.address().port}`);
});
