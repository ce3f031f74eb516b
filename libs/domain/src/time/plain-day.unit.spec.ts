import fc from 'fast-check';
import { parseWithGrammar, tryParseOccurred } from './occurred';

describe('a plain day read without the EDTF grammar', () => {
  it('gives what the grammar gives, for any day of years 1000–9999', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const day = date.toISOString().slice(0, 10);
          expect(tryParseOccurred(day)).toEqual(parseWithGrammar(day));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each(['2023-02-29', '2022-13-01', '2022-00-10', '2022-04-31', '0999-01-01', '2022-4-21'])(
    '%s is left to the grammar, which answers the same',
    (value) => expect(tryParseOccurred(value)).toEqual(parseWithGrammar(value)),
  );
});
