/** The JSX runtime escapes every value it did not produce itself. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Fragment, jsx, raw } from './jsx-runtime.ts';

test('text children and attribute values are escaped', () => {
  const hostile = `"><script>alert('x')</script>&`;
  const html = (
    <a href={hostile} title="plain">
      {hostile}
    </a>
  ).toString();
  assert.equal(html, `<a href="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;" title="plain">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</a>`);
});

test('raw() passes trusted HTML through; nothing else does', () => {
  assert.equal((<div>{raw('<p>ok</p>')}</div>).toString(), '<div><p>ok</p></div>');
  assert.equal((<div>{'<p>no</p>'}</div>).toString(), '<div>&lt;p&gt;no&lt;/p&gt;</div>');
});

test('booleans, null and undefined attributes; void elements; numbers; nested arrays and fragments', () => {
  assert.equal((<input hidden disabled={false} value={undefined} tabindex={-1} />).toString(), '<input hidden tabindex="-1">');
  assert.equal(
    (
      <ul>
        {[1, 2].map((n) => (
          <li>{n}</li>
        ))}
        {null}
        {false}
        <>
          <li>x</li>
        </>
      </ul>
    ).toString(),
    '<ul><li>1</li><li>2</li><li>x</li></ul>',
  );
  assert.equal(jsx(Fragment, { children: ['a', '<'] }).toString(), 'a&lt;');
});

test('components receive props and children', () => {
  const Box = (props: { label: string; children?: unknown }) => (
    <section aria-label={props.label}>{props.children as string}</section>
  );
  assert.equal((<Box label="A&B">inside</Box>).toString(), '<section aria-label="A&amp;B">inside</section>');
});

test('an attribute name that could break out of the tag is refused', () => {
  assert.throws(() => jsx('div', { 'onload="x"': 'y' }), /invalid attribute name/);
});

test('Arabic text is kept as it is', () => {
  assert.equal((<p lang="ar">مرحبا بالعالم</p>).toString(), '<p lang="ar">مرحبا بالعالم</p>');
});
