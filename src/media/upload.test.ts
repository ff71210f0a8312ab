/** Uploaded file names become safe text; searches mean the characters people typed. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeLike, searchTerms } from './library.ts';
import { MAX_ORIGINAL_NAME_LENGTH, sanitiseFileName } from './upload.ts';

describe('sanitiseFileName', () => {
  test('keeps ordinary names, in any script, as they are', () => {
    assert.equal(sanitiseFileName('Council meeting 03.jpg'), 'Council meeting 03.jpg');
    assert.equal(sanitiseFileName('اجتماع المجلس.jpeg'), 'اجتماع المجلس.jpeg');
  });

  test('keeps only the last path segment', () => {
    assert.equal(sanitiseFileName('C:\\fakepath\\photo.png'), 'photo.png');
    assert.equal(sanitiseFileName('../../etc/passwd'), 'passwd');
  });

  test('drops control and bidi-override characters and folds whitespace', () => {
    assert.equal(sanitiseFileName('evil\u202Egpj.exe'), 'evilgpj.exe');
    assert.equal(sanitiseFileName(' two\n\tlines\u0000.jpg '), 'two lines.jpg');
  });

  test('nothing left is null', () => {
    assert.equal(sanitiseFileName(''), null);
    assert.equal(sanitiseFileName(' \u0007 '), null);
    assert.equal(sanitiseFileName('folder/'), null);
  });

  test('long names are cut to the limit with the extension kept and no surrogate pair split', () => {
    const cut = sanitiseFileName(`${'📷'.repeat(300)}.webp`);
    assert.ok(cut);
    assert.equal(Array.from(cut).length, MAX_ORIGINAL_NAME_LENGTH);
    assert.ok(cut.endsWith('📷….webp'));
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut), 'no lone high surrogate');
    const noExtension = sanitiseFileName('a'.repeat(500));
    assert.equal(noExtension, `${'a'.repeat(MAX_ORIGINAL_NAME_LENGTH - 1)}…`);
  });
});

describe('search text', () => {
  test('LIKE wildcards and the escape character are escaped', () => {
    assert.equal(escapeLike('100%_done\\'), '100\\%\\_done\\\\');
  });

  test('a search splits into distinct words, at most eight', () => {
    assert.deepEqual(searchTerms('  flood  Zarqa flood '), ['flood', 'Zarqa']);
    assert.deepEqual(searchTerms(''), []);
    assert.equal(searchTerms('a b c d e f g h i j').length, 8);
  });
});
