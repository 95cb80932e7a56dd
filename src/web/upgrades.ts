/**
 * Every WebSocket upgrade request on the HTTP server is answered here. The one path that takes
 * upgrades (the Direct Line stream, when it runs) gets its handler; every other path gets 404 and
 * its socket is closed, and a handshake that has not finished in time is cut off, so stray or
 * stalled upgrades cannot hold sockets open. restify passes the 'upgrade' event on to its own
 * listeners, so "is anyone else listening" says nothing about whether anyone will answer.
 */
import { IncomingMessage, Server as HttpServer } from 'node:http';
import { Duplex } from 'node:stream';

/** Long enough for a slow phone to finish a handshake; short enough that stalled ones do not pile up. */
export const UPGRADE_TIMEOUT_MS = 10_000;

export interface UpgradeHandler {
  /** Takes the request if it is for this handler's path; false leaves it to be refused. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer, opened: () => void): boolean;
}

export function routeUpgrades(server: HttpServer, handlers: readonly UpgradeHandler[]): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const timer = setTimeout(() => socket.destroy(), UPGRADE_TIMEOUT_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    const opened = () => clearTimeout(timer);
    if (!handlers.some((handler) => handler.handle(req, socket, head, opened))) refuseUpgrade(socket, 404, 'Not Found');
  });
}

/** Answers an upgrade with an HTTP error and closes the socket, whatever the client does next. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}
