// What the RawPool and ThreadedPool tests share: a loopback server that answers keep-alive requests
// with "ok" or drops them on purpose, and one GET through a pool, read into "<status> <body>".
import net from 'node:net';
import { type Exchange, readClock, type WirePool } from './raw-pool.js';

/** 'drop-second': a connection's second request is answered by closing it; 'reset': every request. */
export type ContractMode = 'drop-second' | 'reset';

export interface ContractServer {
  origin: URL;
  mode: ContractMode;
  /** Connections accepted so far (tests set it back to 0). */
  connections: number;
  close(): Promise<void>;
}

export async function startContractServer(): Promise<ContractServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    contract.connections++;
    sockets.add(socket);
    let requests = 0;
    socket.on('data', (bytes) => {
      for (let at = bytes.indexOf('\r\n\r\n'); at >= 0; at = bytes.indexOf('\r\n\r\n', at + 4)) {
        requests++;
        if (contract.mode === 'reset' || requests === 2) return void socket.destroy();
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const contract: ContractServer = {
    origin: new URL(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`),
    mode: 'drop-second',
    connections: 0,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return contract;
}

/** One GET; per body piece, `onBody` gets its stamp (readClock.now) and when this thread handled it. */
export function get(pool: WirePool, onBody?: (stamp: number, handled: number) => void): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    let status = 0;
    const exchange: Exchange = {
      onHead: (code) => {
        status = code;
      },
      onBody: (bytes, start, end) => {
        body += bytes.toString('latin1', start, end);
        onBody?.(readClock.now, performance.now());
      },
      onEnd: () => resolve(`${status} ${body}`),
      onError: (error) => resolve(`error ${error.message}`),
    };
    pool.send(Buffer.from('GET / HTTP/1.1\r\nhost: x\r\n\r\n'), exchange);
  });
}
