import { type KeyObject, generateKeyPairSync } from 'node:crypto';
import type { Command } from 'commander';
import { withStore } from '../store.ts';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the audit chain and its signed anchors');

  audit
    .command('verify')
    .description(
      'check the hash chain, every anchor against it, and each clearance against its audit events; name what is broken',
    )
    .option(
      '--public-key <file>',
      "Ed25519 public key (PEM) to check the anchors' signatures (default: from the environment)",
    )
    .option(
      '--anchors <file>',
      'anchors kept outside the database, one JSON object per line (as `audit anchor` prints)',
    )
    .option(
      '--deep',
      'also compare every row the figures and rewards read with the latest seal, and every listing withdrawal with its audit events',
    )
    .action(async (o: { publicKey?: string; anchors?: string; deep?: boolean }) => {
      const { anchorPublicKey } = await import('../anchor-keys.ts');
      const { formatHistoryCheck, readAnchors } = await import('../history-check.ts');
      const { verifyHistory } = await import('../../areas/integrity/history.ts');
      const publicKey = anchorPublicKey(o.publicKey);
      const outsideAnchors = o.anchors ? readAnchors(o.anchors) : [];
      const check = await withStore((ctx) =>
        verifyHistory(ctx.db, { publicKey, outsideAnchors, deep: !!o.deep }),
      );
      const print = check.ok ? console.log : console.error;
      for (const line of formatHistoryCheck(check)) print(line);
      if (!check.ok) process.exitCode = 1;
    });

  audit
    .command('anchor')
    .description(
      "sign the chain head with the anchor key (QINGWANG_ANCHOR_KEY, else the data directory's) and keep the anchor; prints it as one JSON line",
    )
    .action(async () => {
      const { anchorPrivateKey } = await import('../anchor-keys.ts');
      const { sealAndAnchor } = await import('../../areas/integrity/deep-check.ts');
      const key = anchorPrivateKey();
      const anchor = await withStore((ctx) => sealAndAnchor(ctx, key));
      console.log(JSON.stringify(anchor));
    });

  audit
    .command('seal')
    .description(
      'fingerprint every row of the tables the figures read; the digest goes into the audit chain (every anchor seals too)',
    )
    .action(async () => {
      const { sealFacts } = await import('../../areas/integrity/deep-check.ts');
      const seal = await withStore((ctx) => sealFacts(ctx));
      const rows = Object.values(seal.tables).reduce((n, t) => n + t.rows, 0);
      console.log(`sealed ${rows} rows of ${Object.keys(seal.tables).length} tables at event ${seal.seq}`);
    });

  audit
    .command('anchors')
    .description("print every anchor kept in the database, one JSON line each (for the inspectorate's copy)")
    .action(async () => {
      const { listAnchors } = await import('../../areas/audit/service.ts');
      for (const anchor of await withStore((ctx) => listAnchors(ctx.db))) console.log(JSON.stringify(anchor));
    });

  audit
    .command('keygen')
    .description('make a new Ed25519 key pair for anchors, printed as environment settings')
    .action(() => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const der = (k: KeyObject, type: 'pkcs8' | 'spki') =>
        k.export({ type, format: 'der' }).toString('base64');
      console.log(`QINGWANG_ANCHOR_KEY=${der(privateKey, 'pkcs8')}`);
      console.log(`QINGWANG_ANCHOR_PUBLIC_KEY=${der(publicKey, 'spki')}`);
      console.log(
        '# keep the first line secret (the server and `audit anchor`); give the second to the inspectorate',
      );
    });
}
