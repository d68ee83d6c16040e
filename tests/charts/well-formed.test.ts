/** The strict checker the package tests rely on rejects what a strict XML parser rejects. */
import { wellFormedProblems } from './helpers/well-formed';

const ok = [
  '<a/>',
  '<?xml version="1.0"?>\n<a b="1" c=\'2\'><!-- x --><b>&amp;&lt;&#233;&#xE9;</b><![CDATA[<raw>]]></a>',
  '<p:a xmlns:p="urn:x"><p:b p:c="1"/></p:a>',
  '<a xml:lang="fr"/>',
];

test.each(ok)('accepts %s', (xml) => {
  expect(wellFormedProblems(xml)).toEqual([]);
});

test.each([
  ['<a><b></a></b>', /closes/],
  ['<a>', /unclosed/],
  ['<a/><b/>', /second root/],
  ['<a b="1" b="2"/>', /duplicate attribute/],
  ['<a b=1/>', /bad attribute/],
  ['<a b="1"c="2"/>', /separated by white space/],
  ['<a>&nbsp;</a>', /unknown entity/],
  ['<a>R&D</a>', /bare « & »/],
  ['<a b="x<y"/>', /bad attribute/],
  ['<p:a/>', /prefix « p » of « p:a » is not declared/],
  ['<a q:b="1"/>', /prefix « q »/],
  ['text<a/>', /outside the root/],
  ['<!DOCTYPE a><a/>', /DTD/],
  ['<a><!-- a -- b --></a>', /inside a comment/],
  ['<a>\u0001</a>', /not allowed/],
  ['<a/>\n<?xml version="1.0"?>', /not at the very start/],
  ['', /no root/],
])('rejects %j', (xml, problem) => {
  expect(wellFormedProblems(xml).join('\n')).toMatch(problem);
});
