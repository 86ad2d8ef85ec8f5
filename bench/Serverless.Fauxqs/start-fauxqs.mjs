// Started by FauxqsInstance with the folder of the fauxqs package: fauxqs's own launcher listens on every interface,
// so this one builds the same app and binds it to 127.0.0.1 on a port the system picks, then prints the line
// FauxqsInstance waits for.
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const dist = path.join(process.argv[2], 'dist');
const { buildApp } = await import(pathToFileURL(path.join(dist, 'app.js')).href);
const { SqsQueue } = await import(pathToFileURL(path.join(dist, 'sqs', 'sqsStore.js')).href);

// fauxqs moves messages whose delay or visibility ran out only when a receive comes; SQS counts them as visible at
// once. Reading a queue's attributes moves them first, so counts agree with SQS's.
const getAllAttributes = SqsQueue.prototype.getAllAttributes;
SqsQueue.prototype.getAllAttributes = function (requested) {
  this.processTimers();
  return getAllAttributes.call(this, requested);
};

const app = buildApp({ logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address();
console.log(`fauxqs listening on 127.0.0.1:${port}`);
