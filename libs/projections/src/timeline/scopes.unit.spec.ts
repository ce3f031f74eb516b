import { candidateScopes, pairScope, scopesOf } from './scopes';

describe('timeline scopes', () => {
  it('names a pair the same whichever way it is given', () => {
    expect(pairScope('USA', 'CUB')).toBe('CUB+USA');
    expect(pairScope('CUB', 'USA')).toBe('CUB+USA');
  });

  it('indexes a version under each country and each pair of them', () => {
    expect(scopesOf(['CUB', 'USA'])).toEqual(['CUB', 'USA', 'CUB+USA']);
    expect(scopesOf(['CUB', 'MEX', 'USA']).sort()).toEqual(
      ['CUB', 'CUB+MEX', 'CUB+USA', 'MEX', 'MEX+USA', 'USA'].sort(),
    );
    expect(scopesOf(['USA'])).toEqual(['USA']);
  });

  it('offers every pair of a filter as a driver, or its one country', () => {
    expect(candidateScopes(['USA'])).toEqual([{ scope: 'USA', covers: ['USA'] }]);
    expect(candidateScopes(['USA', 'CUB', 'USA'])).toEqual([
      { scope: 'CUB+USA', covers: ['USA', 'CUB'] },
    ]);
    expect(candidateScopes(['USA', 'CUB', 'MEX']).map((c) => c.scope)).toEqual([
      'CUB+USA',
      'MEX+USA',
      'CUB+MEX',
    ]);
  });
});
