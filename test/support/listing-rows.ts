// A listing as an import file's row, for tests that make many: the person's resident ID number is
// built from a three-digit number (the same number, the same person) with a valid check character.
import { idCheckCharacter } from '../../src/areas/registry/rules.ts';

export function listingRow(listing: {
  no: string;
  n: number;
  person: number;
  crime: string;
  agency: string;
  listedOn: string;
}) {
  const first17 = `63010219800101${String(listing.person % 1000).padStart(3, '0')}`;
  return {
    listing_no: listing.no,
    name: `Person ${listing.n}`,
    sex: '',
    birth_date: '1980-01-01',
    id_number: first17 + idCheckCharacter(first17),
    crime_category: listing.crime,
    offence: 'offence',
    case_no: '',
    listing_agency: listing.agency,
    listed_on: listing.listedOn,
    published: 'no',
    reward: '',
  };
}
