import assert from 'node:assert/strict';
import { test } from 'node:test';
import { photoCredit } from './credit.ts';

test('photographer and organisation, the organisation named once', () => {
  assert.equal(photoCredit({ credit: 'Jane Doe', creditOrganisation: 'Agency' }), 'Jane Doe/Agency');
  assert.equal(photoCredit({ credit: 'Samer Odeh/Mashriq Wire', creditOrganisation: 'Mashriq Wire' }), 'Samer Odeh/Mashriq Wire');
  assert.equal(photoCredit({ credit: 'Youssef Benali / the tamarisk', creditOrganisation: 'The Tamarisk' }), 'Youssef Benali / the tamarisk');
  assert.equal(photoCredit({ credit: 'Agency', creditOrganisation: 'Agency' }), 'Agency');
  // A name that merely contains the organisation's is another name.
  assert.equal(photoCredit({ credit: 'Mashriq Wire Pool', creditOrganisation: 'Mashriq Wire' }), 'Mashriq Wire Pool/Mashriq Wire');
});

test('either part alone, or nothing', () => {
  assert.equal(photoCredit({ credit: '  Jane Doe ', creditOrganisation: null }), 'Jane Doe');
  assert.equal(photoCredit({ credit: null, creditOrganisation: ' Agency ' }), 'Agency');
  assert.equal(photoCredit({ credit: ' ', creditOrganisation: '' }), '');
});

test("an editor's credit for this use wins as written; an empty one means none", () => {
  const image = { credit: 'Samer Odeh/Mashriq Wire', creditOrganisation: 'Mashriq Wire' };
  assert.equal(photoCredit(image, ' Staff '), 'Staff');
  assert.equal(photoCredit(image, ''), '');
  assert.equal(photoCredit(image, null), 'Samer Odeh/Mashriq Wire');
});
