/**
 * Test helper: HAProxy from Debian in front of app replicas, configured from the sample config that
 * ships in `deploy/haproxy.cfg` (its ports replaced by the test's), so the test runs what a team deploys.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sample load-balancer configuration. */
export const HAPROXY_CONFIG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'deploy', 'haproxy.cfg');

/** A skip message for node:test when HAProxy is not installed, else false. */
export function skipWithoutHaproxy(): string | false {
  return spawnSync('haproxy', ['-v']).status === 0 ? false : 'needs HAProxy (Debian package haproxy; scripts/setup.sh installs it)';
}

/** A free localhost TCP port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running load balancer. */
export interface LoadBalancer {
  url: string;
  stop(): Promise<void>;
}

/**
 * `deploy/haproxy.cfg` with its frontend on `port` and one `server` line per backend port (the sample's
 * server lines are replaced, their options kept).
 */
export function haproxyConfig(port: number, backends: number[]): string {
  const sample = readFileSync(HAPROXY_CONFIG, 'utf8');
  const serverLine = /^(\s*)server \S+ 127\.0\.0\.1:\d+(.*)$/m.exec(sample);
  if (!serverLine) throw new Error(`${HAPROXY_CONFIG}: no "server <name> 127.0.0.1:<port>" line to copy`);
  const servers = backends.map((p, i) => `${serverLine[1]}server replica${i + 1} 127.0.0.1:${p}${serverLine[2]}`).join('\n');
  return sample
    .replace(/^\s*bind 127\.0\.0\.1:\d+$/m, `    bind 127.0.0.1:${port}`)
    .replace(/^\s*server \S+ 127\.0\.0\.1:\d+.*$(\n^\s*server \S+ 127\.0\.0\.1:\d+.*$)*/m, servers);
}

/** Starts HAProxy (foreground, config in `dir`) balancing over `backends`; resolves once it accepts connections. */
export async function startHaproxy(dir: string, backends: number[]): Promise<LoadBalancer> {
  const port = await freePort();
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(config, haproxyConfig(port, backends));
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    }),
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}
