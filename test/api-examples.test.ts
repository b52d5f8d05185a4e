// The request examples the OpenAPI document shows other systems' developers must be requests the
// API accepts: each passes its own schema, and a new listing's example passes the import row's
// checks (ID number check digit, category, unit code) that the service applies to it.
import { describe, expect, it } from 'vitest';
import { loginInput } from '../src/areas/accounts/schema.ts';
import { claimInput } from '../src/areas/clearances/schema.ts';
import { correctionInput, fugitiveRow, newListingInput } from '../src/areas/registry/schema.ts';

const exampleOf = (schema: { meta(): unknown }) =>
  (schema.meta() as { example: Record<string, unknown> }).example;

describe('request examples of the API document', () => {
  it.each([
    ['sign-in', loginInput],
    ['claim', claimInput],
    ['listing correction', correctionInput],
    ['new listing', newListingInput],
  ] as const)('has a %s example its schema accepts', (_, schema) => {
    const example = exampleOf(schema);
    expect(example).toBeTypeOf('object');
    expect(schema.safeParse(example).error?.issues).toBeUndefined();
  });

  it('has a new-listing example that passes the checks of an import row', () => {
    const e = exampleOf(newListingInput) as Record<string, string>;
    const row = fugitiveRow.safeParse({
      listing_no: e.listingNo,
      name: e.name,
      sex: e.sex,
      id_number: e.idNumber,
      crime_category: e.crimeCategory,
      offence: e.offence,
      listing_agency: e.listingAgency,
      listed_on: e.listedOn,
    });
    expect(row.error?.issues).toBeUndefined();
  });
});
