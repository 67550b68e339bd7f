// Preloaded into the Agents Playground (`node --import <this file> cli.js start …`).
// Playground 0.2.28 calls `server.listen(port)` without a host, i.e. on every network
// interface; nothing here may be reachable from outside the machine, so a listen call
// that names no host (or a wildcard host) is pinned to 127.0.0.1.
import net from 'node:net';

const LOOPBACK = '127.0.0.1';
const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::']);
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
