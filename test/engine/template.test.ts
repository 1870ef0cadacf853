import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../main/engine/template.js';

const fields = ['number', 'name', 'city'];

describe('field templates', () => {
  it('renders placeholders, filters and literal braces', () => {
    const data = { number: '10001', name: '  Müller & Söhne GmbH ', city: null };
    expect(compileTemplate('{number} - {name|trim}', fields)(data)).toBe('10001 - Müller & Söhne GmbH');
    expect(compileTemplate('{name|trim|upper|left:6}', fields)(data)).toBe('MÜLLER');
    expect(compileTemplate('{city|default:ohne Ort}', fields)(data)).toBe('ohne Ort');
    expect(compileTemplate('{{{number}}}', fields)(data)).toBe('{10001}');
    expect(compileTemplate('🚀 {name|trim|left:1}', fields)(data)).toBe('🚀 M');
  });

  it('refuses unknown fields, unknown filters and broken braces with a hint', () => {
    for (const bad of ['{nope}', '{name|shout}', '{name', 'a}b', '{name|left:x}', '{}']) {
      expect(() => compileTemplate(bad, fields), bad).toThrow(expect.objectContaining({ category: 'input', hint: expect.stringContaining('Filters') }));
    }
  });

  it('never executes anything: any text renders to a string without throwing', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.constantFrom(...fields), fc.oneof(fc.string(), fc.constant(null))), (src, data) => {
        let t;
        try {
          t = compileTemplate(src, fields);
        } catch {
          return true;
        }
        return typeof t(data) === 'string';
      }),
    );
  });
});
