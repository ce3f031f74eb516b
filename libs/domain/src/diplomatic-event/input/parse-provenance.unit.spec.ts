import { DomainError } from '../../errors';
import { talksInput } from '../../testing/talks-input';
import { parseEventFilter } from '../filter/parse-event-filter';
import { parseAmendInput, parseRecordInput } from './parse-input';

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.issues;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('provenance of an imported record', () => {
  it('is kept: dataset, version, row id and URL', () => {
    const provenance = {
      dataset: 'gdelt',
      version: '2.0',
      rowId: '1001',
      url: 'https://example.org/a',
    };
    expect(parseRecordInput(talksInput({ provenance })).facts.provenance).toEqual(provenance);
  });

  it('needs a dataset slug and a row id; its URL is http(s)', () => {
    expect(
      issuesOf(() =>
        parseRecordInput(talksInput({ provenance: { dataset: 'Not A Slug', url: 'ftp://x' } })),
      ).map((i) => i.path),
    ).toEqual(['provenance.dataset', 'provenance.rowId', 'provenance.url']);
  });

  it('is never changed by an amendment', () => {
    expect(
      issuesOf(() =>
        parseAmendInput({
          id: '7d9f2c4e-5a1b-4c3d-8e9f-0a1b2c3d4e5f',
          expectedRevision: 1,
          reason: 'fix',
          provenance: { dataset: 'gdelt', rowId: '1' },
        }),
      ),
    ).toEqual([{ path: 'provenance', message: 'is not a known field' }]);
  });

  it('filters by dataset: slugs, capped', () => {
    expect(parseEventFilter({ datasets: ['gdelt', 'ICEWS', 'gdelt'] })).toMatchObject({
      datasets: ['gdelt', 'icews'],
    });
    expect(issuesOf(() => parseEventFilter({ datasets: ['a b'] }))[0].path).toBe(
      'filter.datasets[0]',
    );
  });
});
