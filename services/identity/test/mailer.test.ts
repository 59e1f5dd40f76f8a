import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Mailer } from '../src/modules/notifications/mailer';

/** A minimal SMTP server that records the DATA of each message. */
async function smtpServer(): Promise<{ port: number; messages: string[]; close: () => Promise<void> }> {
  const messages: string[] = [];
  const server = net.createServer((socket) => {
    let data: string | null = null;
    let buffer = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (data !== null) {
          if (line === '.') {
            messages.push(data);
            data = null;
            socket.write('250 OK queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO') socket.write('250-test\r\n250 8BITMIME\r\n');
        else if (cmd === 'HELO' || cmd === 'MAIL' || cmd === 'RCPT' || cmd === 'RSET' || cmd === 'NOOP')
          socket.write('250 OK\r\n');
        else if (cmd === 'DATA') {
          data = '';
          socket.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('502 unknown\r\n');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    messages,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe(Mailer.name, () => {
  it('should send through SMTP when SMTP_URL is set', async () => {
    const smtp = await smtpServer();
    cleanups.push(smtp.close);
    const sut = new Mailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'Tandem <no-reply@tandem.local>' });
    expect(sut.directory).toBeNull();
    const ref = await sut.send({
      id: 'n-1',
      to: 'amara@example.org',
      toName: 'Amara Okafor',
      subject: 'A request for you',
      text: 'Hello',
    });
    expect(ref).toMatch(/^<.+>$/);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatch(/^To: Amara Okafor <amara@example\.org>$/m);
    expect(smtp.messages[0]).toMatch(/^Subject: A request for you$/m);
  });

  it('should write an RFC 822 .eml file under MAIL_DIR when no SMTP is configured', async () => {
    const dir = await mkdtemp(join(os.tmpdir(), 'tandem-mailer-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const sut = new Mailer({ mailDir: join(dir, 'mail'), from: 'Tandem <no-reply@tandem.local>' });
    const path = await sut.send({
      id: 'n-2',
      to: 'bo@example.org',
      toName: 'Bo Chen',
      subject: 'Please confirm',
      text: 'Body text',
    });
    expect(path.startsWith(join(dir, 'mail'))).toBe(true);
    expect(path.endsWith('-n-2.eml')).toBe(true);
    const eml = await readFile(path, 'utf8');
    const [headers, body] = eml.split(/\r?\n\r?\n/);
    expect(headers).toMatch(/^From: Tandem <no-reply@tandem\.local>$/m);
    expect(headers).toMatch(/^To: Bo Chen <bo@example\.org>$/m);
    expect(headers).toMatch(/^Date: .+$/m);
    expect(headers).toMatch(/^MIME-Version: 1\.0$/m);
    expect(body.trim()).toBe('Body text');
  });
});
