import type { UnitKind } from '../units/rules.ts';
import type { LetterRow } from './repo.ts';
import type { DocumentType } from './rules.ts';
import type { LetterOut } from './schema.ts';

/** What leaves the server about a letter: a whitelist, so a new column never leaks by accident. */
export function presentLetter(l: LetterRow): LetterOut {
  return {
    id: l.id,
    campaign: l.campaign_name,
    unit: { code: l.unit_code, name: l.unit_name, kind: l.unit_kind as UnitKind },
    target: Number(l.target),
    baseline: l.baseline,
    signer: { username: l.signer_username, displayName: l.signed_by },
    provenance: l.provenance as LetterOut['provenance'],
    signedOn: l.signed_on,
    document:
      l.document_sha256 === null
        ? null
        : {
            sha256: l.document_sha256,
            name: l.document_name ?? '',
            mediaType: l.document_type as DocumentType,
            size: Number(l.document_size),
          },
    createdAt: l.created_at,
  };
}
