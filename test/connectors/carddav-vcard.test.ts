// vCard lines: parsing, folding, patching (no server needed).
import { describe, expect, it } from 'vitest';
import { contactOf, factsOf, newCard, parseCard, patchCard, serializeCard } from '../../main/connectors/carddav/vcard.js';
import { parseMultistatus } from '../../main/connectors/carddav/xml.js';

describe('vCard handling', () => {
  it('folds long lines at 75 octets without splitting umlauts, and unfolds them again', () => {
    const long = 'Ä'.repeat(60) + ' Straße';
    const text = serializeCard(newCard({ customerId: null, firstName: long, lastName: 'Öl', email: 'a@b.example', phone: null }, { uid: 'u1', stamp: 's1', version: '4.0' }));
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(contactOf(parseCard(text)!)).toMatchObject({ firstName: long, lastName: 'Öl' });
    expect(factsOf(parseCard(text)!)).toMatchObject({ uid: 'u1', stamp: 's1' });
  });

  it('reads vCard 4.0 URIs and PREF, keeps their form on patch, escapes special characters', () => {
    const card = parseCard('BEGIN:VCARD\nVERSION:4.0\nFN:A\nN:Meier\\, jun.;Anna;;;\nTEL;VALUE=uri;TYPE=home:tel:+49-1\nTEL;VALUE=uri;PREF=1:tel:+49-2\nEMAIL:a@x.example\nEND:VCARD\n')!;
    expect(contactOf(card)).toEqual({ customerId: null, firstName: 'Anna', lastName: 'Meier, jun.', email: 'a@x.example', phone: '+49-2' });
    const patched = serializeCard(patchCard(card, { customerId: null, firstName: 'Anna', lastName: 'Meier; sen.', email: null, phone: '+49-3' }));
    expect(patched).toContain('TEL;VALUE=uri;PREF=1:tel:+49-3');
    expect(patched).toContain('TEL;VALUE=uri;TYPE=home:tel:+49-1');
    expect(patched).toContain('N:Meier\\; sen.;Anna;;;');
    expect(patched).not.toContain('EMAIL');
  });

  it('refuses what is not exactly one vCard', () => {
    expect(parseCard('hello')).toBeNull();
    expect(parseCard('BEGIN:VCARD\nFN:x\n')).toBeNull();
    expect(parseCard('BEGIN:VCARD\nBEGIN:VCARD\nEND:VCARD\nEND:VCARD\n')).toBeNull();
  });

  it('reads multistatus answers whatever the namespace prefixes, with CDATA and entities', () => {
    const xml = `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:response><d:href>/a/b/c%20d.vcf</d:href><d:propstat><d:prop><d:getetag>"e1"</d:getetag><card:address-data><![CDATA[BEGIN:VCARD\nFN:A & B\nEND:VCARD]]></card:address-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response><d:response><d:href>/a/b/gone.vcf</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response><d:sync-token>tok&amp;1</d:sync-token></d:multistatus>`;
    const ms = parseMultistatus(xml, 'test');
    expect(ms.syncToken).toBe('tok&1');
    expect(ms.responses[0]).toMatchObject({ href: '/a/b/c%20d.vcf', status: null });
    expect(ms.responses[0]!.props.get('getetag')!.text).toBe('"e1"');
    expect(ms.responses[0]!.props.get('address-data')!.text).toContain('FN:A & B');
    expect(ms.responses[1]).toMatchObject({ href: '/a/b/gone.vcf', status: 404 });
    expect(() => parseMultistatus('<html></html>', 'test')).toThrow(/not a WebDAV multistatus/);
  });
});
