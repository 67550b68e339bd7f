// Preloaded into the Agents Playground (`node --import <this file> cli.js start …`) so that it
// stays on this machine, whatever it was built to do:
// - Playground 0.2.28 calls `server.listen(port)` without a host, i.e. on every network
//   interface: a listen call that names no host (or a wildcard one) is pinned to 127.0.0.1;
// - even with --disable-telemetry it starts an Application Insights client whose "statsbeat"
//   connects to *.in.applicationinsights.azure.com (APPLICATION_INSIGHTS_NO_STATSBEAT stops
//   that; this is the safety net): an outgoing connection to anything but loopback fails with
//   ECONNREFUSED before any DNS lookup.
import net from 'node:net';
import process from 'node:process';

const LOOPBACK = '127.0.0.1';
const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::']);

function isLoopbackHost(host) {
  return (
    host === undefined ||
    host === null ||
    host === 'localhost' ||
    host === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if (first === undefined || typeof first === 'function') {
    // listen() or listen(callback): a random port.
    args.unshift(0, LOOPBACK);
  } else if (typeof first === 'object' && first !== null) {
    // listen(options[, callback]); a path, fd or handle is not a TCP port and is left alone.
    const isTcp =
      !('path' in first) && !('fd' in first) && !('handle' in first) && !('_handle' in first);
    if (isTcp && (first.host === undefined || WILDCARD_HOSTS.has(first.host))) {
      args[0] = { ...first, host: LOOPBACK };
    }
  } else if (typeof first === 'number' || /^\d+$/.test(String(first))) {
    // listen(port[, host][, backlog][, callback])
    if (typeof second === 'string') {
      if (WILDCARD_HOSTS.has(second)) args[1] = LOOPBACK;
    } else {
      args.splice(1, 0, LOOPBACK);
    }
  }
  return originalListen.apply(this, args);
};

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connectToLoopbackOnly(...args) {
  // connect(options[, cb]), connect(port[, host][, cb]) or connect(path[, cb]); http, https,
  // tls and fetch all end up here.
  const [first, second] = args;
  let host;
  if (Array.isArray(first)) {
    host = first[0]?.host; // internal form used by http: [options, callback]
  } else if (typeof first === 'object' && first !== null) {
    host = 'path' in first && first.path ? undefined : first.host;
  } else if (typeof first === 'number' || /^\d+$/.test(String(first))) {
    host = typeof second === 'string' ? second : undefined;
  }
  if (!isLoopbackHost(host)) {
    const error = Object.assign(new Error(`connect to ${host} refused: loopback only`), {
      code: 'ECONNREFUSED',
    });
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return originalConnect.apply(this, args);
};
