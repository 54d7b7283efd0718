import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Keeps count of requests in flight per socket so a shutdown can drop the sockets doing
 * nothing at once. Node's own idle check misses a socket a client opened but never used
 * (HTTP clients pre-open them), and waiting for the client's keep-alive timeout would
 * stall every shutdown by seconds. Sockets with a request in flight finish it first.
 */
export function trackConnections(server: Server): { drainIdle(): void } {
  const busy = new Map<Socket, number>();
  let draining = false;
  server.on('connection', (socket: Socket) => {
    busy.set(socket, 0);
    socket.once('close', () => busy.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (busy.get(socket) ?? 1) - 1;
      busy.set(socket, left);
      if (draining && left === 0) socket.destroy();
    });
  });
  return {
    drainIdle: () => {
      draining = true;
      for (const [socket, n] of busy) if (n === 0) socket.destroy();
    },
  };
}
